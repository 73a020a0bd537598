"""Writes money-journal entries; those the journal cannot take (a full disk) wait, in order.

The money has moved whether or not the disk can record it: an entry that cannot be written
is kept in memory, every later entry queues behind it (the journal's order is the order the
money moved), and :meth:`JournalWriter.write_waiting` writes them all, with their original
times, once the journal takes writes again.
"""

from __future__ import annotations

import logging
from collections import deque
from typing import Any

from kiosk_app.payment.journal import EntryKind, JournalEntry, JournalError, MoneyJournal, utc_now

log = logging.getLogger(__name__)


class JournalWriter:
    """Appends to a :class:`MoneyJournal`, keeping what it cannot write until it can."""

    def __init__(self, journal: MoneyJournal) -> None:
        self.journal = journal
        self._waiting: deque[JournalEntry] = deque()

    @property
    def writable(self) -> bool:
        """True when every entry so far is in the journal."""
        return not self._waiting

    @property
    def waiting(self) -> int:
        """How many entries wait to be written."""
        return len(self._waiting)

    def append(
        self, payment_id: str, kind: EntryKind, amount_yen: int, detail: dict[str, Any]
    ) -> JournalEntry:
        """Write one entry now; if the journal cannot take it (or entries wait before it), keep
        it waiting and return it with sequence number 0."""
        if not self._waiting:
            try:
                return self.journal.append(payment_id, kind, amount_yen, detail)
            except JournalError as exc:
                log.error("the money journal cannot be written: %s", exc)
        entry = JournalEntry(0, utc_now(), payment_id, kind, amount_yen, dict(detail))
        self._waiting.append(entry)
        return entry

    def write_waiting(self) -> bool:
        """Write the waiting entries, oldest first; True when none waits any more."""
        while self._waiting:
            entry = self._waiting[0]
            try:
                self.journal.append(
                    entry.payment_id, entry.kind, entry.amount_yen, entry.detail, at=entry.at
                )
            except JournalError as exc:
                log.debug("the money journal still cannot be written: %s", exc)
                return False
            self._waiting.popleft()
        return True
