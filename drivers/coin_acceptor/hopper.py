"""The ccTalk change hopper: enable, serial-number dispense that is never blindly resent, status."""

from __future__ import annotations

import logging
import time
from abc import abstractmethod
from dataclasses import dataclass

from drivers.coin_acceptor.acceptor import Identity, read_identity
from drivers.coin_acceptor.errors import (
    CommunicationError,
    HopperError,
    PayoutUnverifiedError,
    UnexpectedReplyError,
)
from drivers.coin_acceptor.events import next_counter
from drivers.coin_acceptor.framing import HOPPER_ADDRESS, HOPPER_ENABLE_KEY
from drivers.coin_acceptor.link import CcTalkLink
from drivers.device import DeviceABC

_log = logging.getLogger(__name__)

#: Seconds allowed per coin for a payout to finish, plus a fixed margin.
SECONDS_PER_COIN = 0.5
PAYOUT_MARGIN = 2.0

#: How often the status is read while a payout runs.
STATUS_INTERVAL = 0.05

#: Reply time-out of the dispense command.
DISPENSE_REPLY_TIMEOUT = 0.5

#: Coins assumed above the low-level sensor when the hopper is not below it.
DEFAULT_LOW_LEVEL_COINS = 20

_TEST_FLAGS = (
    "absolute maximum current exceeded",
    "payout timeout",
    "motor reversed to clear a jam",
    "opto fraud: path blocked during idle",
    "opto fraud: short-circuit during idle",
    "opto blocked permanently during payout",
    "power-up detected",
    "payout disabled",
)


@dataclass(frozen=True)
class HopperStatus:
    """Header 166: event counter, coins still to pay, and the last payout's paid/unpaid."""

    event_counter: int
    remaining: int
    last_paid: int
    last_unpaid: int


@dataclass(frozen=True)
class DispenseResult:
    """How a dispense ended: ``paid + unpaid == requested``; ``executed`` False if never started."""

    requested: int
    paid: int
    unpaid: int
    executed: bool


def dispense_outcome(before: int, requested: int, status: HopperStatus) -> DispenseResult | None:
    """Judge a finished dispense from the status read after it, or None if still running.

    ``before`` is the hopper's event counter read before the command was sent. Raise
    :class:`PayoutUnverifiedError` when the counter moved in a way one dispense cannot explain.
    """
    if status.event_counter == before:
        return DispenseResult(requested, 0, requested, executed=False)
    if status.event_counter != next_counter(before):
        raise PayoutUnverifiedError(
            f"hopper event counter went {before} → {status.event_counter}", requested
        )
    if status.remaining:
        return None
    return DispenseResult(requested, status.last_paid, requested - status.last_paid, executed=True)


class Hopper(DeviceABC):
    """A payout hopper holding coins of ``coin_yen`` (a context manager, ``DeviceABC``).

    ``dispense`` checks the count for every backend, then hands it to ``_dispense``.
    """

    coin_yen: int

    def dispense(self, count: int, before: HopperStatus | None = None) -> DispenseResult:
        """Pay ``count`` coins (1 to 255) and wait for the result; never resent.

        ``before`` is a status read just before (the journal records its counter); it is read
        when not given.
        """
        if not 1 <= count <= 255:
            raise HopperError(f"cannot dispense {count} coins in one command")
        return self._dispense(count, before)

    @abstractmethod
    def _dispense(self, count: int, before: HopperStatus | None) -> DispenseResult:
        """Pay a checked ``count`` of coins."""

    @abstractmethod
    def identify(self) -> Identity:
        """What the hopper says it is."""

    @abstractmethod
    def enable(self) -> None:
        """Allow payouts (hoppers are disabled after every power-up)."""

    @abstractmethod
    def status(self) -> HopperStatus:
        """The payout counters."""

    @abstractmethod
    def test(self) -> list[str]:
        """The fault flags that are set (empty when all is well)."""

    @abstractmethod
    def emergency_stop(self) -> int:
        """Stop paying at once; returns the coins left unpaid."""

    @abstractmethod
    def coin_stock(self) -> int:
        """Coins that can surely be paid."""

    @abstractmethod
    def wait_for_payout(self, before: int, count: int) -> DispenseResult:
        """Wait until the payout that followed counter ``before`` has finished."""


class CcTalkHopper(Hopper):
    """A ccTalk payout hopper holding coins of one yen value."""

    def __init__(
        self,
        link: CcTalkLink,
        coin_yen: int,
        address: int = HOPPER_ADDRESS,
        low_level_coins: int = DEFAULT_LOW_LEVEL_COINS,
    ) -> None:
        self.link = link
        self.coin_yen = coin_yen
        self.address = address
        self.low_level_coins = low_level_coins
        self.dispense_timeout = DISPENSE_REPLY_TIMEOUT
        self._serial: bytes | None = None

    def identify(self) -> Identity:
        """Category, manufacturer, product code, serial number and software revision."""
        return read_identity(self.link, self.address)

    def enable(self) -> None:
        """Header 164 with the enable key (hoppers are disabled after every power-up)."""
        self.link.transact(self.address, 164, bytes([HOPPER_ENABLE_KEY]), reply_length=0)

    def status(self) -> HopperStatus:
        """Header 166."""
        counter, remaining, paid, unpaid = self.link.transact(self.address, 166, reply_length=4)
        return HopperStatus(counter, remaining, paid, unpaid)

    def test(self) -> list[str]:
        """Header 163: the status-register flags that are set (empty when all is well)."""
        data = self.link.transact(self.address, 163, max_reply_length=3)
        if not data:
            raise UnexpectedReplyError("empty test-hopper reply")
        return [flag for bit, flag in enumerate(_TEST_FLAGS) if data[0] & (1 << bit)]

    def emergency_stop(self) -> int:
        """Header 172: stop paying at once; returns the coins left unpaid."""
        data = self.link.transact(self.address, 172, max_reply_length=1)
        return data[0] if data else 0

    def coin_stock(self) -> int:
        """Coins that can surely be paid: 0 below the low-level sensor, else ``low_level_coins``."""
        data = self.link.transact(self.address, 217, reply_length=1)
        supported, below_low = data[0] & 0x10, data[0] & 0x01
        if supported and below_low:
            return 0
        return self.low_level_coins

    def _dispense(self, count: int, before: HopperStatus | None) -> DispenseResult:
        """Header 167 (serial-number variant), sent once: if its reply is lost the status tells
        whether it ran."""
        self.enable()
        serial = self._serial_bytes()
        start = before if before is not None else self.status()
        if start.remaining:
            raise HopperError("the hopper is still paying out")
        try:
            self.link.transact(
                self.address,
                167,
                serial + bytes([count]),
                timeout=self.dispense_timeout,
                idempotent=False,
                max_reply_length=1,
            )
        except CommunicationError as exc:
            _log.warning("dispense reply lost (%s): reading the hopper status, not resending", exc)
        return self.wait_for_payout(start.event_counter, count)

    def wait_for_payout(self, before: int, count: int) -> DispenseResult:
        """Read the status until the payout that followed counter ``before`` has finished."""
        deadline = time.monotonic() + count * SECONDS_PER_COIN + PAYOUT_MARGIN
        while True:
            result = dispense_outcome(before, count, self.status())
            if result is not None:
                return result
            if time.monotonic() > deadline:
                unpaid = self.emergency_stop()
                _log.error("payout overran its time: emergency stop, %d unpaid", unpaid)
                final = dispense_outcome(before, count, self.status())
                if final is None:
                    raise PayoutUnverifiedError("the hopper did not stop", count)
                return final
            time.sleep(STATUS_INTERVAL)

    def _serial_bytes(self) -> bytes:
        if self._serial is None:
            self._serial = bytes(self.link.transact(self.address, 242, reply_length=3))
        return self._serial

    def close(self) -> None:
        """Close the link (and with it the port, which devices of one bus share)."""
        self.link.close()
