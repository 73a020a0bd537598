"""A paid payment stays "delivery pending" until the kiosk says what was handed out.

The fee is per copy (1通): each copy that comes out whole is journaled with the fee of one copy;
what did not come out whole is given back when the delivery ends or the kiosk restarts.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from kiosk_app.payment.journal import DeliveredCopies, EntryKind, JournalTotals, MoneyJournal
from kiosk_app.payment.outcomes import PaymentError
from kiosk_app.payment.reasons import EndingReason
from tests.kiosk_app.payment.rig import Rig, build_rig

LEVELS = {10: 20, 50: 20, 100: 20}


def _paid(rig: Rig, reference: str) -> None:
    """Two documents of one request: a 住民票, two copies of 100 yen, and an 印鑑登録証明書,
    one copy of 130 yen (fictitious fees): 330 yen, paid with 500 (change 170)."""
    rig.controller.open(330, reference, ["juminhyo", "inkan"], awaits_delivery=True)
    rig.drop(500)


def _hoppers_paid(rig: Rig, levels: dict[int, int]) -> int:
    return sum(yen * (levels[yen] - h.level) for yen, h in rig.hoppers.items())


def test_a_paid_payment_stays_open_until_delivered(rig: Rig) -> None:
    _paid(rig, "REQ-D1")
    outcome = rig.outcomes[-1]
    assert (outcome.completed, outcome.fee_kept_yen, outcome.change_paid_yen) == (True, 330, 170)
    assert [p.reference for p in rig.journal.open_payments()] == ["REQ-D1"]
    assert rig.controller.awaiting_delivery == ["REQ-D1"]
    assert rig.controller.current is None  # the coin slot is free for the next person

    rig.controller.record_delivery("REQ-D1", "doc-a", 1, 2, 100)
    rig.controller.record_delivery("REQ-D1", "doc-a", 2, 2, 100)
    rig.controller.record_delivery("REQ-D1", "doc-b", 1, 1, 130)
    closed = rig.controller.undelivered("REQ-D1", EndingReason.DELIVERED)

    assert (closed.fee_kept_yen, closed.voided_yen, closed.given_back_yen) == (330, 0, 0)
    assert closed.delivered == DeliveredCopies((("doc-a", 2), ("doc-b", 1)))
    assert rig.journal.open_payments() == []
    assert rig.controller.awaiting_delivery == []
    assert rig.journal.totals() == JournalTotals(500, 330, 170, 0)
    kinds = [e.kind for e in rig.journal.entries()]
    assert kinds.count(EntryKind.DELIVERED) == 3
    assert kinds[-1] is EntryKind.CLOSED


def test_one_copy_of_two_out_keeps_the_fee_of_one_copy_and_gives_the_other_back(rig: Rig) -> None:
    """A 住民票 of two copies (200 yen each), paid with 500: the paper ran out after the first
    copy. The fee of that copy is kept, the other's comes back, to the yen."""
    rig.controller.open(400, "REQ-D2", ["juminhyo"], awaits_delivery=True)
    rig.drop(500)  # change 100
    levels = {yen: h.level for yen, h in rig.hoppers.items()}
    rig.controller.record_delivery("REQ-D2", "doc-a", 1, 2, 200)
    rig.controller.record_delivery("REQ-D2", "doc-a", 1, 2, 200)  # twice: recorded once

    outcome = rig.controller.undelivered("REQ-D2", "paper_out")

    assert (outcome.fee_kept_yen, outcome.voided_yen, outcome.given_back_yen) == (200, 200, 200)
    assert outcome.delivered == DeliveredCopies((("doc-a", 1),))
    assert outcome.refund_slip is None
    assert _hoppers_paid(rig, levels) == 200
    assert rig.journal.totals() == JournalTotals(500, 200, 300, 0)
    assert rig.journal.balanced()
    assert rig.journal.open_payments() == []


def test_no_copy_out_gives_the_whole_fee_back(rig: Rig) -> None:
    rig.controller.open(400, "REQ-D0", ["juminhyo"], awaits_delivery=True)
    rig.drop(500)
    outcome = rig.controller.undelivered("REQ-D0", "paper_out")
    assert (outcome.fee_kept_yen, outcome.voided_yen, outcome.completed) == (0, 400, False)
    assert outcome.delivered.empty
    assert rig.journal.totals() == JournalTotals(500, 0, 500, 0)


def test_an_undelivered_fee_the_hoppers_cannot_pay_is_a_refund_slip(tmp_path: Path) -> None:
    rig = build_rig(tmp_path / "j.sqlite3", {10: 0, 50: 0, 100: 0})
    rig.controller.open(300, "REQ-D3", awaits_delivery=True)
    rig.drop(100, 100, 100)
    rig.controller.record_delivery("REQ-D3", "doc-a", 1, 3, 100)
    outcome = rig.controller.undelivered("REQ-D3", "printer_fault")
    assert outcome.voided_yen == 200
    assert outcome.refund_slip is not None
    # the slip says what was charged (the copy out) and what is owed back
    slip = outcome.refund_slip
    assert (slip.inserted_yen, slip.fee_kept_yen, slip.change_paid_yen) == (300, 100, 0)
    assert slip.refund_owed_yen == 200
    assert slip.reference == "REQ-D3"
    assert rig.journal.totals() == JournalTotals(300, 100, 0, 200)
    rig.journal.close()


def test_a_restart_keeps_the_copies_journaled_and_gives_back_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    first = build_rig(path, LEVELS)
    _paid(first, "REQ-D4")
    first.controller.record_delivery("REQ-D4", "doc-a", 1, 2, 100)
    first.journal.close()  # killed while the second copy was printing

    restarted = build_rig(path, LEVELS)
    settled = restarted.controller.settle_open_payments()

    assert len(settled) == 1
    outcome = settled[0]
    assert outcome.reference == "REQ-D4"
    assert outcome.delivered == DeliveredCopies((("doc-a", 1),))
    assert (outcome.voided_yen, outcome.given_back_yen, outcome.fee_kept_yen) == (230, 230, 100)
    assert restarted.journal.totals() == JournalTotals(500, 100, 400, 0)
    assert restarted.journal.balanced()
    assert restarted.journal.open_payments() == []
    restarted.journal.close()


def test_a_restart_before_any_delivery_gives_the_whole_fee_back(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    first = build_rig(path, LEVELS)
    _paid(first, "REQ-D5")
    first.journal.close()

    restarted = build_rig(path, LEVELS)
    outcome = restarted.controller.settle_open_payments()[0]

    assert (outcome.voided_yen, outcome.fee_kept_yen, outcome.completed) == (330, 0, False)
    assert outcome.delivered.empty
    assert restarted.journal.totals() == JournalTotals(500, 0, 500, 0)
    restarted.journal.close()


def test_a_journal_from_before_copies_were_counted_still_settles(tmp_path: Path) -> None:
    """A delivery journaled by the previous version (one entry per whole document, the fee of
    all its copies) is still a whole document after the upgrade."""
    path = tmp_path / "j.sqlite3"
    first = build_rig(path, LEVELS)
    _paid(first, "REQ-OLD")
    payment_id = first.journal.open_payments()[0].payment_id
    first.journal.close()
    db = sqlite3.connect(path)
    db.execute(
        "INSERT INTO entries (at, payment_id, kind, amount_yen, detail) VALUES (?, ?, ?, ?, ?)",
        ("t", payment_id, "delivered", 200, json.dumps({"document_id": "doc-a"})),
    )
    db.commit()
    db.close()

    restarted = build_rig(path, LEVELS)
    outcome = restarted.controller.settle_open_payments()[0]

    assert outcome.delivered == DeliveredCopies(uncounted=("doc-a",))
    assert (outcome.fee_kept_yen, outcome.voided_yen) == (200, 130)
    assert restarted.journal.balanced()
    restarted.journal.close()
    assert MoneyJournal(path).open_payments() == []


def test_deliveries_are_checked(rig: Rig) -> None:
    with pytest.raises(PaymentError):
        rig.controller.undelivered("REQ-NONE", EndingReason.DELIVERED)
    _paid(rig, "REQ-D6")
    with pytest.raises(PaymentError):
        rig.controller.record_delivery("REQ-D6", "doc-x", 1, 1, 400)  # more than the fee
    with pytest.raises(PaymentError):
        rig.controller.record_delivery("REQ-D6", "doc-a", 3, 2, 100)  # no third copy
    with pytest.raises(PaymentError):
        rig.controller.open(100, "REQ-D6", awaits_delivery=True)  # still awaiting delivery
    rig.controller.undelivered("REQ-D6", EndingReason.DELIVERED)
    with pytest.raises(PaymentError):
        rig.controller.undelivered("REQ-D6", "late")  # already closed


def test_refund_of_a_payment_awaiting_delivery_settles_it_once(rig: Rig) -> None:
    _paid(rig, "REQ-D7")
    outcome = rig.controller.refund("REQ-D7", 130, "not_printed")
    assert (outcome.voided_yen, outcome.given_back_yen, outcome.fee_kept_yen) == (130, 130, 200)
    assert rig.journal.open_payments() == []
    assert rig.controller.settle_open_payments() == []
    assert rig.journal.totals() == JournalTotals(500, 200, 300, 0)


def test_a_payment_without_delivery_closes_when_paid(rig: Rig) -> None:
    rig.controller.open(300, "REQ-D8")
    rig.drop(100, 100, 100)
    assert rig.journal.open_payments() == []
    with pytest.raises(PaymentError):
        rig.controller.undelivered("REQ-D8", EndingReason.DELIVERED)
