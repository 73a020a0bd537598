"""Every screen text is translated into every language, and switching language changes them."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from kiosk_app.app import build_window
from kiosk_app.config import Language, load_demo_config
from kiosk_app.devices.opening import open_services
from kiosk_app.main_window import KioskWindow
from kiosk_app.voice.prompter import RecordingPrompter

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"
CATALOG: dict[str, dict[str, str]] = tomllib.loads(
    (I18N / "catalog.toml").read_text(encoding="utf-8")
)
_PLACEHOLDER = re.compile(r"\{\w*\}")


def _messages(ts_file: Path) -> list[tuple[str, str, ET.Element]]:
    """(context, source, translation element) of every message in a .ts file."""
    root = ET.parse(ts_file).getroot()  # noqa: S314 - the project's own files
    found = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None, (ts_file.name, message.findtext("source"))
            found.append((name, message.findtext("source") or "", translation))
    return found


@pytest.mark.parametrize("language", list(Language), ids=str)
def test_every_text_is_translated(language: Language) -> None:
    messages = _messages(I18N / f"kiosk_{language.value}.ts")
    assert len(messages) > 50
    unfinished = [
        source
        for _context, source, translation in messages
        if translation.get("type") is not None or not (translation.text or "").strip()
    ]
    assert unfinished == []


def test_the_ts_files_hold_every_text_of_the_code(tmp_path: Path) -> None:
    fresh = tmp_path / "kiosk_xx.ts"
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "kiosk_app").rglob("*.py"))
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    subprocess.run(
        [str(lupdate), "-silent", "-extensions", "py", *sources, "-ts", str(fresh)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    in_code = {(context, source) for context, source, _t in _messages(fresh)}
    in_ts = {(context, source) for context, source, _t in _messages(I18N / "kiosk_ja.ts")}
    assert in_code - in_ts == set(), "run `make translations-update` and fill the catalog"


def test_translations_keep_the_placeholders() -> None:
    for source, row in CATALOG.items():
        wanted = sorted(_PLACEHOLDER.findall(source))
        for language, text in row.items():
            assert sorted(_PLACEHOLDER.findall(text)) == wanted, (source, language)
        assert set(row) <= {language.value for language in Language}, source


@pytest.fixture(scope="module")
def window(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> Iterator[KioskWindow]:
    config = load_demo_config(data_dir=tmp_path_factory.mktemp("translations"))
    kiosk = build_window(
        qapp, config, services=open_services(config), voice=RecordingPrompter()
    )  # devices open before the first look, so no "starting…" text changes under the test
    kiosk.resize(1280, 800)
    yield kiosk
    kiosk.shutdown()
    kiosk.close()
    kiosk.deleteLater()
    kiosk.languages.switch_to(Language.EN)


def _texts(window: KioskWindow) -> dict[tuple[str, str], str]:
    """Every label and button text on every screen, by (screen, widget) objectName."""
    texts = {}
    for screen in window.build_every_screen():
        for widget in screen.findChildren(QWidget):
            if isinstance(widget, QLabel | QPushButton) and widget.objectName() and widget.text():
                texts[(screen.objectName(), widget.objectName())] = widget.text()
    return texts


@pytest.mark.parametrize("language", [lang for lang in Language if lang is not Language.EN])
def test_switching_language_shows_the_catalog_texts(
    qapp: QApplication, window: KioskWindow, language: Language
) -> None:
    window.languages.switch_to(Language.EN)
    qapp.processEvents()
    english = _texts(window)
    window.languages.switch_to(language)
    qapp.processEvents()
    shown = _texts(window)
    checked = differs = 0
    for key, source in english.items():
        expected = CATALOG.get(source, {}).get(language.value)
        if expected is not None and not _PLACEHOLDER.search(source):
            assert shown[key] == expected, key
            checked += 1
            differs += expected != source
    assert checked >= 15  # titles and buttons of the screens, not a handful
    changed = sum(1 for key, text in shown.items() if english.get(key) != text)
    assert changed >= differs > checked // 2  # most texts look different from English
