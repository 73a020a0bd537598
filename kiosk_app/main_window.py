"""The kiosk's top-level window: a stack of screens, the language switch and inactivity."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from kiosk_app.config import Config, Language
from kiosk_app.i18n import LanguageSwitcher
from kiosk_app.inactivity import InactivityMonitor
from kiosk_app.screens.home import HomeScreen

log = logging.getLogger(__name__)


class KioskWindow(QMainWindow):
    """Holds every screen; the home screen is shown at start and after every session."""

    def __init__(
        self,
        config: Config,
        languages: LanguageSwitcher,
        inactivity: InactivityMonitor,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("kioskWindow")
        self.setWindowTitle(f"{config.municipality.name} shomei-kiosk")
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.config = config
        self.languages = languages
        self.inactivity = inactivity

        self.stack = QStackedWidget()
        self.stack.setObjectName("kioskRoot")
        self.setCentralWidget(self.stack)
        self.home = HomeScreen(config.municipality.name, list(config.kiosk.languages))
        self.stack.addWidget(self.home)
        self.home.language_requested.connect(self._on_language_requested)
        self.inactivity.timed_out.connect(self._on_inactivity_timed_out)
        self.go_home()

    def go_home(self) -> None:
        """Show the home screen in the kiosk's default language."""
        self.inactivity.disarm()
        self.stack.setCurrentWidget(self.home)
        self._switch_language(self.config.kiosk.default_language)

    def _switch_language(self, language: Language) -> None:
        self.languages.switch_to(language)
        self.home.mark_language(language.value)

    def _on_language_requested(self, code: str) -> None:
        self._switch_language(Language(code))
        self.inactivity.arm(int(self.config.timeouts.screen * 1000))

    def _on_inactivity_timed_out(self) -> None:
        log.info("no activity: returning to the home screen")
        self.go_home()
