"""Outcome reports the issuance server refused, kept in the outbox file for the field engineer.

A refused report is a money fact: the kiosk kept a fee for copies that the municipality's log
does not show (``bad_fee``: the municipality refused the kiosk's fee; the request stays open
there). It is never sent again (the server answered), but it is not forgotten either: each is
kept once, with the server's reason code, and listed in maintenance mode
(:meth:`kiosk_app.maintenance.actions.Maintenance.refused_reports`) so that staff can settle it
with the city. A queued message that cannot be sent at all (a damaged row of the outbox,
``unreadable_row``; a report the contract refuses, ``invalid_report``) is kept here the same
way, with what could be read of it. Only request ids, document ids, copies, fees and the
reason are kept: no personal data.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

from issuance_contract.messages import OutcomeReport

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS refused_reports (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    refused_at TEXT NOT NULL,
    request_id TEXT NOT NULL,
    fee_yen INTEGER NOT NULL,
    copies TEXT NOT NULL,
    document_ids TEXT NOT NULL,
    reason TEXT NOT NULL,
    UNIQUE (request_id, fee_yen, copies, document_ids, reason)
);
"""


@dataclass(frozen=True)
class RefusedReport:
    """An outcome report the server refused: when, the request, the fee the kiosk kept, the
    copies out per document (``document_ids``: documents out whole, the older shape) and the
    server's reason code."""

    refused_at: str
    request_id: str
    fee_yen: int
    copies: tuple[tuple[str, int], ...]
    document_ids: tuple[str, ...]
    reason: str


class RefusedReports:
    """The refused reports of one outbox file (its connection; the caller holds the lock)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        db.executescript(SCHEMA)

    def keep(self, request_id: str, report: OutcomeReport, reason: str) -> bool:
        """Keep a refused report (once, however often it was refused); False when the file
        cannot take it, which an ERROR log says (the log holds no personal data either)."""
        return self.keep_values(
            request_id,
            report.fee_charged_yen,
            report.printed_copies,
            report.printed_documents,
            reason,
        )

    def keep_values(
        self,
        request_id: str,
        fee_yen: int,
        copies: dict[str, int],
        document_ids: list[str],
        reason: str,
    ) -> bool:
        """Keep what could be read of a message that cannot be sent (see :meth:`keep`)."""
        row = (
            datetime.now(UTC).isoformat(timespec="seconds"),
            request_id,
            fee_yen,
            json.dumps(copies),
            json.dumps(document_ids),
            reason,
        )
        try:
            self._db.execute(
                "INSERT OR IGNORE INTO refused_reports (refused_at, request_id, fee_yen, copies,"
                " document_ids, reason) VALUES (?, ?, ?, ?, ?, ?)",
                row,
            )
        except sqlite3.Error as exc:
            log.error(
                "outbox: a refused report of %s (%d yen, %s) cannot be kept: %s",
                request_id,
                fee_yen,
                reason,
                exc,
            )
            return False
        return True

    def listed(self) -> list[RefusedReport]:
        """Every refused report kept, oldest first."""
        rows = self._db.execute(
            "SELECT refused_at, request_id, fee_yen, copies, document_ids, reason"
            " FROM refused_reports ORDER BY seq"
        ).fetchall()
        return [
            RefusedReport(
                at,
                request_id,
                fee,
                tuple((str(d), int(n)) for d, n in json.loads(copies).items()),
                tuple(json.loads(documents)),
                reason,
            )
            for at, request_id, fee, copies, documents, reason in rows
        ]
