"""The kiosk shell: home screen, languages, inactivity, clean shutdown."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator

import msgspec
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from kiosk_app.accessibility import Accessibility, DisplayMode
from kiosk_app.app import build_window
from kiosk_app.config import Config, Language
from kiosk_app.main_window import KioskWindow
from kiosk_app.voice.prompter import RecordingPrompter


@pytest.fixture
def window(qtbot: QtBot, qapp: QApplication, demo_config: Config) -> Iterator[KioskWindow]:
    kiosk = build_window(qapp, demo_config, voice=RecordingPrompter())
    qtbot.addWidget(kiosk)
    kiosk.resize(1280, 800)
    kiosk.show()
    yield kiosk
    kiosk.shutdown()
    kiosk.languages.switch_to(Language.EN)


def test_home_screen_is_japanese_and_touch_sized(window: KioskWindow) -> None:
    home = window.home
    assert window.stack.currentWidget() is home
    assert "証明書の交付" in home.issue_button.text()
    assert home.language_buttons[Language.JA].isChecked()
    for button in home.findChildren(QPushButton):
        assert button.height() >= 60, button.objectName()


def test_language_switch_retranslates(qtbot: QtBot, window: KioskWindow) -> None:
    with qtbot.waitSignal(window.languages.language_changed) as changed:
        qtbot.mouseClick(window.home.language_buttons[Language.EN], Qt.MouseButton.LeftButton)
    assert changed.args == ["en"]
    qtbot.waitUntil(lambda: window.home.issue_button.text().startswith("Get certificates"))
    qtbot.mouseClick(window.home.language_buttons[Language.KO], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "증명서" in window.home.issue_button.text())


def test_inactivity_returns_home_in_default_language(qtbot: QtBot, window: KioskWindow) -> None:
    qtbot.mouseClick(window.home.language_buttons[Language.EN], Qt.MouseButton.LeftButton)
    assert window.inactivity.armed
    window.inactivity.arm(50)
    with qtbot.waitSignal(window.inactivity.timed_out, timeout=2000):
        pass
    assert window.languages.current is Language.JA
    qtbot.waitUntil(lambda: "証明書の交付" in window.home.issue_button.text())


def test_activity_restarts_the_countdown(qtbot: QtBot, window: KioskWindow) -> None:
    window.inactivity.arm(60_000)
    with qtbot.waitSignal(window.inactivity.activity):
        qtbot.mouseMove(window.home, QPoint(10, 10))
        qtbot.mousePress(window.home, Qt.MouseButton.LeftButton)
    assert window.inactivity.armed


def test_sigterm_shuts_down_cleanly() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk_app", "--demo"],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stderr is not None
    for line in process.stderr:
        if "ready" in line:
            break
    process.send_signal(signal.SIGTERM)
    _, rest = process.communicate(timeout=30)
    assert process.returncode == 0
    assert "received SIGTERM: shutting down" in rest
    assert "kiosk stopped" in rest


def test_home_shows_before_the_devices_open(qtbot: QtBot, window: KioskWindow) -> None:
    home = window.home
    qtbot.waitUntil(lambda: window.kiosk.ready, timeout=30_000)
    assert home.issue_button.isEnabled()
    label = home.findChild(QLabel, "availabilityLabel")
    assert label is not None
    assert label.text() == ""


def test_out_of_service_when_the_devices_cannot_open(
    qtbot: QtBot, qapp: QApplication, demo_config: Config
) -> None:
    center = msgspec.structs.replace(demo_config.center, url="https://center.invalid:8443")
    broken = msgspec.structs.replace(demo_config, center=center)
    kiosk = build_window(qapp, broken, voice=RecordingPrompter())
    qtbot.addWidget(kiosk)
    kiosk.show()
    label = kiosk.home.findChild(QLabel, "availabilityLabel")
    assert label is not None
    starting = label.text()
    assert starting  # "starting…"
    assert not kiosk.home.issue_button.isEnabled()
    qtbot.waitUntil(lambda: label.text() not in ("", starting), timeout=30_000)
    assert not kiosk.home.registration_button.isEnabled()
    assert not kiosk.kiosk.ready
    kiosk.shutdown()
    kiosk.languages.switch_to(Language.EN)


def _ready_at_start_up_end(qtbot: QtBot, qapp: QApplication, config: Config) -> bool:
    """Whether the kiosk could serve when build_window said its start-up was over (never
    before the window showed "starting…")."""
    started: list[bool] = []
    kiosk = build_window(
        qapp, config, voice=RecordingPrompter(),
        on_started=lambda: started.append(kiosk.kiosk.ready),
    )  # fmt: skip
    qtbot.addWidget(kiosk)
    kiosk.show()
    assert started == []
    qtbot.waitUntil(lambda: started != [], timeout=30_000)
    kiosk.shutdown()
    kiosk.languages.switch_to(Language.EN)
    assert len(started) == 1
    return started[0]


def test_start_up_ends_once_the_devices_are_open(
    qtbot: QtBot, qapp: QApplication, demo_config: Config
) -> None:
    """The kiosk tells systemd it is ready (and the watchdog starts) only then: opening the
    devices and the server link is start-up, bounded by TimeoutStartSec, not a hang."""
    assert _ready_at_start_up_end(qtbot, qapp, demo_config)


def test_start_up_ends_too_when_the_devices_cannot_open(
    qtbot: QtBot, qapp: QApplication, demo_config: Config
) -> None:
    """Out of service is a started kiosk too (the watchdog guards its event loop)."""
    center = msgspec.structs.replace(demo_config.center, url="https://center.invalid:8443")
    broken = msgspec.structs.replace(demo_config, center=center)
    assert not _ready_at_start_up_end(qtbot, qapp, broken)


def test_void_qt_calls_cannot_exhaust_none(window: KioskWindow) -> None:
    """PySide6 6.12.0 on Python 3.11 drains None's refcount (the process aborts after some 10^4
    void Qt calls); pyproject pins a release without that bug, and this guards the pin."""
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(10_000):
        label.clear()
    drained = before - sys.getrefcount(None)
    assert drained < 100  # other threads may drop a stray reference; the bug drops 10,000


def test_return_home_restores_the_standard_look(qtbot: QtBot, window: KioskWindow) -> None:
    toggles = window.home.accessibility
    qtbot.mouseClick(toggles.high_contrast_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(toggles.large_text_button, Qt.MouseButton.LeftButton)
    assert Accessibility.of().mode == DisplayMode(high_contrast=True, large_text=True)
    window.go_home()
    assert Accessibility.of().mode == DisplayMode()
    assert not toggles.high_contrast_button.isChecked()
