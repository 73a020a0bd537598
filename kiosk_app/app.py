"""Builds and runs the kiosk application from a configuration."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QCursor, QFontDatabase
from PySide6.QtWidgets import QApplication

from kiosk_app.config import Config
from kiosk_app.i18n import LanguageSwitcher
from kiosk_app.inactivity import InactivityMonitor
from kiosk_app.main_window import KioskWindow
from kiosk_app.paths import resources_dir
from kiosk_app.shutdown import SignalQuitter
from kiosk_app.watchdog import watchdog_from_environment

log = logging.getLogger(__name__)


def style_application(app: QApplication) -> None:
    """Apply the kiosk stylesheet and make sure a Japanese font is present."""
    app.setStyleSheet((resources_dir() / "style" / "kiosk.qss").read_text(encoding="utf-8"))
    if not any("IPAex" in family for family in QFontDatabase.families()):
        log.warning("no IPAex font found: Japanese text may not render")


def build_window(app: QApplication, config: Config) -> KioskWindow:
    """Create the kiosk window with its language switch and inactivity monitor."""
    style_application(app)
    languages = LanguageSwitcher(app)
    inactivity = InactivityMonitor(app)
    app.installEventFilter(inactivity)
    return KioskWindow(config, languages, inactivity)


def run(config: Config, fullscreen: bool) -> int:
    """Show the kiosk and run the event loop until quit or SIGTERM/SIGINT."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("shomei-kiosk")
    quitter = SignalQuitter(app)
    window = build_window(app, config)
    if fullscreen:
        app.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
        window.showFullScreen()
    else:
        window.resize(1280, 800)
        window.show()
    log.info("kiosk %s ready", config.kiosk.id)
    # systemd: READY=1 now, WATCHDOG=1 from the GUI thread while the event loop runs (packaging).
    watchdog = watchdog_from_environment(app)
    watchdog.start(f"kiosk {config.kiosk.id} ready")
    status = app.exec()
    watchdog.stop()
    window.close()
    quitter.restore()
    log.info("kiosk stopped")
    return status
