"""The kiosk's top-level window: the screens, the language switch, time-outs and the wipe."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from kiosk_app.accessibility import Accessibility
from kiosk_app.availability import Availability, DeviceState
from kiosk_app.clock import KioskClock
from kiosk_app.config import Config, Language
from kiosk_app.devices.bridge import DeviceBridge
from kiosk_app.i18n import LanguageSwitcher
from kiosk_app.inactivity import InactivityMonitor
from kiosk_app.screens.base import Screen
from kiosk_app.screens.common import MessageScreen, NoticeScreen, PinScreen
from kiosk_app.screens.home import HomeScreen
from kiosk_app.screens.issuance import (
    ConfirmScreen,
    CopiesScreen,
    MenuScreen,
    OptionsScreen,
    PayScreen,
    PrintScreen,
    TakeItemsScreen,
)
from kiosk_app.screens.registration import (
    FieldScreen,
    RegistrationConfirmScreen,
    RegistrationDoneScreen,
    TownScreen,
)
from kiosk_app.screens.routing import PlaceListScreen, RouteScreen
from kiosk_app.screens.status import StatusEntryScreen, StatusResultScreen
from kiosk_app.session.kiosk import Kiosk
from kiosk_app.session.model import PaymentProgress, PaymentResult
from kiosk_app.session.ports import ServiceError, ignore_result
from kiosk_app.session.steps import Ending, Step

log = logging.getLogger(__name__)

#: How often the home screen re-checks closed days, maintenance dates and hours.
CALENDAR_CHECK_MS = 30_000
#: How often the home screen asks the A4 printer whether it can print (on a worker thread).
PRINTER_CHECK_MS = 30_000

#: Which screen shows which step (the rest are waiting messages).
_SCREEN_OF_STEP: dict[Step, type[Screen]] = {
    Step.ROUTE: RouteScreen,
    Step.ROUTE_PREFECTURE: PlaceListScreen,
    Step.ROUTE_MUNICIPALITY: PlaceListScreen,
    Step.PIN: PinScreen,
    Step.MENU: MenuScreen,
    Step.OPTIONS: OptionsScreen,
    Step.COPIES: CopiesScreen,
    Step.CONFIRM: ConfirmScreen,
    Step.PAYING: PayScreen,
    Step.PRINTING: PrintScreen,
    Step.TAKE_ITEMS: TakeItemsScreen,
    Step.REG_TOWN: TownScreen,
    Step.REG_BANCHI: FieldScreen,
    Step.REG_READING: FieldScreen,
    Step.REG_PHONE: FieldScreen,
    Step.REG_BIRTH_DATE: FieldScreen,
    Step.REG_CARD_EXPIRY: FieldScreen,
    Step.REG_SECURITY_CODE: FieldScreen,
    Step.REG_CONFIRM: RegistrationConfirmScreen,
    Step.REG_DONE: RegistrationDoneScreen,
    Step.STATUS_ENTRY: StatusEntryScreen,
    Step.STATUS_RESULT: StatusResultScreen,
    Step.NOTICE: NoticeScreen,
}

#: Every screen class besides the home screen, in the order a session meets them.
SCREEN_KINDS: tuple[type[Screen], ...] = (MessageScreen, *dict.fromkeys(_SCREEN_OF_STEP.values()))


class KioskWindow(QMainWindow):
    """Holds the screens; the home screen is shown at start and after every (wiped) session."""

    #: The first step of each service the home screen offers (issuance, registration, status).
    ALL_SERVICES = (Step.PLACE_CARD, Step.REG_TOWN, Step.STATUS_ENTRY)

    def __init__(
        self,
        config: Config,
        languages: LanguageSwitcher,
        inactivity: InactivityMonitor,
        kiosk: Kiosk,
        bridge: DeviceBridge,
        parent: QWidget | None = None,
        services_offered: tuple[Step, ...] = (Step.PLACE_CARD, Step.REG_TOWN, Step.STATUS_ENTRY),
        release: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("kioskWindow")
        self.setWindowTitle(f"{config.municipality.name} shomei-kiosk")
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.config = config
        self.languages = languages
        self.inactivity = inactivity
        self.kiosk = kiosk
        self.bridge = bridge
        self._release = release

        self.stack = QStackedWidget()
        self.stack.setObjectName("kioskRoot")
        self.setCentralWidget(self.stack)
        self.home = HomeScreen(
            config.municipality.name, list(config.kiosk.languages), KioskClock.of_kiosk(config)
        )
        self.home.issue_button.setVisible(Step.PLACE_CARD in services_offered)
        self.stack.addWidget(self.home)
        #: The screens built so far: each is made when first shown (a quicker start).
        self.screens: dict[type[Screen], Screen] = {}

        self.home.issue_requested.connect(self._on_issue_requested)
        self.home.registration_requested.connect(self._on_registration_requested)
        self.home.status_requested.connect(self._on_status_requested)
        self.home.language_requested.connect(self._on_language_requested)
        self.inactivity.timed_out.connect(self._on_inactivity_timed_out)
        bridge.card_inserted.connect(self._on_card_inserted, Qt.ConnectionType.QueuedConnection)
        bridge.card_removed.connect(self._on_card_removed, Qt.ConnectionType.QueuedConnection)
        bridge.payment_updated.connect(self._on_payment_updated, Qt.ConnectionType.QueuedConnection)
        bridge.payment_finished.connect(
            self._on_payment_finished, Qt.ConnectionType.QueuedConnection
        )
        #: What the devices allow now (issuance out of service while one cannot serve).
        self.availability = Availability()
        bridge.device_state.connect(self._on_device_state, Qt.ConnectionType.QueuedConnection)
        self._issuance_offered = Step.PLACE_CARD in services_offered
        #: Asks the printer again while the home screen shows (a fixed printer comes back).
        self.printer_check_timer = QTimer(self)
        self.printer_check_timer.setInterval(PRINTER_CHECK_MS)
        self.printer_check_timer.timeout.connect(self.check_printers)
        kiosk.subscribe(self._on_flow_changed, self._on_session_ended)
        self.home.set_availability("ready" if kiosk.ready else "starting")
        self._calendar = config.service_calendar() if Step.PLACE_CARD in services_offered else None
        self._calendar_timer = QTimer(self)
        self._calendar_timer.timeout.connect(self._on_calendar_tick)
        if self._calendar is not None:
            self._calendar_timer.start(CALENDAR_CHECK_MS)
        self.go_home()

    def devices_ready(self, release: Callable[[], None]) -> None:
        """The devices are open (the kiosk has its services); ``release`` closes them."""
        self._release = release
        self.home.set_availability("ready")
        self._on_calendar_tick()
        if self._issuance_offered:
            self.printer_check_timer.start()
            self.check_printers()

    def devices_failed(self) -> None:
        """The devices or the server link could not be opened: out of service."""
        self.home.set_availability("out_of_service")

    def shutdown(self) -> None:
        """End any session (wiped), stop the timers, wait for running jobs, close the devices."""
        self.kiosk.abort()
        self.inactivity.disarm()
        self._calendar_timer.stop()
        self.printer_check_timer.stop()
        self.bridge.wait_for_jobs()
        QCoreApplication.sendPostedEvents(self.bridge)  # e.g. the devices that just opened
        if self._release is not None:
            release, self._release = self._release, None
            release()
        self.bridge.close()
        QCoreApplication.sendPostedEvents(self.bridge)
        self.languages.switch_to(Language.EN)  # no translator of this window stays installed

    # -- home and the wipe -------------------------------------------------------------------
    def go_home(self) -> None:
        """Show the home screen in the kiosk's default language, with nothing personal left."""
        self._on_calendar_tick()
        Accessibility.of().reset()
        self.inactivity.disarm()
        self.wipe_widgets()
        self.stack.setCurrentWidget(self.home)
        self._switch_language(self.config.kiosk.default_language)

    def _on_calendar_tick(self) -> None:
        """Closed days, maintenance dates and hours: the home screen shows closed or open.

        Not before the devices are open: until then nothing is offered ("starting").
        """
        if self._calendar is None or not self.kiosk.ready:
            return
        state = self._calendar.state_at()
        self.home.set_closed(state.closed_reason, state.reopens_at)

    def wipe_widgets(self) -> None:
        """Clear every screen's texts and both clipboard modes."""
        for screen in self.screens.values():
            screen.clear()
        clipboard = QGuiApplication.clipboard()
        clipboard.clear(QClipboard.Mode.Clipboard)
        if clipboard.supportsSelection():
            clipboard.clear(QClipboard.Mode.Selection)

    def current_screen(self) -> QWidget | None:
        """The screen shown now."""
        return self.stack.currentWidget()

    def screen_of(self, kind: type[Screen]) -> Screen:
        """The screen of class ``kind``, built and added to the stack on first use."""
        screen = self.screens.get(kind)
        if screen is None:
            screen = kind(self.kiosk)
            screen.time_left_ms = self.inactivity.remaining_ms
            self.screens[kind] = screen
            self.stack.addWidget(screen)
        return screen

    def build_every_screen(self) -> list[QWidget]:
        """Build the screens not shown yet; all of them, home first (to walk every widget)."""
        for kind in SCREEN_KINDS:
            self.screen_of(kind)
        widgets = (self.stack.widget(index) for index in range(self.stack.count()))
        return [widget for widget in widgets if widget is not None]

    def _on_session_ended(self, ending: Ending) -> None:
        log.info("back home after %s", ending.value)
        self.go_home()
        self.check_printers()

    # -- what the devices allow ------------------------------------------------------------------
    def check_printers(self) -> None:
        """Between sessions, ask the A4 printer on a worker whether it can print; the verdict
        comes back as a device_state signal (issuance out of service, or offered again)."""
        if not self._issuance_offered or not self.kiosk.ready or self.kiosk.flow is not None:
            return
        self.bridge.submit(self.kiosk.services.check_printers, ignore_result, _printer_check_failed)

    def _on_device_state(self, state: object) -> None:
        if isinstance(state, DeviceState) and self.availability.update(state):
            self.home.set_issuance_blocked(self.availability.issuance_blocker)

    def _on_flow_changed(self) -> None:
        flow = self.kiosk.flow
        if flow is None:
            return
        screen = self.screen_of(_SCREEN_OF_STEP.get(flow.step, MessageScreen))
        screen.refresh()
        self.stack.setCurrentWidget(screen)
        self.inactivity.arm(int(flow.timeout.seconds * 1000))

    # -- the person's choices on the home screen ------------------------------------------------
    def _switch_language(self, language: Language) -> None:
        self.languages.switch_to(language)
        self.home.mark_language(language.value)
        self.kiosk.voice.language = language

    def _on_language_requested(self, code: str) -> None:
        self._switch_language(Language(code))
        self.inactivity.arm(int(self.config.timeouts.screen * 1000))

    def _on_issue_requested(self) -> None:
        if self.kiosk.flow is None:
            self.kiosk.start_issuance()

    def _on_registration_requested(self) -> None:
        if self.kiosk.flow is None:
            self.kiosk.start_registration()

    def _on_status_requested(self) -> None:
        if self.kiosk.flow is None:
            self.kiosk.start_status()

    def _on_inactivity_timed_out(self) -> None:
        if self.kiosk.flow is not None:
            self.kiosk.flow.time_out()
        else:
            log.info("no activity: returning to the home screen")
            self.go_home()

    # -- device events, delivered on the GUI thread ---------------------------------------------
    def _on_card_inserted(self) -> None:
        self.kiosk.card_inserted()

    def _on_card_removed(self) -> None:
        self.kiosk.card_removed()

    def _on_payment_updated(self, state: object) -> None:
        if isinstance(state, PaymentProgress):
            self.kiosk.payment_updated(state)

    def _on_payment_finished(self, result: object) -> None:
        if isinstance(result, PaymentResult):
            self.kiosk.payment_finished(result)


def _printer_check_failed(error: Exception) -> None:
    """A printer that cannot print is expected (its verdict came as a signal); else log."""
    if not isinstance(error, ServiceError):
        log.warning("the printer check failed: %s", type(error).__name__)
