"""The journal's reserve: preallocated, synced, read back after a crash, moved exactly once."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk_app.payment.journal import EntryKind, JournalError, JournalTotals, MoneyJournal
from kiosk_app.payment.journal_reserve import RESERVE_BYTES, JournalReserve, ReserveError
from kiosk_app.payment.journal_writer import JournalWriter
from tests.kiosk_app.payment.rig import Rig, build_rig
from tests.kiosk_app.small_disk import SmallDisk, mounted_small_disk


def _record(payment_id: str, kind: EntryKind, amount: int) -> dict[str, object]:
    return {
        "at": "2026-12-07T03:00:00.000+00:00",
        "payment_id": payment_id,
        "kind": kind.value,
        "amount_yen": amount,
        "detail": {},
    }


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[SmallDisk]:
    """A real 512 KiB file system, unmounted after the test."""
    with mounted_small_disk(tmp_path / "data") as disk:
        yield disk


def test_the_reserve_takes_its_space_when_the_journal_opens(tmp_path: Path) -> None:
    journal = MoneyJournal(tmp_path / "money.sqlite3")
    reserve = tmp_path / "money.sqlite3.reserve"
    assert reserve.stat().st_size == RESERVE_BYTES
    assert reserve.stat().st_blocks * 512 >= RESERVE_BYTES, "real blocks, not a sparse file"
    assert journal.reserve.read() == []
    journal.close()


def test_entries_go_into_the_reserve_on_a_full_disk(small_disk: SmallDisk) -> None:
    journal = MoneyJournal(small_disk.path / "money.sqlite3")
    small_disk.fill()
    for index in range(20):  # every write lands in the space taken at open
        journal.reserve.write(journal.reserve.next_key(), _record("p", EntryKind.COIN, index))
    keys = [key for key, _ in journal.reserve.read()]
    assert len(keys) == 20
    assert len(set(keys)) == 20
    journal.close()


def test_a_journal_on_a_disk_too_full_for_its_reserve_does_not_open(
    small_disk: SmallDisk,
) -> None:
    small_disk.fill()
    with pytest.raises(JournalError, match="journal"):
        MoneyJournal(small_disk.path / "money.sqlite3")


def test_a_torn_record_ends_the_reserve(tmp_path: Path) -> None:
    reserve = JournalReserve(tmp_path / "r", size=4096)
    reserve.write(reserve.next_key(), _record("p", EntryKind.COIN, 100))
    reserve.write(reserve.next_key(), _record("p", EntryKind.COIN, 50))
    first = reserve.read()[0]
    reserve.close()
    with (tmp_path / "r").open("r+b") as raw:  # the crash tore the second record's last bytes
        data = raw.read()
        end = data.rstrip(b"\0")
        raw.seek(len(end) - 3)
        raw.write(b"\0\0\0")
    again = JournalReserve(tmp_path / "r", size=4096)
    assert again.read() == [first]
    again.write(again.next_key(), _record("p", EntryKind.CLOSED, 0))  # goes after the first
    assert [record["kind"] for _, record in again.read()] == ["coin", "closed"]
    again.close()


def test_records_of_an_earlier_run_are_not_read_again(tmp_path: Path) -> None:
    reserve = JournalReserve(tmp_path / "r", size=4096)
    for amount in (100, 50, 10):
        reserve.write(reserve.next_key(), _record("old", EntryKind.COIN, amount))
    reserve.clear()
    reserve.write(reserve.next_key(), _record("new", EntryKind.COIN, 500))
    reserve.close()
    again = JournalReserve(tmp_path / "r", size=4096)
    assert [record["payment_id"] for _, record in again.read()] == ["new"]
    again.close()


def test_a_full_reserve_says_so(tmp_path: Path) -> None:
    reserve = JournalReserve(tmp_path / "r", size=300)  # room for two records
    reserve.write(reserve.next_key(), _record("p", EntryKind.COIN, 100))
    reserve.write(reserve.next_key(), _record("p", EntryKind.COIN, 100))
    with pytest.raises(ReserveError, match="full"):
        reserve.write(reserve.next_key(), _record("p", EntryKind.COIN, 100))
    reserve.close()


def test_entries_moved_before_a_crash_are_not_moved_again(tmp_path: Path) -> None:
    """The crash came between moving the reserve into the journal and emptying it."""
    path = tmp_path / "money.sqlite3"
    journal = MoneyJournal(path)
    records = [
        _record("p", EntryKind.OPENED, 100),
        _record("p", EntryKind.COIN, 100),
        _record("p", EntryKind.FEE, 100),
        _record("p", EntryKind.CLOSED, 0),
    ]
    keys = [journal.reserve.next_key() for _ in records]
    for key, record in zip(keys, records, strict=True):
        journal.reserve.write(key, record)
    for key, kind in zip(keys[:2], (EntryKind.OPENED, EntryKind.COIN), strict=True):
        journal.append("p", kind, 100, {"reserved": key})  # two were moved, then the crash
    journal.close()

    journal = MoneyJournal(path)
    writer = JournalWriter(journal)
    assert writer.writable
    assert [e.kind for e in writer.taken_back] == [EntryKind.FEE, EntryKind.CLOSED]
    assert [e.kind for e in journal.entries()] == [
        EntryKind.OPENED,
        EntryKind.COIN,
        EntryKind.FEE,
        EntryKind.CLOSED,
    ]
    assert journal.totals() == JournalTotals(100, 100, 0, 0)
    assert journal.reserve.read() == [], "emptied once everything is in the journal"
    journal.close()


def test_a_payout_the_journal_cannot_show_is_not_made(
    small_disk: SmallDisk, caplog: pytest.LogCaptureFixture
) -> None:
    """The disk fills between the last coin and the change: no coin leaves the hoppers."""
    rig: Rig = build_rig(small_disk.path / "money.sqlite3", {10: 20, 50: 20, 100: 20})
    rig.controller.journal_retry_s = 3600.0
    rig.controller.open(150, "REQ-PAYOUT")
    rig.drop(100)
    levels = {yen: hopper.level for yen, hopper in rig.hoppers.items()}
    rig.acceptor.insert_coin(100)
    fee_written = rig.journal.append  # the fee is the last entry the journal takes

    def fill_after_the_fee(*args: object, **kwargs: object) -> object:
        entry = fee_written(*args, **kwargs)  # type: ignore[arg-type]
        if entry.kind is EntryKind.FEE:
            small_disk.fill()
        return entry

    rig.journal.append = fill_after_the_fee  # type: ignore[method-assign, assignment]
    with caplog.at_level(logging.ERROR):
        rig.poll()
    assert {yen: hopper.level for yen, hopper in rig.hoppers.items()} == levels
    outcome = rig.outcomes[-1]
    assert (outcome.change_paid_yen, outcome.refund_owed_yen) == (0, 50)
    assert outcome.refund_slip is not None
    assert outcome.refund_slip.reason == "journal_failed"
    assert "not made: the journal fails" in caplog.text
    small_disk.free()
    assert rig.controller.retry_journal()
    assert rig.journal.totals() == JournalTotals(200, 150, 0, 50)
    assert rig.journal.balanced()
    rig.controller.stop()
    rig.journal.close()


def test_a_reserve_that_cannot_be_written_is_a_critical_log(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    journal = MoneyJournal(tmp_path / "money.sqlite3")
    writer = JournalWriter(journal)
    journal.close()  # neither the journal nor its reserve can be written now
    with caplog.at_level(logging.CRITICAL):
        entry = writer.append("p", EntryKind.COIN, 100, {})
    assert entry.seq == 0
    assert writer.waiting == 1
    assert "waits in memory only" in caplog.text


def test_a_reserve_whose_entries_all_reached_the_journal_is_emptied_at_start(
    tmp_path: Path,
) -> None:
    path = tmp_path / "money.sqlite3"
    journal = MoneyJournal(path)
    key = journal.reserve.next_key()
    journal.reserve.write(key, _record("p", EntryKind.ALERT, 0))
    journal.append("p", EntryKind.ALERT, 0, {"reserved": key})  # moved, then the crash
    journal.close()
    journal = MoneyJournal(path)
    assert [k for k, _ in journal.reserve.read()] == [key]
    writer = JournalWriter(journal)
    assert (writer.writable, writer.taken_back) == (True, [])
    assert journal.reserve.read() == []
    assert len(journal.entries()) == 1
    journal.close()


def test_a_smaller_reserve_grows_and_keeps_its_records(tmp_path: Path) -> None:
    small = JournalReserve(tmp_path / "r", size=1024)
    small.write(small.next_key(), _record("p", EntryKind.COIN, 100))
    small.close()
    grown = JournalReserve(tmp_path / "r", size=4096)
    assert (tmp_path / "r").stat().st_size == 4096
    assert [record["amount_yen"] for _, record in grown.read()] == [100]
    grown.close()
