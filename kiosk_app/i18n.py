"""Screen languages: Qt translators loaded from compiled ``.qm`` files."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, QTranslator, Signal

from kiosk_app.config import Language
from kiosk_app.paths import resources_dir

log = logging.getLogger(__name__)

#: The name of each language in that language, for the language switch.
NATIVE_NAMES: dict[Language, str] = {
    Language.JA: "日本語",
    Language.EN: "English",
    Language.ZH: "中文",
    Language.KO: "한국어",
    Language.PT: "Português",
    Language.ES: "Español",
    Language.VI: "Tiếng Việt",
}


class LanguageSwitcher(QObject):
    """Installs the translator of the chosen language; widgets re-apply texts on LanguageChange."""

    #: Emitted after a new language is installed, with its code.
    language_changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._translator: QTranslator | None = None
        #: One translator per language, loaded on first use (a kiosk goes home, and back to its
        #: default language, after every session).
        self._loaded: dict[Language, QTranslator] = {}
        self.current = Language.EN

    def switch_to(self, language: Language) -> bool:
        """Install ``language``; returns False (and stays on the source texts) if it is missing."""
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("a QCoreApplication must exist before switching language")
        if self._translator is not None:
            app.removeTranslator(self._translator)
            self._translator = None
        found = True
        if language is not Language.EN:
            translator = self._load(language)
            if translator is not None:
                app.installTranslator(translator)
                self._translator = translator
            else:
                found = False
        self.current = language
        self.language_changed.emit(language.value)
        return found

    def _load(self, language: Language) -> QTranslator | None:
        """The translator of ``language`` (loaded once), or None if its .qm file is missing."""
        translator = self._loaded.get(language)
        if translator is None:
            qm = resources_dir() / "i18n" / f"kiosk_{language.value}.qm"
            translator = QTranslator(self)
            if not translator.load(str(qm)):
                log.error("translation %s is missing; showing English", qm.name)
                translator.setParent(None)
                return None
            self._loaded[language] = translator
        return translator
