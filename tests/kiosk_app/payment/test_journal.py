"""The money journal: durable settings, append-only, totals and replay."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kiosk_app.payment.journal import (
    DeliveredCopies,
    EntryKind,
    JournalError,
    JournalTotals,
    MoneyJournal,
)


def test_wal_and_synchronous_full(tmp_path: Path) -> None:
    journal = MoneyJournal(tmp_path / "j.sqlite3")
    db = sqlite3.connect(tmp_path / "j.sqlite3")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    # synchronous is per connection: check the journal's own
    assert journal._db.execute("PRAGMA synchronous").fetchone()[0] == 2
    db.close()
    journal.close()


def test_entries_can_be_neither_changed_nor_deleted(tmp_path: Path) -> None:
    journal = MoneyJournal(tmp_path / "j.sqlite3")
    journal.append("p1", EntryKind.OPENED, 300, {"reference": "REQ-1"})
    db = sqlite3.connect(tmp_path / "j.sqlite3")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("UPDATE entries SET amount_yen = 0")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("DELETE FROM entries")
    db.close()
    with pytest.raises(JournalError):
        journal.append("p1", EntryKind.COIN, -10)
    journal.close()


def test_totals_and_replay(tmp_path: Path) -> None:
    journal = MoneyJournal(tmp_path / "j.sqlite3")
    journal.append("p1", EntryKind.OPENED, 330, {"reference": "REQ-1"})
    journal.append("p1", EntryKind.COIN, 500)
    journal.append("p1", EntryKind.FEE, 330)
    started = journal.append(
        "p1", EntryKind.PAYOUT_STARTED, 200, {"coin_yen": 100, "count": 2, "counter": 7}
    )
    assert journal.open_payments()[0].pending
    journal.append(
        "p1", EntryKind.CHANGE, 100, {"coin_yen": 100, "count": 1, "started": started.seq}
    )
    journal.append("p1", EntryKind.REFUND_OWED, 70)
    assert journal.totals() == JournalTotals(500, 330, 100, 70)
    state = journal.open_payments()[0]
    assert (state.reference, state.due_yen, state.credit_yen, state.owed_yen) == (
        "REQ-1",
        330,
        500,
        0,
    )
    assert not state.pending
    journal.append("p1", EntryKind.CLOSED)
    assert journal.open_payments() == []
    assert journal.totals() == JournalTotals(500, 330, 100, 70)
    assert journal.balanced()
    journal.close()


def test_an_unwritable_place_is_a_journal_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(JournalError):
        MoneyJournal(tmp_path / "file" / "j.sqlite3")


def test_a_journal_made_before_delivery_entries_is_upgraded_without_loss(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE TABLE entries (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL,"
        " payment_id TEXT NOT NULL,"
        " kind TEXT NOT NULL CHECK (kind IN ('opened', 'coin', 'fee', 'change', 'closed')),"
        " amount_yen INTEGER NOT NULL CHECK (amount_yen >= 0),"
        " detail TEXT NOT NULL DEFAULT '{}');"
        "INSERT INTO entries VALUES (1, 't', 'p1', 'opened', 200, '{\"reference\": \"R\"}');"
        "INSERT INTO entries VALUES (2, 't', 'p1', 'coin', 200, '{}');"
    )
    db.close()
    journal = MoneyJournal(path)
    journal.append("p1", EntryKind.FEE, 200)
    entry = journal.append("p1", EntryKind.DELIVERED, 200, {"document_id": "d1"})
    assert entry.seq == 4
    assert [e.kind for e in journal.entries()][:2] == [EntryKind.OPENED, EntryKind.COIN]
    # an entry of the format before copies were counted: a whole document
    assert journal.payments()["p1"].delivered == {("d1", 0): 200}
    assert journal.payments()["p1"].delivered_copies() == DeliveredCopies(uncounted=("d1",))
    journal.close()
    db = sqlite3.connect(path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("DELETE FROM entries")
    db.close()
