"""Builds and runs the kiosk application from a configuration."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QCursor, QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget

from kiosk_app.accessibility import (
    ASSUMED_DPI,
    Accessibility,
    PhysicalScreen,
    physical_dpi,
    ui_scale_factor,
)
from kiosk_app.config import MAX_UI_SCALE, Config, Language
from kiosk_app.devices.bridge import DeviceBridge
from kiosk_app.i18n import LanguageSwitcher
from kiosk_app.inactivity import InactivityMonitor
from kiosk_app.main_window import KioskWindow
from kiosk_app.memory import one_malloc_arena
from kiosk_app.paths import resources_dir
from kiosk_app.session.kiosk import Kiosk
from kiosk_app.session.steps import Step
from kiosk_app.shutdown import SignalQuitter
from kiosk_app.unclean_stop import RunMarker
from kiosk_app.voice.prompter import RecordingPrompter, VoicePrompter
from kiosk_app.watchdog import watchdog_from_environment
from kiosk_app.window_placement import place_beside

if TYPE_CHECKING:
    from kiosk_app.devices.services import DeviceServices

log = logging.getLogger(__name__)

#: What desktop mode offers: the usage registration and the status check, no issuance.
DESKTOP_SERVICES = (Step.REG_TOWN, Step.STATUS_ENTRY)


def style_application(
    app: QApplication, ui_scale: float = 0.0, screen: PhysicalScreen | None = None
) -> float:
    """Apply the kiosk stylesheet, enlarged for the panel's density, and make sure a Japanese
    font is present; returns the scale used.

    ``ui_scale`` is ``[kiosk] ui_scale``: 0 scales by the physical DPI / 96 of ``screen`` (the
    primary screen by default; never below 1.0), another value is used as it is.
    """
    if screen is None:
        screen = app.primaryScreen()
    scale = ui_scale_factor(screen, ui_scale)
    dpi = physical_dpi(screen)
    log.info(
        "screen: %s physical dpi; stylesheet scale %.2f (%s)",
        f"{dpi:.0f}" if dpi is not None else "unknown",
        scale,
        "configured ui_scale" if ui_scale else "automatic",
    )
    if not ui_scale and dpi is not None and dpi > ASSUMED_DPI * MAX_UI_SCALE:
        log.warning(
            "the screen reports an implausible %.0f dpi (a wrong physical size in its EDID?): "
            "set [kiosk] ui_scale",
            dpi,
        )
    stylesheet = (resources_dir() / "style" / "kiosk.qss").read_text(encoding="utf-8")
    Accessibility.of(app).set_base(stylesheet, scale)
    if not any("IPAex" in family for family in QFontDatabase.families()):
        log.warning("no IPAex font found: Japanese text may not render")
    return scale


def default_voice(language: Language) -> VoicePrompter:
    """The Qt Multimedia voice, speaking ``language``."""
    from kiosk_app.voice.qt_prompter import QtVoicePrompter

    return QtVoicePrompter(language)


def build_window(
    app: QApplication,
    config: Config,
    services: DeviceServices | None = None,
    voice: VoicePrompter | None = None,
    desktop: bool = False,
    on_devices: Callable[[DeviceServices], None] | None = None,
    simulated: bool = False,
    on_started: Callable[[], None] | None = None,
) -> KioskWindow:
    """Create the kiosk window: bridge, session flows, screens, language, time-outs.

    Without ``services`` the devices and the server link are opened on a worker thread after
    the home screen shows (it says "starting" until then, "out of service" if they fail);
    ``on_devices`` sees them before the first session can start. Without ``voice`` the Qt
    Multimedia voice is made then too. ``simulated`` (the demo with its simulator panel) opens
    the center link wrapped for the panel's server switch. ``on_started`` is called once the
    start-up is over: the devices attached (or found failing, out of service).
    """
    style_application(app, config.kiosk.ui_scale)
    languages = LanguageSwitcher(app)
    inactivity = InactivityMonitor(app)
    bridge = DeviceBridge(app)
    # Qt Multimedia starts slowly: the real voice is made once the devices are open (no session
    # can start before), so that the home screen shows first.
    kiosk = Kiosk(config, None, bridge, voice or RecordingPrompter(config.kiosk.default_language))
    window = KioskWindow(
        config,
        languages,
        inactivity,
        kiosk,
        bridge,
        services_offered=DESKTOP_SERVICES if desktop else KioskWindow.ALL_SERVICES,
        release=inactivity.disarm,
    )

    def attach(opened: DeviceServices) -> None:
        if voice is None:
            kiosk.voice = default_voice(languages.current)
        if on_devices is not None:
            on_devices(opened)
        opened.attach(bridge)
        opened.watch(bridge)  # coin acceptor alerts and printer checks: the home screen
        kiosk.attach(opened)
        window.devices_ready(lambda: _release(inactivity, opened))
        log.info("devices open")
        if on_started is not None:
            on_started()

    def failed(error: Exception) -> None:
        log.error("the devices could not be opened: %s", error)
        window.devices_failed()
        if on_started is not None:
            on_started()

    if services is not None:
        attach(services)
    else:
        bridge.submit(lambda: _open_services(config, desktop, simulated), attach, failed)
    return window


def _open_services(config: Config, desktop: bool, simulated: bool) -> DeviceServices:
    """Open the devices (imports the drivers and the server on first use: off the GUI thread)."""
    from kiosk_app.devices.opening import open_services

    if not simulated:
        return open_services(config, desktop=desktop)
    from kiosk_app.simulator.switchable_link import center_wrapper

    return open_services(config, desktop=desktop, wrap_center=center_wrapper(config))


def _release(inactivity: InactivityMonitor, services: DeviceServices) -> None:
    """At shutdown: no more inactivity events, devices closed."""
    inactivity.disarm()
    services.close()


def run(config: Config, fullscreen: bool, desktop: bool = False) -> int:
    """Show the kiosk and run the event loop until quit or SIGTERM/SIGINT."""
    one_malloc_arena()  # before Qt and the devices start their threads
    app = QApplication.instance() or QApplication(sys.argv[:1])
    if not isinstance(app, QApplication):
        raise RuntimeError("a QApplication is needed")
    app.setApplicationName("shomei-kiosk")
    quitter = SignalQuitter(app)
    # An unclean stop of the last run is logged as an incident before its payment is settled.
    marker = RunMarker(config.kiosk.data_dir.expanduser())
    marker.begin()
    panels: list[QWidget] = []
    placed_beside: list[QWidget] = []  # the kiosk window, once shown in a window of its own

    def open_panel(services: DeviceServices) -> None:
        # The demo: a simulator panel window for the sim: devices (kiosk_app.simulator).
        from kiosk_app.simulator.panel import open_simulator

        simulator = open_simulator(services, config, desktop)
        if simulator is not None:
            panels.append(simulator)
            simulator.show()
            for kiosk_window in placed_beside:
                place_beside(simulator, kiosk_window)

    closers: list[Callable[[], None]] = []

    def on_devices(services: DeviceServices) -> None:
        open_panel(services)
        # Staff maintenance mode (kiosk_app.maintenance): corner gesture + staff PIN.
        from kiosk_app.maintenance.mode import install_maintenance

        mode = None if desktop else install_maintenance(window, services, config)
        if mode is not None:
            closers.append(mode.close)

    # systemd: READY=1 once the start-up is over (devices, server link and Qt Multimedia can
    # take long on a slow PC: TimeoutStartSec= bounds that), then WATCHDOG=1 from the GUI
    # thread while the event loop runs (WatchdogSec= is armed from READY=1 on; packaging).
    watchdog = watchdog_from_environment(app)

    def started() -> None:
        log.info("kiosk %s ready", config.kiosk.id)
        watchdog.start(f"kiosk {config.kiosk.id} ready")

    window = build_window(
        app, config, desktop=desktop, on_devices=on_devices, simulated=True, on_started=started
    )
    if fullscreen and not desktop:
        app.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
        window.showFullScreen()
    else:
        window.resize(1280, 800)
        window.show()
        placed_beside.append(window)
        for panel in panels:  # a panel opened before the window was shown
            place_beside(panel, window)
    status = app.exec()
    watchdog.stop()
    for close in closers:
        close()
    window.shutdown()
    for panel in panels:
        panel.close()
    window.close()
    quitter.restore()
    marker.end()
    log.info("kiosk stopped")
    return status
