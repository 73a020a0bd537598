"""Test-wide settings: Qt offscreen, and the demo configuration in a private data directory."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication

from kiosk_app.config import Config, Language, load_demo_config
from kiosk_app.i18n import LanguageSwitcher
from tests.configs import around_the_clock
from tests.fuzz.profiles import load_profile

load_profile()  # derandomized (ci) unless SHOMEI_HYPOTHESIS_PROFILE names another profile

#: Fixture modules that start real services (pcscd, ippeveprinter, PostgreSQL, ptys) for any test.
pytest_plugins: list[str] = [
    "tests.stacks.pulse",
    "tests.stacks.escpos_emulator",
    "tests.stacks.ippeveprinter",
    "tests.stacks.pcscd",
    "tests.stacks.coin_pty",
    "tests.stacks.postgres",
]


@pytest.fixture(autouse=True)
def _root_logger_restored_after_each_test() -> Iterator[None]:
    """Put back the root logger's handlers and level after a test that ran a command's main()
    in-process: its ``configure_logging`` replaces them with a redacting stderr handler bound to
    this test's captured stderr, which would write to a closed file and rewrite the records a
    later test's caplog sees."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
    for handler in handlers:
        if handler not in root.handlers:
            root.addHandler(handler)
    root.setLevel(level)


@pytest.fixture(autouse=True)
def _source_language_after_each_test() -> Iterator[None]:
    """Uninstall every screen language a test's kiosk window left installed: a window's return
    home installs the default language (ja) in the process-wide QApplication, and a later test
    must start from the English source texts."""
    yield
    app = QCoreApplication.instance()
    if app is not None:
        for switcher in app.findChildren(LanguageSwitcher):
            switcher.switch_to(Language.EN)


@pytest.fixture
def demo_config(tmp_path: Path) -> Config:
    """The built-in demo configuration, open around the clock, with its data directory under
    the test's tmp_path."""
    return around_the_clock(load_demo_config(data_dir=tmp_path / "data"))
