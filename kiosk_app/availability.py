"""What the kiosk can serve now, from what the devices last said (Qt-free).

Certificates need the coin acceptor (to take the fee), a money journal that can be written
(to record it) and the A4 printer; the usage registration and the status check need none of
them, so only issuance goes out of service.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum

from kiosk_app.payment.reasons import AlertKind

log = logging.getLogger(__name__)


class Device(StrEnum):
    """A device issuance cannot do without."""

    COIN_ACCEPTOR = "coin_acceptor"
    MONEY_JOURNAL = "money_journal"
    A4_PRINTER = "a4_printer"
    CENTER = "center"  # a store kiosk's relay center (every municipality is behind it)


class Problem(StrEnum):
    """Why a device cannot serve."""

    OFFLINE = "offline"
    PAPER_OUT = "paper_out"
    FAULT = "fault"


@dataclass(frozen=True)
class DeviceState:
    """What a device said last: its problem, or None when it can serve."""

    device: Device
    problem: Problem | None = None


#: Payment alerts that say whether the coin acceptor answers and the money journal can be
#: written (the others change nothing here).
_PAYMENT_ALERTS = {
    AlertKind.ACCEPTOR_OFFLINE: DeviceState(Device.COIN_ACCEPTOR, Problem.OFFLINE),
    AlertKind.ACCEPTOR_ONLINE: DeviceState(Device.COIN_ACCEPTOR),
    AlertKind.JOURNAL_FAILED: DeviceState(Device.MONEY_JOURNAL, Problem.FAULT),
    AlertKind.JOURNAL_WRITABLE: DeviceState(Device.MONEY_JOURNAL),
}


def state_of_alert(kind: AlertKind) -> DeviceState | None:
    """The device state a payment alert (``PaymentAlert.kind``) reports, if any."""
    return _PAYMENT_ALERTS.get(kind)


class Availability:
    """Tracks each device's last state and says whether certificates can be issued."""

    #: The order in which blockers are reported (the first one is shown).
    ORDER = (Device.CENTER, Device.MONEY_JOURNAL, Device.COIN_ACCEPTOR, Device.A4_PRINTER)

    def __init__(self) -> None:
        self._problems: dict[Device, Problem] = {}

    def update(self, state: DeviceState) -> bool:
        """Record what a device said; True if issuance availability (or its reason) changed."""
        before = self.issuance_blocker
        if state.problem is None:
            self._problems.pop(state.device, None)
        else:
            self._problems[state.device] = state.problem
        after = self.issuance_blocker
        if after == before:
            return False
        if after is None:
            log.info("issuance available again (%s recovered)", state.device.value)
        else:
            log.warning(
                "issuance out of service: %s %s",
                after.device.value,
                after.problem.value if after.problem else "",
            )
        return True

    @property
    def issuance_blocker(self) -> DeviceState | None:
        """The device (and its problem) that keeps issuance out of service, or None."""
        for device in self.ORDER:
            problem = self._problems.get(device)
            if problem is not None:
                return DeviceState(device, problem)
        return None

    @property
    def issuance_available(self) -> bool:
        """Whether the devices allow certificates to be issued now."""
        return self.issuance_blocker is None
