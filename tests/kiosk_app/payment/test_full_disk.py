"""A money journal on a full disk: a real 512 KiB tmpfs filled to the last block.

The kiosk must inhibit every coin at once, alert, end the payment with what it owes on a refund
slip (no payout it cannot journal), refuse new payments, and write everything that waited once
space returns, so that the journal balances to the yen. (The tests mount a tmpfs: they run as
root, as the set-up and CI do.)
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk_app.payment.journal import EntryKind, JournalTotals
from kiosk_app.payment.outcomes import PaymentError
from kiosk_app.payment.reasons import AlertKind, EndingReason
from tests.kiosk_app.payment.rig import Rig, build_rig
from tests.kiosk_app.small_disk import SmallDisk, mounted_small_disk


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[SmallDisk]:
    """A real 512 KiB file system for the journal, unmounted after the test."""
    with mounted_small_disk(tmp_path / "data") as disk:
        yield disk


@pytest.fixture
def disk_rig(small_disk: SmallDisk) -> Iterator[Rig]:
    """A rig whose journal lives on the small disk (hoppers of 20 coins each)."""
    built = build_rig(small_disk.path / "money.sqlite3", {10: 20, 50: 20, 100: 20})
    built.controller.journal_retry_s = 3600.0  # the tests retry by hand, except one
    yield built
    built.controller.stop()
    built.journal.close()


def test_a_coin_the_journal_cannot_record_ends_the_payment_with_a_slip(
    disk_rig: Rig, small_disk: SmallDisk
) -> None:
    rig = disk_rig
    rig.controller.open(600, "REQ-FULL-1", ["juminhyo"])
    rig.drop(100)
    levels = {y: h.level for y, h in rig.hoppers.items()}
    small_disk.fill()
    rig.drop(100)  # credited by the mechanism, but the journal cannot take it
    assert [a.kind for a in rig.alerts] == [AlertKind.JOURNAL_FAILED]
    assert not rig.acceptor.model.master_accept, "coins must be inhibited at once"
    assert rig.acceptor.accepted_values == frozenset()
    assert rig.drop(50) == [False], "the slot must refuse coins while the journal fails"
    outcome = rig.outcomes[-1]
    assert (outcome.completed, outcome.reason) == (False, EndingReason.JOURNAL_FAILED)
    assert outcome.refund_owed_yen == 200
    assert outcome.change_paid_yen == 0
    assert {y: h.level for y, h in rig.hoppers.items()} == levels, "no unjournaled payout"
    slip = outcome.refund_slip
    assert slip is not None
    assert (slip.inserted_yen, slip.refund_owed_yen, slip.reason) == (200, 200, "journal_failed")
    assert rig.controller.current is None
    assert not rig.controller.journal_writable
    with pytest.raises(PaymentError, match="cannot be written"):
        rig.controller.open(200, "REQ-FULL-2")
    # the journal on disk holds only the first coin: the rest waits in memory
    assert rig.journal.totals().inserted == 100
    assert not rig.controller.retry_journal(), "still full: nothing can be written"

    small_disk.free()
    assert rig.controller.retry_journal()
    assert rig.alerts[-1].kind is AlertKind.JOURNAL_WRITABLE
    assert rig.controller.journal_writable
    assert rig.journal.totals() == JournalTotals(inserted=200, fees=0, change=0, refunds_owed=200)
    assert rig.journal.balanced()
    assert rig.journal.open_payments() == []
    owed = [e for e in rig.journal.entries() if e.kind is EntryKind.REFUND_OWED]
    assert [e.detail["slip"] for e in owed] == [slip.slip_number]
    # issuance works again: a new payment completes and balances
    rig.controller.open(100, "REQ-FULL-3")
    rig.drop(100)
    assert rig.outcomes[-1].completed
    assert rig.journal.balanced()


def test_the_last_coin_of_a_payment_on_a_full_disk_delivers_nothing(
    disk_rig: Rig, small_disk: SmallDisk
) -> None:
    rig = disk_rig
    rig.controller.open(200, "REQ-FULL-4", awaits_delivery=True)
    rig.drop(100)
    small_disk.fill()
    rig.drop(500)  # would complete the payment with 400 change
    outcome = rig.outcomes[-1]
    assert (outcome.completed, outcome.fee_kept_yen, outcome.refund_owed_yen) == (False, 0, 600)
    assert rig.controller.awaiting_delivery == [], "nothing may be printed"
    small_disk.free()
    assert rig.controller.retry_journal()
    assert rig.journal.totals() == JournalTotals(600, 0, 0, 600)
    assert rig.journal.balanced()


def test_a_full_disk_at_open_refuses_the_payment(disk_rig: Rig, small_disk: SmallDisk) -> None:
    rig = disk_rig
    small_disk.fill()
    with pytest.raises(PaymentError):
        rig.controller.open(300, "REQ-FULL-5")
    assert rig.controller.current is None
    assert not rig.acceptor.model.master_accept
    assert [a.kind for a in rig.alerts] == [AlertKind.JOURNAL_FAILED]
    small_disk.free()
    assert rig.controller.retry_journal()
    kinds = [e.kind for e in rig.journal.entries()]
    assert kinds == [EntryKind.OPENED, EntryKind.CLOSED]
    assert rig.journal.balanced()


def test_a_full_disk_during_delivery_owes_the_undelivered_fee(
    disk_rig: Rig, small_disk: SmallDisk
) -> None:
    rig = disk_rig
    rig.controller.open(300, "REQ-FULL-6", awaits_delivery=True)
    rig.drop(100, 100, 100)
    assert rig.controller.awaiting_delivery == ["REQ-FULL-6"]
    small_disk.fill()
    rig.controller.record_delivery("REQ-FULL-6", "DOC-1", 1, 3, 200)  # out whole: fee kept
    outcome = rig.controller.undelivered("REQ-FULL-6", "not_printed")
    assert (outcome.voided_yen, outcome.given_back_yen, outcome.refund_owed_yen) == (100, 0, 100)
    assert outcome.refund_slip is not None
    small_disk.free()
    assert rig.controller.retry_journal()
    assert rig.journal.totals() == JournalTotals(300, 200, 0, 100)
    assert rig.journal.balanced()
    assert rig.journal.open_payments() == []


def test_the_kiosk_retries_by_itself_and_says_so(disk_rig: Rig, small_disk: SmallDisk) -> None:
    rig = disk_rig
    writable = threading.Event()
    rig.controller.on_alert = lambda alert: (
        writable.set() if alert.kind is AlertKind.JOURNAL_WRITABLE else None
    )
    rig.controller.journal_retry_s = 0.05
    rig.controller.open(300, "REQ-FULL-7")
    small_disk.fill()
    rig.drop(100)
    small_disk.free()
    assert writable.wait(10), "no JOURNAL_WRITABLE alert after space returned"
    assert rig.journal.balanced()
    assert rig.journal.totals().refunds_owed == 100
