"""A paid payment stays "delivery pending" until the kiosk says what was handed out."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk_app.payment.journal import EntryKind, JournalTotals
from kiosk_app.payment.outcomes import PaymentError
from tests.kiosk_app.payment.rig import Rig, build_rig

#: Two documents of one request: a 住民票 (200 yen) and an 印鑑登録証明書 (130 yen, fictitious).
FEES = {"doc-a": 200, "doc-b": 130}


def _paid(rig: Rig, reference: str) -> None:
    rig.controller.open(330, reference, ["juminhyo", "inkan"], awaits_delivery=True)
    rig.drop(500)


def test_a_paid_payment_stays_open_until_delivered(rig: Rig) -> None:
    _paid(rig, "REQ-D1")
    outcome = rig.outcomes[-1]
    assert (outcome.completed, outcome.fee_kept_yen, outcome.change_paid_yen) == (True, 330, 170)
    assert [p.reference for p in rig.journal.open_payments()] == ["REQ-D1"]
    assert rig.controller.awaiting_delivery == ["REQ-D1"]
    assert rig.controller.current is None  # the coin slot is free for the next person

    closed = rig.controller.delivered("REQ-D1", FEES)

    assert (closed.fee_kept_yen, closed.voided_yen, closed.given_back_yen) == (330, 0, 0)
    assert closed.delivered_documents == ("doc-a", "doc-b")
    assert rig.journal.open_payments() == []
    assert rig.controller.awaiting_delivery == []
    assert rig.journal.totals() == JournalTotals(500, 330, 170, 0)
    kinds = [e.kind for e in rig.journal.entries()]
    assert kinds.count(EntryKind.DELIVERED) == 2
    assert kinds[-1] is EntryKind.CLOSED


def test_the_fee_of_what_was_not_delivered_comes_back(rig: Rig) -> None:
    _paid(rig, "REQ-D2")
    rig.controller.record_delivery("REQ-D2", "doc-a", 200)
    rig.controller.record_delivery("REQ-D2", "doc-a", 200)  # twice: recorded once
    levels = {yen: h.level for yen, h in rig.hoppers.items()}

    outcome = rig.controller.undelivered("REQ-D2", "paper_out")

    assert (outcome.fee_kept_yen, outcome.voided_yen, outcome.given_back_yen) == (200, 130, 130)
    assert outcome.delivered_documents == ("doc-a",)
    assert outcome.refund_slip is None
    paid_out = sum(yen * (levels[yen] - h.level) for yen, h in rig.hoppers.items())
    assert paid_out == 130
    assert rig.journal.totals() == JournalTotals(500, 200, 300, 0)
    assert rig.journal.balanced()
    assert rig.journal.open_payments() == []


def test_an_undelivered_fee_the_hoppers_cannot_pay_is_a_refund_slip(tmp_path: Path) -> None:
    rig = build_rig(tmp_path / "j.sqlite3", {10: 0, 50: 0, 100: 0})
    rig.controller.open(300, "REQ-D3", awaits_delivery=True)
    rig.drop(100, 100, 100)
    outcome = rig.controller.undelivered("REQ-D3", "printer_fault")
    assert outcome.voided_yen == 300
    assert outcome.refund_slip is not None
    assert outcome.refund_slip.refund_owed_yen == 300
    assert outcome.refund_slip.reference == "REQ-D3"
    assert rig.journal.totals() == JournalTotals(300, 0, 0, 300)
    rig.journal.close()


def test_a_restart_gives_back_the_fee_of_every_document_not_delivered(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    first = build_rig(path, {10: 20, 50: 20, 100: 20})
    _paid(first, "REQ-D4")
    first.controller.record_delivery("REQ-D4", "doc-a", 200)
    first.journal.close()  # killed while the second document was printing

    restarted = build_rig(path, {10: 20, 50: 20, 100: 20})
    settled = restarted.controller.settle_open_payments()

    assert len(settled) == 1
    outcome = settled[0]
    assert outcome.reference == "REQ-D4"
    assert outcome.delivered_documents == ("doc-a",)
    assert (outcome.voided_yen, outcome.given_back_yen, outcome.fee_kept_yen) == (130, 130, 200)
    assert restarted.journal.totals() == JournalTotals(500, 200, 300, 0)
    assert restarted.journal.open_payments() == []
    restarted.journal.close()


def test_a_restart_before_any_delivery_gives_the_whole_fee_back(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    first = build_rig(path, {10: 20, 50: 20, 100: 20})
    _paid(first, "REQ-D5")
    first.journal.close()

    restarted = build_rig(path, {10: 20, 50: 20, 100: 20})
    outcome = restarted.controller.settle_open_payments()[0]

    assert (outcome.voided_yen, outcome.fee_kept_yen, outcome.completed) == (330, 0, False)
    assert outcome.delivered_documents == ()
    assert restarted.journal.totals() == JournalTotals(500, 0, 500, 0)
    restarted.journal.close()


def test_deliveries_are_checked(rig: Rig) -> None:
    with pytest.raises(PaymentError):
        rig.controller.delivered("REQ-NONE", FEES)
    _paid(rig, "REQ-D6")
    with pytest.raises(PaymentError):
        rig.controller.record_delivery("REQ-D6", "doc-x", 400)  # more than the fee
    with pytest.raises(PaymentError):
        rig.controller.open(100, "REQ-D6", awaits_delivery=True)  # still awaiting delivery
    rig.controller.delivered("REQ-D6", FEES)
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
        rig.controller.delivered("REQ-D8", {"doc": 300})
