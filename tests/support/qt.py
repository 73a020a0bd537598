"""Fixtures of the tests that open kiosk windows (Qt); imported by their packages' conftest."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication

from kiosk_app.config import Language
from kiosk_app.i18n import LanguageSwitcher


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
