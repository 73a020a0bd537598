"""The kiosk's own SQLite files hold their page caches to CACHE_KIB however large they grow."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from kiosk_app.maintenance.audit import MaintenanceLog
from kiosk_app.outbox import Outbox
from kiosk_app.payment.journal import MoneyJournal
from kiosk_app.sqlite_cache import CACHE_KIB
from tests.proof.soak_memory import sqlite_kib

#: Rows of about 1.5 KiB: a 6 MiB file, three times SQLite's default cache.
ROWS = 4000


def _grown_log(path: Path) -> None:
    """A maintenance log of ROWS actions, written quickly (no sync: only its size matters)."""
    db = sqlite3.connect(path)
    db.execute(
        "CREATE TABLE actions (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
        " at TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL)"
    )
    detail = json.dumps({"note": "x" * 1500})
    db.executemany(
        "INSERT INTO actions (at, action, detail) VALUES (?, ?, ?)",
        [("2026-12-01T09:00:00+00:00", "refill", detail)] * ROWS,
    )
    db.commit()
    db.close()


def test_reading_a_large_file_through_the_kiosk_takes_no_more_than_the_bound(
    tmp_path: Path,
) -> None:
    path = tmp_path / "maintenance.sqlite3"
    _grown_log(path)
    assert path.stat().st_size > 3 * 2000 * 1024
    log = MaintenanceLog(path)
    before = sqlite_kib()
    assert len(log.entries()) == ROWS
    bounded = sqlite_kib() - before
    log.close()
    # the same reading on a connection left at SQLite's default keeps ~2,000 KiB
    plain = sqlite3.connect(path)
    before = sqlite_kib()
    assert len(plain.execute("SELECT seq, at, action, detail FROM actions").fetchall()) == ROWS
    unbounded = sqlite_kib() - before
    plain.close()
    assert before >= 0, "SQLite's memory counter is not readable here"
    assert bounded <= CACHE_KIB + 64  # the cache, plus a statement
    assert unbounded > 1500


def test_every_kiosk_file_is_opened_with_the_bound(tmp_path: Path) -> None:
    journal = MoneyJournal(tmp_path / "money.sqlite3")
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    log = MaintenanceLog(tmp_path / "maintenance.sqlite3")
    try:
        for db in (journal._db, outbox._db, log._db):
            assert db.execute("PRAGMA cache_size").fetchone() == (-CACHE_KIB,)
    finally:
        journal.close()
        outbox.close()
        log.close()
