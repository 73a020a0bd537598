"""A durable outbox of what the kiosk must still tell the issuance server.

Outcome reports and cancels are written to a small SQLite file in the data directory before
they are sent, and sent again after a session ends and at start-up until the server took
them. Only request ids, idempotency keys, document ids and fees are stored: no personal data
and no session token (the server lets a kiosk close its own requests without a session).
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from issuance_contract.errors import (
    BadReplyError,
    CenterError,
    CenterRefusedError,
    CenterTimeoutError,
    CenterUnavailableError,
    MunicipalityUnavailableError,
)
from issuance_contract.link import CenterLink
from kiosk_app.payment.outcomes import PaymentOutcome
from kiosk_app.payment.reasons import STRAY_COIN_REFERENCE

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


class MessageKind(StrEnum):
    """What a queued message asks of the server."""

    REPORT = "report"  # report_outcome(request_id, document_ids, fee_yen)
    CANCEL = "cancel"  # cancel(request_id)
    CANCEL_BY_KEY = "cancel_by_key"  # cancel_by_key(idempotency_key)


@dataclass(frozen=True)
class OutboxMessage:
    """One queued message, in the order it was queued."""

    seq: int
    kind: MessageKind
    request_id: str
    idempotency_key: str
    document_ids: tuple[str, ...]
    fee_yen: int
    attempts: int


@dataclass(frozen=True)
class FlushResult:
    """What one flush did: messages the server took, refused (dropped) and still queued."""

    sent: int
    refused: int
    left: int


_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    queued_at TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ({", ".join(repr(k.value) for k in MessageKind)})),
    request_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    document_ids TEXT NOT NULL,
    fee_yen INTEGER NOT NULL CHECK (fee_yen >= 0),
    attempts INTEGER NOT NULL DEFAULT 0
);
"""


class Outbox:
    """Queues messages durably (synced before ``add_*`` returns) and sends them in order."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()  # one writer or flush at a time: each message sent once
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.executescript(_SCHEMA)
        except (sqlite3.Error, OSError) as exc:
            raise OutboxError(f"cannot open the outbox {self.path}: {exc}") from exc

    # -- queueing --------------------------------------------------------------------------
    def add_report(self, request_id: str, document_ids: Sequence[str], fee_yen: int) -> None:
        """Queue the outcome of a request: the documents handed out and the fee kept."""
        self._add(MessageKind.REPORT, request_id, "", tuple(document_ids), fee_yen)

    def add_cancel(self, request_id: str) -> None:
        """Queue the cancel of a whole request."""
        self._add(MessageKind.CANCEL, request_id, "", (), 0)

    def add_cancel_by_key(self, idempotency_key: str) -> None:
        """Queue the cancel of the request made with ``idempotency_key`` (its reply was lost)."""
        self._add(MessageKind.CANCEL_BY_KEY, "", idempotency_key, (), 0)

    def add_settlements(self, outcomes: Iterable[PaymentOutcome]) -> int:
        """Queue the report of each payment a restart settled; how many were queued.

        The report names the documents journaled as delivered and the fee kept for them.
        """
        queued = 0
        for outcome in outcomes:
            if outcome.reference in NOT_REQUESTS:
                continue
            documents = outcome.delivered_documents
            self.add_report(outcome.reference, documents, outcome.fee_kept_yen if documents else 0)
            queued += 1
        return queued

    def _add(
        self,
        kind: MessageKind,
        request_id: str,
        key: str,
        document_ids: tuple[str, ...],
        fee_yen: int,
    ) -> None:
        if fee_yen < 0:
            raise OutboxError(f"a fee cannot be negative: {fee_yen}")
        documents = json.dumps(list(document_ids))
        row = (kind.value, request_id, key, documents, fee_yen)
        with self._lock:
            try:
                same = self._db.execute(
                    "SELECT 1 FROM outbox WHERE kind = ? AND request_id = ? AND idempotency_key = ?"
                    " AND document_ids = ? AND fee_yen = ?",
                    row,
                ).fetchone()
                if same is None:
                    self._db.execute(
                        "INSERT INTO outbox (queued_at, kind, request_id, idempotency_key,"
                        " document_ids, fee_yen) VALUES (?, ?, ?, ?, ?, ?)",
                        (datetime.now(UTC).isoformat(timespec="seconds"), *row),
                    )
            except sqlite3.Error as exc:
                raise OutboxError(f"cannot queue a message: {exc}") from exc

    # -- sending ---------------------------------------------------------------------------
    def pending(self) -> list[OutboxMessage]:
        """The messages not yet taken by the server, oldest first."""
        with self._lock:
            return self._pending()

    def _pending(self) -> list[OutboxMessage]:
        try:
            rows = self._db.execute(
                "SELECT seq, kind, request_id, idempotency_key, document_ids, fee_yen, attempts"
                " FROM outbox ORDER BY seq"
            ).fetchall()
        except sqlite3.Error as exc:
            raise OutboxError(f"cannot read the outbox: {exc}") from exc
        return [
            OutboxMessage(seq, MessageKind(kind), rid, key, tuple(json.loads(docs)), fee, tries)
            for seq, kind, rid, key, docs, fee, tries in rows
        ]

    def flush(self, link: CenterLink) -> FlushResult:
        """Send every queued message in order; stop at the first the server did not get.

        Messages go without a session token: older ones may belong to an earlier person's
        request, and the server lets the kiosk close its own requests. A refusal drops the
        message (logged by reason code): the server answered and will not change its mind;
        not a relay center's "municipality unavailable", which is kept like a failure.
        Never raises for a server failure.
        """
        sent = refused = 0
        with self._lock:
            for message in self._pending():
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
                    refused += 1
                except CenterError as exc:
                    log.error("outbox: a %s cannot be sent (%s): dropped",
                              message.kind.value, exc)  # fmt: skip
                    refused += 1
                else:
                    sent += 1
                self._execute("DELETE FROM outbox WHERE seq = ?", message.seq)
            left = len(self._pending())
        return FlushResult(sent, refused, left)

    @staticmethod
    def _send(link: CenterLink, message: OutboxMessage) -> None:
        if message.kind is MessageKind.REPORT:
            link.report_outcome("", message.request_id, list(message.document_ids), message.fee_yen)
        elif message.kind is MessageKind.CANCEL:
            link.cancel("", message.request_id)
        else:
            link.cancel_by_key("", message.idempotency_key)

    def _execute(self, sql: str, seq: int) -> None:
        try:
            self._db.execute(sql, (seq,))
        except sqlite3.Error as exc:
            raise OutboxError(f"cannot update the outbox: {exc}") from exc

    def close(self) -> None:
        """Close the file."""
        with self._lock:
            self._db.close()
