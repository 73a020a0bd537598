"""Which devices can serve: coin acceptor alerts, A4 printer verdicts and the relay center's
answer reach the watcher (the home screen), and issuance is refused before payment without them."""

from __future__ import annotations

import logging
import threading

from issuance_contract.errors import CenterError
from issuance_contract.link import CenterLink
from kiosk_app.availability import Device, DeviceState, Problem, state_of_alert
from kiosk_app.devices.listeners import DeviceWatcher
from kiosk_app.devices.readiness import NOTICE_OF_PROBLEM, StatusSource, a4_problem
from kiosk_app.payment.outcomes import PaymentAlert
from kiosk_app.session.ports import ServiceError
from kiosk_app.session.steps import Notice, NoticeKind

log = logging.getLogger(__name__)


class AvailabilityWatch:
    """Sends every device verdict to the watcher, once one is set; checks before an issuance."""

    def __init__(self, a4: StatusSource, center: CenterLink, relay: bool) -> None:
        self._a4 = a4
        self._center = center
        #: A store kiosk: issuance needs the relay center to answer too.
        self._relay = relay
        self._watcher: DeviceWatcher | None = None
        #: One printer verdict at a time: verdicts reach the watcher in the order they were made.
        self._a4_verdicts = threading.Lock()

    def watch(self, watcher: DeviceWatcher) -> None:
        """Send every verdict to ``watcher`` from now on."""
        self._watcher = watcher

    def on_payment_alert(self, alert: PaymentAlert) -> None:
        """The coin acceptor's state, from one of its alerts."""
        state = state_of_alert(alert.kind)
        if state is not None:
            self._report(state)

    def report_a4(self, problem: Problem | None) -> None:
        """The A4 printer's verdict from a print job (``None``: it printed)."""
        with self._a4_verdicts:
            self._report(DeviceState(Device.A4_PRINTER, problem))

    def check_printers(self) -> None:
        """Raise ServiceError (PAPER_OUT or PRINTER_FAULT, nothing charged) unless the A4 printer
        can print now; the verdict also goes to the watcher (the home screen's availability)."""
        with self._a4_verdicts:
            problem = a4_problem(self._a4)
            self._report(DeviceState(Device.A4_PRINTER, problem))
        if problem is not None:
            raise ServiceError(Notice(NOTICE_OF_PROBLEM[problem], before_payment=True))
        if self._relay:
            self._check_center()

    def _check_center(self) -> None:
        """A store kiosk: the relay center must answer (its directory), or no issuance at all;
        the verdict goes to the watcher like the printer's."""
        try:
            self._center.directory()
        except CenterError as exc:
            self._report(DeviceState(Device.CENTER, Problem.OFFLINE))
            log.warning("the relay center does not answer: %s", type(exc).__name__)
            notice = Notice(NoticeKind.SERVER_UNREACHABLE, before_payment=True)
            raise ServiceError(notice) from exc
        self._report(DeviceState(Device.CENTER))

    def _report(self, state: DeviceState) -> None:
        if self._watcher is not None:
            self._watcher.emit_device_state(state)
