"""A durable outbox of what the kiosk must still tell the issuance server.

Outcome reports and cancels are written to a small SQLite file in the data directory before
they are sent, and sent again after a session ends and at start-up until the server took
them. Only request ids, idempotency keys, document ids, copies and fees are stored: no personal
data and no session token (the server lets a kiosk close its own requests without a session).
A report holds the copies of each document that came out whole (``copies``). A file written
before copies were counted (no ``copies`` column) gets the column, empty: its reports name
whole documents (``document_ids``), sent as such in the report's older shape. A report the
server refuses is kept aside in the same file (see ``kiosk_app.refused_reports``).

When the file cannot be written (a full disk), a message is never dropped: it waits in memory,
in order behind the file's, is sent from there by every flush (sending needs no disk), and is
written to the file as soon as the file takes writes again; an ERROR log names it (a crash
before it is sent or written loses it). A message the server took but that cannot be deleted
from the full file is skipped until it can be: after a restart it is sent again, and the
server's refusal of the repeat drops it.

A row of the file that cannot be sent (damaged, or a report the contract refuses: see
``kiosk_app.outbox_rows``) never stops the queue: it is set aside among the refused reports
under ``unreadable_row`` or ``invalid_report``, an ERROR log names its request id, and the
messages behind it go on. A file whose queue cannot be read at all is logged and left as it
is; the messages waiting in memory are still sent.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pydantic import ValidationError

from issuance_contract.errors import (
    BadReplyError,
    CenterError,
    CenterRefusedError,
    CenterTimeoutError,
    CenterUnavailableError,
    MunicipalityUnavailableError,
)
from issuance_contract.link import CenterLink
from issuance_contract.messages import OutcomeReport
from kiosk_app.outbox_rows import (
    INVALID_REPORT,
    SELECT_ROWS,
    DamagedRow,
    MessageKind,
    OutboxMessage,
    contract_fault,
    read_row,
)
from kiosk_app.payment.outcomes import PaymentOutcome
from kiosk_app.payment.reasons import STRAY_COIN_REFERENCE
from kiosk_app.refused_reports import RefusedReport, RefusedReports
from kiosk_app.sqlite_cache import bound_page_cache

log = logging.getLogger(__name__)

#: Failures after which the same message is sent again later (the server may not have it; a
#: relay center could not reach the message's municipality).
TRANSIENT = (
    CenterUnavailableError,
    CenterTimeoutError,
    BadReplyError,
    MunicipalityUnavailableError,
)

#: Payment references that are not requests at the server.
NOT_REQUESTS = frozenset({"", STRAY_COIN_REFERENCE})


class OutboxError(Exception):
    """The outbox file could not be opened or written (wraps sqlite3 errors)."""


@dataclass(frozen=True)
class FlushResult:
    """What one flush did: messages the server took, refused (dropped) and still queued, and
    the damaged ones set aside since the flush before (at start-up: those found opening it)."""

    sent: int
    refused: int
    left: int
    set_aside: int = 0


_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    queued_at TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ({", ".join(repr(k.value) for k in MessageKind)})),
    request_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    document_ids TEXT NOT NULL,
    fee_yen INTEGER NOT NULL CHECK (fee_yen >= 0),
    attempts INTEGER NOT NULL DEFAULT 0,
    copies TEXT NOT NULL DEFAULT '{{}}'
);
"""


def _add_copies_column(db: sqlite3.Connection) -> None:
    """Give a file made before copies were counted its ``copies`` column (empty in its rows)."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(outbox)")}
    if "copies" not in columns:
        db.execute("ALTER TABLE outbox ADD COLUMN copies TEXT NOT NULL DEFAULT '{}'")


class Outbox:
    """Queues messages durably (synced before ``add_*`` returns) and sends them in order."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()  # one writer or flush at a time: each message sent once
        #: Messages the file could not take, in order (sequence number 0), sent from here.
        self._unwritten: deque[OutboxMessage] = deque()
        #: Messages sent, whose deletion from the (full) file failed: skipped, deleted later.
        self._sent: set[int] = set()
        #: Damaged rows the file could not set aside: skipped until the next start.
        self._damaged: set[int] = set()
        #: Damaged messages set aside since the last flush, for its result.
        self._set_aside_count = 0
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            bound_page_cache(self._db)
            self._db.executescript(_SCHEMA)
            _add_copies_column(self._db)
            self._refused = RefusedReports(self._db)
        except (sqlite3.Error, OSError) as exc:
            raise OutboxError(f"cannot open the outbox {self.path}: {exc}") from exc

    # -- queueing --------------------------------------------------------------------------
    def add_report(self, request_id: str, report: OutcomeReport) -> None:
        """Queue the outcome report of a request (the copies handed out, the fee kept)."""
        self._add(
            MessageKind.REPORT,
            request_id,
            "",
            tuple(report.printed_documents),
            report.fee_charged_yen,
            tuple(report.printed_copies.items()),
        )

    def add_cancel(self, request_id: str) -> None:
        """Queue the cancel of a whole request."""
        self._add(MessageKind.CANCEL, request_id, "", (), 0)

    def add_cancel_by_key(self, idempotency_key: str) -> None:
        """Queue the cancel of the request made with ``idempotency_key`` (its reply was lost)."""
        self._add(MessageKind.CANCEL_BY_KEY, "", idempotency_key, (), 0)

    def add_settlements(self, outcomes: Iterable[PaymentOutcome]) -> int:
        """Queue the report of each payment a restart settled; how many were queued.

        The report names the copies journaled as delivered whole and the fee kept for them (a
        document journaled whole before copies were counted, in the report's older shape).
        """
        queued = 0
        for outcome in outcomes:
            if outcome.reference in NOT_REQUESTS:
                continue
            out = outcome.delivered
            fee = 0 if out.empty else outcome.fee_kept_yen
            try:
                report = OutcomeReport(
                    fee_charged_yen=fee,
                    printed_copies=dict(out.copies),
                    printed_documents=list(out.uncounted),
                )
            except ValidationError as exc:  # a damaged journal: more copies than can be
                damaged = DamagedRow(0, INVALID_REPORT, contract_fault(exc), outcome.reference, fee,
                                     out.copies, out.uncounted)  # fmt: skip
                with self._lock:
                    self._set_aside(damaged)
                continue
            self.add_report(outcome.reference, report)
            queued += 1
        return queued

    def _add(
        self,
        kind: MessageKind,
        request_id: str,
        key: str,
        document_ids: tuple[str, ...],
        fee_yen: int,
        copies: tuple[tuple[str, int], ...] = (),
    ) -> None:
        message = OutboxMessage(0, kind, request_id, key, document_ids, fee_yen, 0, copies)
        with self._lock:
            if any(message.same_as(queued) for queued in self._readable_pending()):
                return
            self._unwritten.append(message)
            if not self._write_unwritten():
                log.error(
                    "outbox: a %s%s cannot be written to %s: it waits in memory and is sent"
                    " from there (a crash before that loses it)",
                    kind.value,
                    f" of {request_id}" if request_id else "",
                    self.path.name,
                )

    def _write_unwritten(self) -> bool:
        """Write the messages that wait in memory into the file, oldest first; True when
        none waits any more."""
        while self._unwritten:
            message = self._unwritten[0]
            row = (
                datetime.now(UTC).isoformat(timespec="seconds"),
                message.kind.value,
                message.request_id,
                message.idempotency_key,
                json.dumps(list(message.document_ids)),
                message.fee_yen,
                json.dumps(dict(message.copies)),
            )
            try:
                self._db.execute(
                    "INSERT INTO outbox (queued_at, kind, request_id, idempotency_key,"
                    " document_ids, fee_yen, copies) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    row,
                )
            except sqlite3.Error as exc:
                log.debug("outbox: the file still cannot be written: %s", exc)
                return False
            self._unwritten.popleft()
        return True

    # -- sending ---------------------------------------------------------------------------
    @property
    def unwritten(self) -> int:
        """How many messages wait in memory because the file could not take them."""
        with self._lock:
            return len(self._unwritten)

    def pending(self) -> list[OutboxMessage]:
        """The messages not yet taken by the server, oldest first (those waiting in memory,
        with sequence number 0, last)."""
        with self._lock:
            return self._pending()

    def _pending(self) -> list[OutboxMessage]:
        return [*self._pending_in_file(), *self._unwritten]

    def _pending_in_file(self) -> list[OutboxMessage]:
        """The file's messages, oldest first; a row that cannot be sent is set aside."""
        try:
            rows = self._db.execute(SELECT_ROWS).fetchall()
        except sqlite3.Error as exc:
            raise OutboxError(f"cannot read the outbox: {exc}") from exc
        messages = []
        for row in rows:
            if row[0] in self._sent or row[0] in self._damaged:
                continue
            read = read_row(row)
            if isinstance(read, DamagedRow):
                self._set_aside(read)
            else:
                messages.append(read)
        return messages

    def _set_aside(self, damaged: DamagedRow) -> None:
        """Keep a message that cannot be sent among the refused reports (listed for the field
        engineer) and take it out of the queue; an ERROR log names it (its request id, never
        the damaged content). When the file cannot take it, it stays in the file and is
        skipped until the next start."""
        log.error(
            "outbox: the message %s of %s cannot be sent (%s: %s): set aside for the field"
            " engineer",
            damaged.seq or "(not queued)",
            damaged.request_id or "(no request id)",
            damaged.reason,
            damaged.fault,
        )
        self._set_aside_count += 1
        kept = self._refused.keep_values(
            damaged.request_id,
            damaged.fee_yen,
            dict(damaged.copies),
            list(damaged.document_ids),
            damaged.reason,
        )
        if not damaged.seq:
            return
        if not kept:
            self._damaged.add(damaged.seq)
        elif not self._execute("DELETE FROM outbox WHERE seq = ?", damaged.seq):
            self._sent.add(damaged.seq)

    def flush(self, link: CenterLink) -> FlushResult:
        """Send every queued message in order; stop at the first the server did not get.

        Messages go without a session token: older ones may belong to an earlier person's
        request, and the server lets the kiosk close its own requests. A refusal drops the
        message (logged by reason code): the server answered and will not change its mind;
        not a relay center's "municipality unavailable", which is kept like a failure. A
        refused outcome report is kept aside (:meth:`refused_reports`): a fee the kiosk kept
        that the municipality's log does not show. A row that cannot be sent is set aside
        (see the module). Never raises for a server failure or a damaged row.
        """
        sent = refused = 0
        with self._lock:
            self._delete_sent()
            self._write_unwritten()
            for message in self._readable_pending():
                try:
                    self._send(link, message)
                except TRANSIENT as exc:
                    log.warning("outbox: the server did not take a %s: %s",
                                message.kind.value, type(exc).__name__)  # fmt: skip
                    self._execute("UPDATE outbox SET attempts = attempts + 1 WHERE seq = ?",
                                  message.seq)  # fmt: skip
                    break
                except CenterRefusedError as exc:
                    log.warning("outbox: the server refused a %s (%s): dropped",
                                message.kind.value, exc.reason_code)  # fmt: skip
                    self._keep_refused(message, exc.reason_code)
                    refused += 1
                except CenterError as exc:
                    log.error("outbox: a %s cannot be sent (%s): dropped",
                              message.kind.value, exc)  # fmt: skip
                    self._keep_refused(message, type(exc).__name__)
                    refused += 1
                else:
                    sent += 1
                self._done(message)
            left = len(self._readable_pending())
            set_aside, self._set_aside_count = self._set_aside_count, 0
        return FlushResult(sent, refused, left, set_aside)

    def _readable_pending(self) -> list[OutboxMessage]:
        """The messages to send; those waiting in memory only when the file cannot be read
        (its messages stay in it until it can)."""
        try:
            return self._pending()
        except OutboxError as exc:
            log.error("outbox: %s: its messages wait there until it can be read", exc)
            return list(self._unwritten)

    def _keep_refused(self, message: OutboxMessage, reason: str) -> None:
        """Keep a refused report aside (a message read from the file is a valid report)."""
        if message.kind is MessageKind.REPORT:
            self._refused.keep(message.request_id, message.outcome_report(), reason)

    def refused_reports(self) -> list[RefusedReport]:
        """The outcome reports the server refused, oldest first (kept, never sent again)."""
        with self._lock:
            try:
                return self._refused.listed()
            except sqlite3.Error as exc:
                raise OutboxError(f"cannot read the refused reports: {exc}") from exc

    def _done(self, message: OutboxMessage) -> None:
        """The server answered ``message``: it leaves the outbox (memory or file)."""
        if not message.seq:
            self._unwritten.remove(message)
        elif not self._execute("DELETE FROM outbox WHERE seq = ?", message.seq):
            self._sent.add(message.seq)

    def _delete_sent(self) -> None:
        for seq in sorted(self._sent):
            if self._execute("DELETE FROM outbox WHERE seq = ?", seq):
                self._sent.discard(seq)

    @staticmethod
    def _send(link: CenterLink, message: OutboxMessage) -> None:
        if message.kind is MessageKind.REPORT:
            link.report_outcome("", message.request_id, message.outcome_report())
        elif message.kind is MessageKind.CANCEL:
            link.cancel("", message.request_id)
        else:
            link.cancel_by_key("", message.idempotency_key)

    def _execute(self, sql: str, seq: int) -> bool:
        """Update one message in the file; False (logged) when the file cannot be written."""
        try:
            self._db.execute(sql, (seq,))
        except sqlite3.Error as exc:
            log.warning("outbox: the file cannot be updated: %s", exc)
            return False
        return True

    def close(self) -> None:
        """Close the file."""
        with self._lock:
            self._db.close()
