"""The in-process ``sim:`` reader: a virtual card is inserted and removed by the demo or a test."""

from __future__ import annotations

import logging
import queue
import threading

from drivers.nfc.card import MyNumberCard
from drivers.nfc.errors import CardRemovedError
from drivers.nfc.reader import CardEvent, CardReader
from drivers.nfc.transport import DEFAULT_APDU_TIMEOUT_S
from drivers.nfc.virtual_card import CardWithdrawn, VirtualMyNumberCard

logger = logging.getLogger(__name__)


class _SimTransport:
    """The link to a virtual card on the sim reader; it fails once that card has left."""

    def __init__(self, reader: SimCardReader, card: VirtualMyNumberCard) -> None:
        self._reader = reader
        self._card = card
        self.extended_length = reader.extended_length

    @property
    def atr(self) -> bytes:
        """The virtual card's ATR."""
        return self._card.atr

    def transmit(self, apdu: bytes | bytearray) -> bytes:
        """Hand the APDU to the card if it is still on the reader."""
        if not self._reader.holds(self._card):
            raise CardRemovedError("the card was removed")
        try:
            response = self._card.process_apdu(bytes(apdu))
        except CardWithdrawn:
            self._reader.withdraw(self._card)
            raise CardRemovedError("the card left the reader during the exchange") from None
        if not self._reader.holds(self._card):
            raise CardRemovedError("the card was removed during the exchange")
        return response

    def close(self) -> None:
        """Nothing to release for a virtual card."""


class SimCardReader(CardReader):
    """A reader that exists only in this process; ``insert`` and ``remove`` move the card."""

    def __init__(
        self, *, extended_length: bool = False, timeout_s: float = DEFAULT_APDU_TIMEOUT_S
    ) -> None:
        self.extended_length = extended_length
        self._timeout_s = timeout_s
        self._lock = threading.Lock()
        self._card: VirtualMyNumberCard | None = None
        self._events: queue.Queue[CardEvent | None] | None = None
        self._callbacks: tuple[CardEvent, CardEvent] | None = None
        self._thread: threading.Thread | None = None

    @property
    def name(self) -> str:
        """The simulated reader's name."""
        return "Simulated reader"

    def insert(self, card: VirtualMyNumberCard) -> None:
        """Put ``card`` on the reader (replacing any card there)."""
        self.remove()
        card.power_on()
        with self._lock:
            self._card = card
        self._emit(0)

    def remove(self) -> None:
        """Take the card off the reader, even in the middle of an exchange."""
        with self._lock:
            card, self._card = self._card, None
        if card is not None:
            card.power_off()
            self._emit(1)

    def holds(self, card: VirtualMyNumberCard) -> bool:
        """Whether ``card`` is the one on the reader."""
        with self._lock:
            return self._card is card

    def withdraw(self, card: VirtualMyNumberCard) -> None:
        """The card left on its own (fault injection): remove it if it is still ours."""
        with self._lock:
            ours = self._card is card
        if ours:
            self.remove()

    def _emit(self, which: int) -> None:
        """Queue the inserted (0) or removed (1) callback for the event thread."""
        with self._lock:
            if self._events is not None and self._callbacks is not None:
                self._events.put(self._callbacks[which])

    def _run_events(self, events: queue.Queue[CardEvent | None]) -> None:
        """The driver thread that calls the callbacks in order."""
        while (callback := events.get()) is not None:
            try:
                callback()
            except Exception:
                logger.exception("card event callback failed")

    def start_monitoring(self, on_inserted: CardEvent, on_removed: CardEvent) -> None:
        """Report insertions and removals from a driver thread."""
        self.stop_monitoring()
        events: queue.Queue[CardEvent | None] = queue.Queue()
        thread = threading.Thread(
            target=self._run_events, args=(events,), name="nfc-sim-events", daemon=True
        )
        with self._lock:
            self._events, self._callbacks, self._thread = events, (on_inserted, on_removed), thread
            present = self._card is not None
        thread.start()
        if present:
            events.put(on_inserted)

    def stop_monitoring(self) -> None:
        """Stop the event thread after it has delivered the events already queued."""
        with self._lock:
            events, thread = self._events, self._thread
            self._events, self._callbacks, self._thread = None, None, None
        if events is not None and thread is not None:
            events.put(None)
            if thread is not threading.current_thread():
                thread.join(timeout=5)

    def card_present(self) -> bool:
        """Whether a virtual card is on the reader."""
        with self._lock:
            return self._card is not None

    def connect(self) -> MyNumberCard:
        """Connect to the virtual card and check it is a My Number Card."""
        with self._lock:
            card = self._card
        if card is None:
            raise CardRemovedError("no card on the reader")
        my_number_card = MyNumberCard(_SimTransport(self, card), self._timeout_s)
        my_number_card.detect()
        return my_number_card

    def close(self) -> None:
        """Stop monitoring."""
        self.stop_monitoring()
