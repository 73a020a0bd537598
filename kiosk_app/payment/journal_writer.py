"""Writes money-journal entries; those the journal cannot take (a full disk) wait, in order,
in the journal's preallocated reserve.

The money has moved whether or not the disk can record it: an entry that cannot be written
waits, and every later entry queues behind it (the journal's order is the order the money
moved). Each waiting entry is also written, synced, to the journal's reserve
(:mod:`kiosk_app.payment.journal_reserve`, space taken when the journal opened), so that it
outlives a crash: a restart finds it there, with its coin's acceptor event counter, and
neither credits that coin again nor pays back what a refund slip already owes.
:meth:`JournalWriter.write_waiting` moves the waiting entries into the journal, with their
original times and reserve keys, once the journal takes writes again.
"""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass
from typing import Any

from kiosk_app.payment.journal import (
    COUNTED_KINDS,
    EntryKind,
    JournalEntry,
    JournalError,
    MoneyJournal,
    PaymentState,
    open_payments_of,
    replay,
    utc_now,
)
from kiosk_app.payment.journal_reserve import ReserveError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WaitingEntry:
    """An entry not in the journal yet; ``key`` is its reserve key (None: in memory only)."""

    key: str | None
    entry: JournalEntry


class JournalWriter:
    """Appends to a :class:`MoneyJournal`, keeping what it cannot write until it can.

    At start it takes back what a crash left in the reserve: the entries not already moved
    into the journal wait again (and are moved at once if the journal takes them).
    """

    def __init__(self, journal: MoneyJournal) -> None:
        self.journal = journal
        self._waiting: deque[WaitingEntry] = deque()
        #: The entries taken back from the reserve at start (a crash kept them from the journal).
        self.taken_back: list[JournalEntry] = []
        self._take_back_reserved()

    def _take_back_reserved(self) -> None:
        reserve = self.journal.reserve
        records = reserve.read()
        if not records:
            return
        moved = self.journal.reserved_keys()
        for key, record in records:
            if key not in moved:
                self._waiting.append(WaitingEntry(key, _entry_of(record)))
        self.taken_back = [waiting.entry for waiting in self._waiting]
        if (
            not self.taken_back
        ):  # a crash came after they were moved, before the reserve was emptied
            self._clear_reserve()
            return
        coins = sum(e.amount_yen for e in self.taken_back if e.kind is EntryKind.COIN)
        owed = sum(e.amount_yen for e in self.taken_back if e.kind is EntryKind.REFUND_OWED)
        log.warning(
            "took back %d money journal entries a crash kept in the journal's reserve"
            " (coins %d yen, refunds owed %d yen): they count as journaled",
            len(self.taken_back),
            coins,
            owed,
        )
        if self.write_waiting():
            log.warning("the entries taken back from the reserve are in the journal")

    @property
    def writable(self) -> bool:
        """True when every entry so far is in the journal."""
        return not self._waiting

    @property
    def waiting(self) -> int:
        """How many entries wait to be written."""
        return len(self._waiting)

    @property
    def in_memory_only(self) -> int:
        """How many of them the reserve could not take either (a crash would lose them)."""
        return sum(1 for waiting in self._waiting if waiting.key is None)

    def append(
        self, payment_id: str, kind: EntryKind, amount_yen: int, detail: dict[str, Any]
    ) -> JournalEntry:
        """Write one entry now; if the journal cannot take it (or entries wait before it), keep
        it waiting (in the reserve) and return it with sequence number 0."""
        if not self._waiting:
            try:
                return self.journal.append(payment_id, kind, amount_yen, detail)
            except JournalError as exc:
                log.error("the money journal cannot be written: %s", exc)
        entry = JournalEntry(0, utc_now(), payment_id, kind, amount_yen, dict(detail))
        self._waiting.append(WaitingEntry(self._reserve(entry), entry))
        return entry

    def _reserve(self, entry: JournalEntry) -> str | None:
        reserve = self.journal.reserve
        key = reserve.next_key()
        record = {
            "at": entry.at,
            "payment_id": entry.payment_id,
            "kind": entry.kind.value,
            "amount_yen": entry.amount_yen,
            "detail": entry.detail,
        }
        try:
            reserve.write(key, record)
        except ReserveError as exc:
            log.critical(
                "a %s entry of %d yen waits in memory only (%s): a crash now would lose it",
                entry.kind.value,
                entry.amount_yen,
                exc,
            )
            return None
        return key

    def write_waiting(self) -> bool:
        """Write the waiting entries, oldest first; True when none waits any more (the
        reserve is emptied then)."""
        if not self._waiting:
            return True
        while self._waiting:
            key, entry = self._waiting[0].key, self._waiting[0].entry
            detail = entry.detail if key is None else {**entry.detail, "reserved": key}
            try:
                self.journal.append(
                    entry.payment_id, entry.kind, entry.amount_yen, detail, at=entry.at
                )
            except JournalError as exc:
                log.debug("the money journal still cannot be written: %s", exc)
                return False
            self._waiting.popleft()
        self._clear_reserve()
        return True

    def _clear_reserve(self) -> None:
        try:
            self.journal.reserve.clear()
        except ReserveError as exc:  # its entries are in the journal: a restart skips them
            log.error("%s", exc)

    def payments(self) -> dict[str, PaymentState]:
        """Every payment, replayed from the journal and then the entries that wait."""
        states = self.journal.payments()
        for waiting in self._waiting:
            entry = waiting.entry
            replay(states.setdefault(entry.payment_id, PaymentState(entry.payment_id)), entry)
        return states

    def open_payments(self) -> list[PaymentState]:
        """Payments without a CLOSED entry, in the journal or waiting (a damaged one left as it
        is: :func:`~kiosk_app.payment.journal.open_payments_of`)."""
        return open_payments_of(self.payments())

    def last_event_counter(self, acceptor_serial: int) -> int | None:
        """The acceptor event counter last journaled from that acceptor (a coin's or alert's,
        or where polling stopped), waiting or in the journal."""
        for waiting in reversed(self._waiting):
            entry = waiting.entry
            counter = entry.detail.get("counter")
            acceptor = entry.detail.get("acceptor")
            if entry.kind in COUNTED_KINDS and acceptor == acceptor_serial and counter is not None:
                return int(counter)
        return self.journal.last_event_counter(acceptor_serial)


def _entry_of(record: dict[str, Any]) -> JournalEntry:
    """A waiting entry as the reserve kept it (sequence number 0: not in the journal)."""
    return JournalEntry(
        0,
        str(record["at"]),
        str(record["payment_id"]),
        EntryKind(record["kind"]),
        int(record["amount_yen"]),
        dict(record["detail"]),
    )
