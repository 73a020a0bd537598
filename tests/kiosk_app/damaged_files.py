"""Rows written into the kiosk's SQLite files past their checks, as a damaged file holds them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

#: A good report row of the outbox, column by column (SQL expressions).
OUTBOX_REPORT = {
    "queued_at": "'t'",
    "kind": "'report'",
    "request_id": "'REQ-DAMAGED'",
    "idempotency_key": "''",
    "document_ids": "'[]'",
    "fee_yen": "200",
    "copies": """'{"doc-x": 1}'""",
}


def write_outbox_row(path: Path, columns: dict[str, str]) -> None:
    """Append a report row to the outbox file, ``columns`` (SQL expressions) replacing those
    of :data:`OUTBOX_REPORT`."""
    _insert(path, "outbox", {**OUTBOX_REPORT, **columns}, ())


def add_journal_entry(path: Path, payment_id: str, kind: str, amount: str, detail: str) -> None:
    """Append an entry of ``payment_id`` to the money journal (kind, amount, detail: SQL)."""
    values = {
        "at": "'2026-12-07T10:00:00.000+00:00'",
        "payment_id": "?",
        "kind": kind,
        "amount_yen": amount,
        "detail": detail,
    }
    _insert(path, "entries", values, (payment_id,))


def _insert(path: Path, table: str, values: dict[str, str], params: tuple[str, ...]) -> None:
    db = sqlite3.connect(path)
    db.execute("PRAGMA ignore_check_constraints = ON")
    columns, expressions = ", ".join(values), ", ".join(values.values())
    db.execute(f"INSERT INTO {table} ({columns}) VALUES ({expressions})", params)  # noqa: S608 (the test's)
    db.commit()
    db.close()
