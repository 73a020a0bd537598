"""The cells' checks themselves: they fail on the defects they are there to catch."""

from __future__ import annotations

import datetime as dt

from issuance_center.store import DocumentLine, RequestRow
from issuance_contract.issuance_status import IssuanceStatus
from tests.proof.checks import ServerRecord, check_center, check_paper

#: The proof's order: one 住民票, two copies, fee 400.
ORDER = [(2, 400)]


def _problems(record: ServerRecord, copies_out: int, fees: int) -> list[str]:
    problems: list[str] = []
    check_paper(record, copies_out, fees, problems)
    return problems


def test_a_fee_kept_without_the_documents_fails() -> None:
    """Fee 400 kept, no copy out."""
    record = ServerRecord(statuses=["cancelled"], documents=ORDER)
    problems = _problems(record, copies_out=0, fees=400)
    assert any("kept a fee of 400 yen" in p and "cost 0" in p for p in problems)


def test_a_fee_given_back_for_documents_out_fails() -> None:
    record = ServerRecord(statuses=["printed"], fee_charged_yen=400, copies_printed=2)
    record.documents = ORDER
    problems = _problems(record, copies_out=2, fees=0)
    assert any("kept a fee of 0 yen" in p and "cost 400" in p for p in problems)


def test_a_delivery_the_log_calls_cancelled_fails() -> None:
    """The old outbox under a full disk (before 84845df): fee 400 kept, both copies out, the
    outcome report lost and the request cancelled in the log."""
    record = ServerRecord(statuses=["cancelled"], copies_printed=0, documents=ORDER)
    problems = _problems(record, copies_out=2, fees=400)
    assert problems == [
        "2 copies came out whole, the log counts 0 printed",
        "the log charges 0 yen, the journal kept 400",
    ]


def test_a_whole_delivery_passes() -> None:
    record = ServerRecord(["printed"], fee_charged_yen=400, copies_printed=2, documents=ORDER)
    assert _problems(record, copies_out=2, fees=400) == []


def test_a_document_cut_short_keeps_the_fee_of_the_copies_out() -> None:
    """Paper out after the first copy: the fee is per copy, that copy's is kept and the log
    counts it printed with that fee."""
    record = ServerRecord(["printed"], fee_charged_yen=200, copies_printed=1, documents=ORDER)
    assert _problems(record, copies_out=1, fees=200) == []


def test_a_document_cut_short_given_back_whole_fails() -> None:
    """The rule before the fee was per copy: a complete certificate out for free, and a log
    that says nothing was issued."""
    record = ServerRecord(statuses=["cancelled"], documents=ORDER)
    assert _problems(record, copies_out=1, fees=0) == [
        "the journal kept a fee of 0 yen, the copies that came out (1) cost 200",
        "1 copies came out whole, the log counts 0 printed",
    ]


def test_a_copy_the_log_counts_that_did_not_come_out_fails() -> None:
    record = ServerRecord(["printed"], fee_charged_yen=400, copies_printed=2, documents=ORDER)
    assert _problems(record, copies_out=1, fees=400) == [
        "the log counts 2 copies printed, 1 came out",
        "the journal kept a fee of 400 yen, the copies that came out (1) cost 200",
    ]


def test_copies_are_kept_in_print_order() -> None:
    """Two documents (住民票 x2 at 200 a copy, 印鑑 x1 at 350), the second cut short."""
    record = ServerRecord(["printed"], fee_charged_yen=400, copies_printed=2)
    record.documents = [(2, 400), (1, 350)]
    assert record.fee_of_copies(1) == 200
    assert record.fee_of_copies(2) == 400
    assert record.fee_of_copies(3) == 750
    assert _problems(record, copies_out=2, fees=400) == []


def _center_row(copies_printed: int, fee: int) -> RequestRow:
    line = DocumentLine("d", "juminhyo", 2, 400, copies_printed > 0, copies_printed)
    status = IssuanceStatus.PRINTED if copies_printed else IssuanceStatus.CANCELLED
    now = dt.datetime.now(dt.UTC)
    return RequestRow("K", "key", "", "999991", "r", now, status, 400, fee, [line])


def test_a_center_that_settles_other_copies_than_the_log_fails() -> None:
    problems: list[str] = []
    assert check_center([_center_row(1, 200)], 200, 1, problems) == ["printed"]
    assert problems == []
    check_center([_center_row(2, 200)], 200, 1, problems)
    assert problems == ["the center settles 2 copies delivered, the log counts 1"]
