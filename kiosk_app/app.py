"""Builds and runs the kiosk application from a configuration."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QCursor, QFontDatabase
from PySide6.QtWidgets import QApplication

from kiosk_app.config import Config
from kiosk_app.devices.bridge import DeviceBridge
from kiosk_app.devices.opening import open_services
from kiosk_app.devices.services import DeviceServices
from kiosk_app.i18n import LanguageSwitcher
from kiosk_app.inactivity import InactivityMonitor
from kiosk_app.main_window import KioskWindow
from kiosk_app.paths import resources_dir
from kiosk_app.session.kiosk import Kiosk
from kiosk_app.session.steps import Step
from kiosk_app.shutdown import SignalQuitter
from kiosk_app.simulator_panel import open_simulator
from kiosk_app.unclean_stop import RunMarker
from kiosk_app.voice.prompter import VoicePrompter
from kiosk_app.watchdog import watchdog_from_environment

log = logging.getLogger(__name__)

#: What desktop mode offers: the usage registration and the status check, no issuance.
DESKTOP_SERVICES = (Step.REG_TOWN, Step.STATUS_ENTRY)


def style_application(app: QApplication) -> None:
    """Apply the kiosk stylesheet and make sure a Japanese font is present."""
    app.setStyleSheet((resources_dir() / "style" / "kiosk.qss").read_text(encoding="utf-8"))
    if not any("IPAex" in family for family in QFontDatabase.families()):
        log.warning("no IPAex font found: Japanese text may not render")


def default_voice(config: Config) -> VoicePrompter:
    """The Qt Multimedia voice in the kiosk's default language."""
    from kiosk_app.voice.qt_prompter import QtVoicePrompter

    return QtVoicePrompter(config.kiosk.default_language)


def build_window(
    app: QApplication,
    config: Config,
    services: DeviceServices | None = None,
    voice: VoicePrompter | None = None,
    desktop: bool = False,
) -> KioskWindow:
    """Create the kiosk window: devices, bridge, session flows, screens, language, time-outs."""
    style_application(app)
    languages = LanguageSwitcher(app)
    inactivity = InactivityMonitor(app)
    app.installEventFilter(inactivity)
    bridge = DeviceBridge(app)
    services = services or open_services(config, desktop=desktop)
    voice = voice or default_voice(config)
    kiosk = Kiosk(config, services, bridge, voice)
    window = KioskWindow(
        config,
        languages,
        inactivity,
        kiosk,
        bridge,
        services_offered=DESKTOP_SERVICES if desktop else KioskWindow.ALL_SERVICES,
        release=lambda: _release(app, inactivity, services),
    )
    services.attach(bridge)
    return window


def _release(app: QApplication, inactivity: InactivityMonitor, services: DeviceServices) -> None:
    """At shutdown: no more inactivity events, devices closed."""
    app.removeEventFilter(inactivity)
    inactivity.disarm()
    services.close()


def run(config: Config, fullscreen: bool, desktop: bool = False) -> int:
    """Show the kiosk and run the event loop until quit or SIGTERM/SIGINT."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    if not isinstance(app, QApplication):
        raise RuntimeError("a QApplication is needed")
    app.setApplicationName("shomei-kiosk")
    quitter = SignalQuitter(app)
    # An unclean stop of the last run is logged as an incident before its payment is settled.
    marker = RunMarker(config.kiosk.data_dir.expanduser())
    marker.begin()
    services = open_services(config, desktop=desktop)
    # The demo: a simulator panel window for the sim: devices (kiosk_app.simulator_panel).
    simulator = open_simulator(services, config, desktop)
    window = build_window(app, config, services=services, desktop=desktop)
    if fullscreen and not desktop:
        app.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
        window.showFullScreen()
    else:
        window.resize(1280, 800)
        window.show()
    if simulator is not None:
        simulator.show()
    log.info("kiosk %s ready", config.kiosk.id)
    # systemd: READY=1 now, WATCHDOG=1 from the GUI thread while the event loop runs (packaging).
    watchdog = watchdog_from_environment(app)
    watchdog.start(f"kiosk {config.kiosk.id} ready")
    status = app.exec()
    watchdog.stop()
    window.shutdown()
    if simulator is not None:
        simulator.close()
    window.close()
    quitter.restore()
    marker.end()
    log.info("kiosk stopped")
    return status
