"""The money journal: an append-only SQLite log (WAL, synchronous=FULL) of every yen moved.

An entry that cannot be read back (a damaged file: text that is not UTF-8, a column of another
type, detail that is not JSON, an unknown kind) stops nothing: it is left in the journal as it
is, an ERROR log names its number and payment (never its content), and its payment is not
settled automatically at start-up (what it held is unknown: settling it could pay a refund
twice or keep a fee) but left for the field engineer; every other payment goes on.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from kiosk_app import stored_columns as column
from kiosk_app.payment.journal_reserve import JournalReserve, ReserveError
from kiosk_app.sqlite_cache import bound_page_cache

log = logging.getLogger(__name__)


def utc_now() -> str:
    """The time as the journal keeps it: UTC, ISO 8601, milliseconds."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class JournalError(Exception):
    """The journal could not be opened or written (wraps sqlite3 errors)."""


class EntryKind(StrEnum):
    """What a journal entry records; ``amount_yen`` means what the comment says."""

    OPENED = "opened"  # amount due
    COIN = "coin"  # value of a credited coin
    CREDIT_LOST = "credit_lost"  # 0: events the acceptor lost (count in detail)
    ALERT = "alert"  # 0: device reset, jam, unknown coin
    FEE = "fee"  # fee charged
    FEE_VOIDED = "fee_voided"  # a charged fee given back (not delivered)
    PAYOUT_STARTED = "payout_started"  # value about to be dispensed by one hopper
    CHANGE = "change"  # value actually paid out by a hopper (change or returned credit)
    REFUND_OWED = "refund_owed"  # value the kiosk could not pay out: a refund slip
    DELIVERED = "delivered"  # fee of one copy handed out whole (document id, copy, copies)
    CLOSED = "closed"  # 0: the payment is settled
    POLLED = "polled"  # 0: the acceptor's event counter when polling stopped (resumed from)


@dataclass(frozen=True)
class JournalEntry:
    """One appended row."""

    seq: int
    at: str
    payment_id: str
    kind: EntryKind
    amount_yen: int
    detail: dict[str, Any]


@dataclass(frozen=True)
class UnreadableEntry:
    """An entry that cannot be read back: its number, its payment (None when that cannot be
    read either) and what is wrong (the column, never its content)."""

    seq: int
    payment_id: str | None
    fault: str


@dataclass(frozen=True)
class JournalTotals:
    """Sums over the whole journal; ``change`` includes credit returned on cancel."""

    inserted: int
    fees: int
    change: int
    refunds_owed: int


@dataclass(frozen=True)
class PendingPayout:
    """A payout started but with no recorded result (the process died during it)."""

    seq: int
    coin_yen: int
    count: int
    hopper_counter: int


@dataclass(frozen=True)
class OwedRefund:
    """A refund owed on a slip: the entry's number and its ``slip`` number when the journal
    could not give one (it waited), the amount and the reason."""

    seq: int
    slip: str | None
    amount_yen: int
    reason: str


@dataclass(frozen=True)
class DeliveredCopies:
    """What of a request came out whole (the fee is per copy): per document, how many copies
    did (``copies``). ``uncounted``: the documents journaled whole at once by a version from
    before copies were counted (every copy of each, how many unknown here)."""

    copies: tuple[tuple[str, int], ...] = ()
    uncounted: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """True when no copy came out whole."""
        return not (self.copies or self.uncounted)


@dataclass
class PaymentState:
    """One payment rebuilt from its entries."""

    payment_id: str
    reference: str = ""
    due_yen: int = 0
    certificate_types: list[str] = field(default_factory=list)
    credit_yen: int = 0
    fee_yen: int = 0
    change_yen: int = 0
    refund_owed_yen: int = 0
    awaits_delivery: bool = False
    #: (document id, copy number) → the fee kept for that copy, in the order journaled. Copy 0
    #: is a whole document at once (its every copy): an entry from before copies were counted.
    delivered: dict[tuple[str, int], int] = field(default_factory=dict)
    opened: bool = False
    closed: bool = False
    #: An entry of this payment cannot be read or replayed: what it holds is unknown.
    damaged: bool = False
    pending: dict[int, PendingPayout] = field(default_factory=dict)
    owed: list[OwedRefund] = field(default_factory=list)

    @property
    def delivered_yen(self) -> int:
        """The fees of the copies journaled as handed out."""
        return sum(self.delivered.values())

    def delivered_copies(self) -> DeliveredCopies:
        """The copies of each document journaled as handed out whole."""
        uncounted = tuple(document_id for document_id, copy in self.delivered if copy == 0)
        counted: dict[str, int] = {}
        for document_id, copy in self.delivered:
            if copy and document_id not in uncounted:
                counted[document_id] = counted.get(document_id, 0) + 1
        return DeliveredCopies(tuple(counted.items()), uncounted)

    @property
    def undelivered_yen(self) -> int:
        """The part of the charged fee not (yet) covered by a delivered document."""
        return max(0, self.fee_yen - self.delivered_yen)

    @property
    def owed_yen(self) -> int:
        """What must still leave the kiosk: credit minus fee, paid change and refunds owed."""
        return self.credit_yen - self.fee_yen - self.change_yen - self.refund_owed_yen

    def apply(self, entry: JournalEntry) -> None:
        """Fold one entry of this payment into the state."""
        kind, amount, detail = entry.kind, entry.amount_yen, entry.detail
        if kind is EntryKind.OPENED:
            self.opened = True
            self.reference = str(detail.get("reference", ""))
            self.due_yen = amount
            self.certificate_types = list(detail.get("certificate_types", []))
            self.awaits_delivery = bool(detail.get("awaits_delivery", False))
        elif kind is EntryKind.COIN:
            self.credit_yen += amount
        elif kind is EntryKind.FEE:
            self.fee_yen += amount
        elif kind is EntryKind.FEE_VOIDED:
            self.fee_yen -= amount
        elif kind is EntryKind.PAYOUT_STARTED:
            self.pending[entry.seq] = PendingPayout(
                entry.seq, int(detail["coin_yen"]), int(detail["count"]), int(detail["counter"])
            )
        elif kind is EntryKind.CHANGE:
            self.change_yen += amount
            self.pending.pop(int(detail.get("started", -1)), None)
        elif kind is EntryKind.REFUND_OWED:
            self.refund_owed_yen += amount
            slip = detail.get("slip")
            reason = str(detail.get("reason", ""))
            self.owed.append(
                OwedRefund(entry.seq, None if slip is None else str(slip), amount, reason)
            )
        elif kind is EntryKind.DELIVERED:
            document_id = str(detail.get("document_id", entry.seq))
            copy = int(detail.get("copy", 0))
            self.delivered[(document_id, copy)] = amount
        elif kind is EntryKind.CLOSED:
            self.closed = True


_KINDS = ", ".join(repr(k.value) for k in EntryKind)
#: The kinds of entry that may say where the acceptor's event counter stood.
COUNTED_KINDS = (EntryKind.COIN, EntryKind.ALERT, EntryKind.POLLED)
_TABLE = f"""
CREATE TABLE IF NOT EXISTS {{name}} (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    payment_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ({_KINDS})),
    amount_yen INTEGER NOT NULL CHECK (amount_yen >= 0),
    detail TEXT NOT NULL DEFAULT '{{{{}}}}'
);
"""
_SCHEMA = (
    _TABLE.format(name="entries")
    + """
CREATE INDEX IF NOT EXISTS entries_payment ON entries (payment_id);
CREATE TRIGGER IF NOT EXISTS entries_no_update BEFORE UPDATE ON entries
BEGIN SELECT RAISE(ABORT, 'the money journal is append-only'); END;
CREATE TRIGGER IF NOT EXISTS entries_no_delete BEFORE DELETE ON entries
BEGIN SELECT RAISE(ABORT, 'the money journal is append-only'); END;
"""
)


def _upgrade_kinds(db: sqlite3.Connection) -> None:
    """Copy a journal made before the newest entry kinds into a table that accepts them.

    The CHECK constraint of an existing table cannot be altered: every row is copied as it
    is into a new table in one transaction (nothing is changed or lost), then the old table
    is replaced. The append-only triggers are created again by the schema script.
    """
    row = db.execute("SELECT sql FROM sqlite_master WHERE name = 'entries'").fetchone()
    if row is None or all(repr(k.value) in row[0] for k in EntryKind):
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        db.execute("DROP TABLE IF EXISTS entries_upgraded")
        db.execute(_TABLE.format(name="entries_upgraded"))
        db.execute("INSERT INTO entries_upgraded SELECT * FROM entries")
        db.execute("DROP TABLE entries")
        db.execute("ALTER TABLE entries_upgraded RENAME TO entries")
    except sqlite3.Error:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


#: SQL: an entry's detail when it is JSON, else NULL (``json_extract`` raises for a damaged one).
_DETAIL = "CASE WHEN json_valid(detail) THEN detail END"
_PLACES = ", ".join("?" for _ in EntryKind)
#: Every entry, its text columns as bytes and NULL for a value of another type (see
#: ``kiosk_app.stored_columns``): no damaged entry can make the query fail.
_SELECT_ENTRIES = (
    f"SELECT seq, {column.as_text('at')}, {column.as_text('payment_id')},"  # noqa: S608 (constants)
    f" {column.as_text('kind')}, {column.as_integer('amount_yen')}, {column.as_text('detail')}"
    " FROM entries"
)
_Row = tuple[int, bytes | None, bytes | None, bytes | None, int | None, bytes | None]


def _entry(row: _Row) -> JournalEntry | UnreadableEntry:
    """The entry of a row of :data:`_SELECT_ENTRIES`, or what is wrong with it."""
    seq, at, payment_id, kind, amount, detail = row
    try:
        at_text = column.text(at, "at")
        entry_kind = column.member(kind, "kind", EntryKind)
        amount_yen = column.integer(amount, "amount_yen")
        if amount_yen < 0:
            raise column.UnreadableColumnError("amount_yen: negative")
        details = column.json_value(detail, "detail")
        if not isinstance(details, dict):
            raise column.UnreadableColumnError("detail: not an object")
        return JournalEntry(
            seq,
            at_text,
            column.text(payment_id, "payment_id"),
            entry_kind,
            amount_yen,
            details,
        )
    except column.UnreadableColumnError as exc:
        owner = None
        with contextlib.suppress(column.UnreadableColumnError):
            owner = column.text(payment_id, "payment_id")
        return UnreadableEntry(seq, owner, str(exc))


def replay(state: PaymentState, entry: JournalEntry) -> None:
    """Fold ``entry`` into ``state``; an entry whose detail does not fit its kind marks the
    payment ``damaged`` (ERROR log) instead of raising."""
    try:
        state.apply(entry)
    except (KeyError, ValueError, TypeError) as exc:
        state.damaged = True
        log.error(
            "money journal: entry %d of payment %s cannot be replayed (%s %s)",
            entry.seq,
            entry.payment_id,
            entry.kind.value,
            type(exc).__name__,
        )


def open_payments_of(states: dict[str, PaymentState]) -> list[PaymentState]:
    """The payments without a CLOSED entry. A damaged one is left as it is, for the field
    engineer (ERROR log): what it holds is unknown, and settling it could pay a refund twice
    (its CLOSED entry may be the one that cannot be read) or keep a fee."""
    found = []
    for state in states.values():
        if state.damaged and not state.closed:
            log.error(
                "money journal: payment %s has an entry that cannot be read: not settled, left"
                " in the journal for the field engineer",
                state.payment_id,
            )
        elif state.opened and not state.closed:
            found.append(state)
    return found


class MoneyJournal:
    """Appends money events durably (each its own synced transaction) and replays them.

    Its :class:`JournalReserve` (``<journal>.reserve``, preallocated at open) keeps the entries
    that wait while the journal cannot be written (see ``journal_writer``).

    ``on_append`` is called after each entry is committed (tests use it to crash the
    process at every step).
    """

    def __init__(
        self, path: Path | str, on_append: Callable[[JournalEntry], None] | None = None
    ) -> None:
        self.path = Path(path)
        self._on_append = on_append
        self._logged: set[int] = set()  # the unreadable entries logged already
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            mode = self._db.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            self._db.execute("PRAGMA synchronous=FULL")
            bound_page_cache(self._db)
            _upgrade_kinds(self._db)
            self._db.executescript(_SCHEMA)
        except (sqlite3.Error, OSError) as exc:
            raise JournalError(f"cannot open the money journal {self.path}: {exc}") from exc
        if str(mode).lower() != "wal":
            raise JournalError(f"{self.path}: WAL journal mode unavailable ({mode})")
        try:
            #: Where entries wait, synced, while the journal cannot be written.
            self.reserve = JournalReserve.beside(self.path)
        except ReserveError as exc:
            self._db.close()
            raise JournalError(str(exc)) from exc

    @staticmethod
    def new_payment_id() -> str:
        """A fresh payment id (random, carries no personal data)."""
        return uuid.uuid4().hex

    def append(
        self,
        payment_id: str,
        kind: EntryKind,
        amount_yen: int = 0,
        detail: dict[str, Any] | None = None,
        *,
        at: str | None = None,
    ) -> JournalEntry:
        """Append and commit one entry (synced to disk before this returns).

        ``at`` (UTC, ISO 8601) is when the money moved, if that was earlier than now (an entry
        that waited while the journal could not be written); by default, now.
        """
        at = at or utc_now()
        text = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)
        with self._lock:
            try:
                cursor = self._db.execute(
                    "INSERT INTO entries (at, payment_id, kind, amount_yen, detail)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (at, payment_id, kind.value, amount_yen, text),
                )
            except sqlite3.Error as exc:
                raise JournalError(f"cannot append to the money journal: {exc}") from exc
        seq = cursor.lastrowid
        if seq is None:
            raise JournalError("the journal returned no sequence number")
        entry = JournalEntry(seq, at, payment_id, kind, amount_yen, dict(detail or {}))
        if self._on_append is not None:
            self._on_append(entry)
        return entry

    def entries(self, payment_id: str | None = None) -> list[JournalEntry]:
        """All entries in order, or those of one payment (those that cannot be read left out:
        :meth:`read`)."""
        return self.read(payment_id)[0]

    def read(
        self, payment_id: str | None = None
    ) -> tuple[list[JournalEntry], list[UnreadableEntry]]:
        """The entries in order (or those of one payment), and those that cannot be read
        (each logged at ERROR once)."""
        query = _SELECT_ENTRIES
        params: tuple[str, ...] = ()
        if payment_id is not None:
            query += " WHERE payment_id = ?"
            params = (payment_id,)
        entries: list[JournalEntry] = []
        unreadable: list[UnreadableEntry] = []
        for row in self._rows(query + " ORDER BY seq", params):
            read = _entry(row)
            if isinstance(read, JournalEntry):
                entries.append(read)
                continue
            unreadable.append(read)
            if read.seq not in self._logged:
                self._logged.add(read.seq)
                log.error(
                    "money journal: entry %d of payment %s cannot be read (%s): left as it is",
                    read.seq,
                    read.payment_id or "(unknown)",
                    read.fault,
                )
        return entries, unreadable

    def payments(self) -> dict[str, PaymentState]:
        """Every payment, replayed from its entries (``damaged`` when one cannot be read or
        replayed)."""
        entries, unreadable = self.read()
        states: dict[str, PaymentState] = {}
        for entry in entries:
            replay(states.setdefault(entry.payment_id, PaymentState(entry.payment_id)), entry)
        for bad in unreadable:
            if bad.payment_id is not None:
                states.setdefault(bad.payment_id, PaymentState(bad.payment_id)).damaged = True
        return states

    def open_payments(self) -> list[PaymentState]:
        """Payments without a CLOSED entry (interrupted by a crash or power loss, or paid and
        still waiting for the outcome of the delivery); see :func:`open_payments_of`."""
        return open_payments_of(self.payments())

    def last_event_counter(self, acceptor_serial: int) -> int | None:
        """The acceptor event counter the journal last saw from that acceptor: of its last
        coin or alert, or where polling last stopped."""
        rows = self._rows(
            f"SELECT json_extract({_DETAIL}, '$.counter') FROM entries"  # noqa: S608 (constants)
            f" WHERE kind IN (?, ?, ?) AND json_extract({_DETAIL}, '$.acceptor') = ?"
            f" AND json_type({_DETAIL}, '$.counter') = 'integer' ORDER BY seq DESC LIMIT 1",
            (*COUNTED_KINDS, acceptor_serial),
        )
        return None if not rows or rows[0][0] is None else int(rows[0][0])

    def reserved_keys(self) -> set[str]:
        """The keys of the entries moved into the journal from its reserve."""
        rows = self._rows(
            f"SELECT json_extract({_DETAIL}, '$.reserved') FROM entries"  # noqa: S608 (constants)
            f" WHERE json_extract({_DETAIL}, '$.reserved') IS NOT NULL"
        )
        return {str(key) for (key,) in rows}

    def totals(self) -> JournalTotals:
        """Inserted coins, fees kept, change paid and refunds owed over the whole journal."""
        sums = {kind: 0 for kind in EntryKind}
        rows = self._rows(  # the entries that can be read (an unknown kind is not summed)
            f"SELECT kind, SUM(amount_yen) FROM entries WHERE kind IN ({_PLACES})"  # noqa: S608 (constants)
            " AND typeof(amount_yen) = 'integer' GROUP BY kind",
            tuple(EntryKind),
        )
        for kind, total in rows:
            sums[EntryKind(kind)] = int(total)
        return JournalTotals(
            inserted=sums[EntryKind.COIN],
            fees=sums[EntryKind.FEE] - sums[EntryKind.FEE_VOIDED],
            change=sums[EntryKind.CHANGE],
            refunds_owed=sums[EntryKind.REFUND_OWED],
        )

    def balanced(self) -> bool:
        """True when inserted = fees + change + refunds owed, to the yen."""
        totals = self.totals()
        return totals.inserted == totals.fees + totals.change + totals.refunds_owed

    def _rows(self, query: str, params: tuple[object, ...] = ()) -> list[Any]:
        """The rows a read query returns (:class:`JournalError` if it fails)."""
        with self._lock:
            try:
                return self._db.execute(query, params).fetchall()
            except sqlite3.Error as exc:
                raise JournalError(f"cannot read the money journal: {exc}") from exc

    def close(self) -> None:
        """Close the database and its reserve."""
        with self._lock:
            self._db.close()
            self.reserve.close()
