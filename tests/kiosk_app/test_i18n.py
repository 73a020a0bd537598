"""The language switcher: one translator per language however often the kiosk switches."""

from __future__ import annotations

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from kiosk_app.config import Language
from kiosk_app.i18n import LanguageSwitcher


def test_switching_back_and_forth_keeps_one_translator_per_language(qapp: QApplication) -> None:
    switcher = LanguageSwitcher(qapp)
    try:
        for _ in range(20):  # every return home switches back to the default language
            assert switcher.switch_to(Language.KO)
            assert switcher.switch_to(Language.JA)
        assert len(switcher.findChildren(QTranslator)) == 2
        assert QApplication.translate("AccessibilityToggles", "High contrast") == "高コントラスト"
        assert switcher.current is Language.JA
    finally:
        switcher.switch_to(Language.EN)
        switcher.setParent(None)
