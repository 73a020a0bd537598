"""The ccTalk coin acceptor: identity, coin table, inhibits, self-check and a polling thread."""

from __future__ import annotations

import logging
import threading
import time
from abc import abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from drivers.coin_acceptor.coins import CoinType, describe_fault, parse_coin_id
from drivers.coin_acceptor.errors import CoinMechError, CommunicationError, UnexpectedReplyError
from drivers.coin_acceptor.events import (
    AcceptorEvent,
    AcceptorOffline,
    AcceptorOnline,
    AcceptorReset,
    EventTracker,
    reset_since,
)
from drivers.coin_acceptor.framing import ACCEPTOR_ADDRESS
from drivers.coin_acceptor.link import CcTalkLink
from drivers.device import DeviceABC

_log = logging.getLogger(__name__)

#: Poll interval when the device does not state one (seconds).
DEFAULT_POLL_INTERVAL = 0.2

#: Never poll slower than this: acceptors self-inhibit when not polled for about a second.
MAX_POLL_INTERVAL = 0.5

#: Reply time-out of the slow commands: self-check (232) and reset (1).
SLOW_REPLY_TIMEOUT = 1.0

#: Pause after the port itself failed (adapter unplugged) before polling again.
PORT_RETRY_INTERVAL = 1.0

#: Consecutive failed polls before the acceptor is reported offline.
OFFLINE_AFTER = 5

_POLL_UNITS = {1: 0.001, 2: 0.01, 3: 1.0, 4: 60.0}


@dataclass(frozen=True)
class Identity:
    """What a ccTalk device says it is."""

    category: str
    manufacturer: str
    product: str
    serial: int
    software: str


@dataclass(frozen=True)
class SelfCheck:
    """The header-232 self-check result."""

    fault_code: int
    reason: str

    @property
    def ok(self) -> bool:
        """True when the device reports no fault."""
        return self.fault_code == 0


#: Longest identity string accepted (longer length bytes are treated as noise).
_TEXT_MAX = 64


def _text(data: bytes) -> str:
    return data.decode("ascii", errors="replace").strip()


def read_identity(link: CcTalkLink, address: int) -> Identity:
    """Headers 245, 246, 244, 242 (serial, 3 bytes LSB first) and 241."""
    serial = link.transact(address, 242, reply_length=3)
    return Identity(
        category=_text(link.transact(address, 245, max_reply_length=_TEXT_MAX)),
        manufacturer=_text(link.transact(address, 246, max_reply_length=_TEXT_MAX)),
        product=_text(link.transact(address, 244, max_reply_length=_TEXT_MAX)),
        serial=int.from_bytes(serial, "little"),
        software=_text(link.transact(address, 241, max_reply_length=_TEXT_MAX)),
    )


class CoinAcceptor(DeviceABC):
    """A coin acceptor: which coins it takes, and their events from a polling thread (a context
    manager, ``DeviceABC``). ``coins`` is its coin table by position, ``serial_number`` its own."""

    coins: dict[int, CoinType]
    serial_number: int | None

    @abstractmethod
    def identify(self) -> Identity:
        """What the acceptor says it is."""

    @abstractmethod
    def self_check(self) -> SelfCheck:
        """The acceptor's own fault check."""

    @abstractmethod
    def set_accepted_values(self, values_yen: Iterable[int]) -> None:
        """Accept only coins of these yen values (none: accept no coin at all)."""

    @property
    @abstractmethod
    def accepted_values(self) -> frozenset[int]:
        """The yen values currently accepted."""

    @abstractmethod
    def poll_once(self) -> list[AcceptorEvent]:
        """The events since the last poll, oldest first."""

    @property
    @abstractmethod
    def event_counter(self) -> int | None:
        """The event counter of the last validated reply (None before the first one): give
        it back to :meth:`start_polling` after a restart to resume from there."""

    @abstractmethod
    def start_polling(
        self, on_event: Callable[[AcceptorEvent], None], last_counter: int | None = None
    ) -> None:
        """Poll in a driver thread and call ``on_event`` for every event, oldest first."""

    @abstractmethod
    def stop_polling(self) -> None:
        """Stop the polling thread and wait for it."""


class CcTalkCoinAcceptor(CoinAcceptor):
    """A ccTalk coin acceptor on a link; call :meth:`initialise` before polling."""

    def __init__(self, link: CcTalkLink, address: int = ACCEPTOR_ADDRESS) -> None:
        self.link = link
        self.address = address
        self.coins: dict[int, CoinType] = {}
        self.serial_number: int | None = None
        self.poll_interval = DEFAULT_POLL_INTERVAL
        self.port_retry_interval = PORT_RETRY_INTERVAL
        self._accepted_values: frozenset[int] = frozenset()
        self._expect_accepting = False
        self._applied = False
        self._tracker = EventTracker(self.coins)
        #: The buffered results read by :meth:`initialise` (newest first).
        self._first_pairs: list[tuple[int, int]] = []
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._state_lock = threading.Lock()
        self._poll_lock = threading.Lock()

    # --- plain commands -------------------------------------------------------------------

    def identify(self) -> Identity:
        """Category, manufacturer, product code, serial number and software revision."""
        return read_identity(self.link, self.address)

    def read_coin_table(self) -> dict[int, CoinType]:
        """Positions 1..16 with a programmed coin (header 184); also kept in ``coins``."""
        table: dict[int, CoinType] = {}
        for position in range(1, 17):
            coin = parse_coin_id(
                position,
                self.link.transact(self.address, 184, bytes([position]), max_reply_length=6),
            )
            if coin is not None:
                table[position] = coin
        self.coins.clear()
        self.coins.update(table)
        return dict(table)

    def read_poll_interval(self) -> float:
        """The device's polling priority (header 249) in seconds, clamped to a safe range."""
        units, value = self.link.transact(self.address, 249, reply_length=2)
        if units not in _POLL_UNITS or value == 0:
            return DEFAULT_POLL_INTERVAL
        return min(max(_POLL_UNITS[units] * value, 0.05), MAX_POLL_INTERVAL)

    def set_inhibits(self, enabled_positions: Iterable[int]) -> None:
        """Header 231: enable exactly these coin positions (bit set = accept)."""
        mask = 0
        for position in enabled_positions:
            mask |= 1 << (position - 1)
        self.link.transact(self.address, 231, mask.to_bytes(2, "little"), reply_length=0)

    def read_inhibits(self) -> set[int]:
        """Header 230: the enabled coin positions."""
        mask = int.from_bytes(self.link.transact(self.address, 230, reply_length=2), "little")
        return {position for position in range(1, 17) if mask & (1 << (position - 1))}

    def set_master_inhibit(self, accept: bool) -> None:
        """Header 228: accept coins (True) or inhibit all (False)."""
        self.link.transact(self.address, 228, bytes([int(accept)]), reply_length=0)

    def read_master_inhibit(self) -> bool:
        """Header 227: True when the acceptor accepts coins."""
        return bool(self.link.transact(self.address, 227, reply_length=1)[0] & 1)

    def self_check(self) -> SelfCheck:
        """Header 232 fault code with a readable reason."""
        data = self.link.transact(self.address, 232, timeout=SLOW_REPLY_TIMEOUT, max_reply_length=2)
        if not data:
            raise UnexpectedReplyError("empty self-check reply")
        return SelfCheck(data[0], describe_fault(data[0]))

    def read_buffered_events(self) -> tuple[int, list[tuple[int, int]]]:
        """Header 229 (a pure read, safe to retry): the counter and five pairs, newest first."""
        data = self.link.transact(self.address, 229, reply_length=11)
        return data[0], [(data[i], data[i + 1]) for i in range(1, 11, 2)]

    def reset(self) -> None:
        """Header 1: software reset (the counter restarts at 0, inhibits are lost)."""
        self.link.transact(self.address, 1, timeout=SLOW_REPLY_TIMEOUT, idempotent=False)

    # --- managed operation ----------------------------------------------------------------

    def initialise(self) -> None:
        """Read the serial number, coin table, polling priority and event counter; inhibit
        every coin.

        The counter read here is the baseline: every later event is reported.
        """
        serial = self.link.transact(self.address, 242, reply_length=3)
        self.serial_number = int.from_bytes(serial, "little")
        self.read_coin_table()
        self.poll_interval = self.read_poll_interval()
        self.set_accepted_values(())
        counter, self._first_pairs = self.read_buffered_events()
        self._tracker = EventTracker(self.coins, counter)

    def set_accepted_values(self, values_yen: Iterable[int]) -> None:
        """Accept only coins of these yen values; an empty set sets the master inhibit.

        Nothing is sent when the set is unchanged (a reset re-applies it in :meth:`poll_once`).
        """
        values = frozenset(values_yen)
        with self._state_lock:
            if values == self._accepted_values and self._applied:
                return
            self._accepted_values = values
            self._apply_inhibits()

    @property
    def accepted_values(self) -> frozenset[int]:
        """The yen values currently accepted."""
        return self._accepted_values

    def _apply_inhibits(self) -> None:
        positions = [p for p, c in self.coins.items() if c.value_yen in self._accepted_values]
        self._applied = False
        self.set_inhibits(positions)
        self.set_master_inhibit(bool(positions))
        self._expect_accepting = bool(positions)
        self._applied = True

    @property
    def event_counter(self) -> int | None:
        """The event counter of the last validated reply (None before the first one)."""
        return self._tracker.last

    def poll_once(self) -> list[AcceptorEvent]:
        """Read header 229 and return the new events (oldest first); re-initialise on reset."""
        with self._poll_lock:
            counter, pairs = self.read_buffered_events()
            if counter == 0 and self._tracker.last == 0 and self._lost_settings():
                events: list[AcceptorEvent] = [AcceptorReset(0)]
            else:
                events = self._tracker.update(counter, pairs)
        if any(isinstance(event, AcceptorReset) for event in events):
            _log.warning("coin acceptor reset (counter back to 0): re-applying inhibits")
            with self._state_lock:
                self._apply_inhibits()
        return events

    def _lost_settings(self) -> bool:
        """While the counter stays 0 a reset cannot be seen in it: check the master inhibit."""
        return self._expect_accepting and not self.read_master_inhibit()

    def start_polling(
        self, on_event: Callable[[AcceptorEvent], None], last_counter: int | None = None
    ) -> None:
        """Poll in a driver thread and call ``on_event`` for every event, oldest first.

        ``last_counter`` (e.g. from the money journal) replaces the baseline so that credits
        buffered while the program was not running count too. An acceptor whose counter
        reads 0 (from :meth:`initialise` or the last poll) was reset since: its buffer is
        empty, the reset is logged and not reported, polling goes on from 0. So is one whose
        counter moved on from 0 by fewer than five (coins refused while all were inhibited
        after the power-up): polling goes on from there, not from ``last_counter``.
        """
        if self._thread is not None:
            raise CoinMechError("already polling")
        if last_counter is not None:
            counter = self._tracker.last
            if counter is not None and (
                (counter == 0 and last_counter != 0)
                or reset_since(counter, last_counter, self._first_pairs)
            ):
                _log.info(
                    "coin acceptor reset since it was last polled (counter %d, was %d):"
                    " nothing buffered to recover",
                    counter,
                    last_counter,
                )
            else:
                self._tracker.last = last_counter
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._poll_loop, args=(on_event,), name="coin-acceptor-poll", daemon=True
        )
        self._thread.start()

    def stop_polling(self) -> None:
        """Stop the polling thread and wait for it."""
        thread, self._thread = self._thread, None
        if thread is not None:
            self._stop.set()
            thread.join()

    def close(self) -> None:
        """Stop polling, inhibit all coins (best effort) and close the link."""
        self.stop_polling()
        try:
            self.set_master_inhibit(False)
        except CoinMechError as exc:
            _log.warning("could not inhibit the acceptor while closing: %s", exc)
        self.link.close()

    def _poll_loop(self, on_event: Callable[[AcceptorEvent], None]) -> None:
        failures = 0
        next_poll = time.monotonic()
        while True:
            next_poll = max(next_poll + self.poll_interval, time.monotonic())
            if self._stop.wait(next_poll - time.monotonic()):
                return
            try:
                events: list[AcceptorEvent] = self.poll_once()
            except CommunicationError as exc:
                failures += 1
                events = [AcceptorOffline(str(exc))] if failures == OFFLINE_AFTER else []
            except Exception as exc:  # the poller must outlive any fault (port gone, bug)
                if not isinstance(exc, CoinMechError):
                    _log.exception("unexpected error while polling the coin acceptor")
                failures += 1
                events = [AcceptorOffline(str(exc))] if failures == OFFLINE_AFTER else []
                self._stop.wait(self.port_retry_interval)
            else:
                events = ([AcceptorOnline()] if failures >= OFFLINE_AFTER else []) + events
                failures = 0
            for event in events:
                try:
                    on_event(event)
                except Exception:
                    _log.exception("coin event listener failed on %s", type(event).__name__)
