"""Each request's outcome gathered from its documents' copies out (the fee is per copy)."""

from __future__ import annotations

from issuance_contract.certificates import CertificateType
from issuance_contract.messages import Issuance, IssuedDocument, OutcomeReport
from kiosk_app.devices.document_fees import DocumentFees
from kiosk_app.session.model import DocumentView, OrderLine

T = CertificateType


def _issued(request_id: str, order: list[tuple[str, T, int]]) -> Issuance:
    documents = [
        IssuedDocument(
            request_id=request_id,
            document_id=document_id,
            applicant_id="a",
            certificate_type=kind,
            copies=copies,
            pdf=b"%PDF",
            page_codes=[],
        )
        for document_id, kind, copies in order
    ]
    return Issuance(request_id=request_id, total_fee_yen=0, documents=documents)


def _views(issuance: Issuance) -> list[DocumentView]:
    return [
        DocumentView(d.document_id, d.certificate_type, d.copies, d.pdf, d.page_codes)
        for d in issuance.documents
    ]


def test_one_outcome_per_request_with_the_copies_out_and_their_fee() -> None:
    """住民票 x2 (200 yen a copy), 印鑑 x1 (300), 戸籍 x3 (450): one 住民票 copy out, the 印鑑
    whole, no 戸籍. The report names the copies out, the fee is theirs, the rest is ordered."""
    issuance = _issued(
        "REQ-1", [("doc-a", T.JUMINHYO, 2), ("doc-b", T.INKAN, 1), ("doc-c", T.KOSEKI_ZENBU, 3)]
    )
    lines = [
        OrderLine(T.JUMINHYO, 200, copies=2),
        OrderLine(T.INKAN, 300),
        OrderLine(T.KOSEKI_ZENBU, 450, copies=3),
    ]
    fees = DocumentFees()
    fees.record(issuance, lines)
    printed = {"doc-a": 1, "doc-b": 1, "doc-c": 0, "not-ordered": 4}

    [(request_id, outcome)] = fees.take_outcomes(_views(issuance), printed).items()

    assert request_id == "REQ-1"
    assert (outcome.copies, outcome.fee_kept_yen) == ({"doc-a": 1, "doc-b": 1}, 500)
    assert (outcome.copies_out, outcome.copies_ordered) == (2, 6)
    assert outcome.report() == OutcomeReport(
        fee_charged_yen=500, printed_copies={"doc-a": 1, "doc-b": 1}
    )
    assert fees.fee_of("doc-a") is None  # taken once
    assert fees.take_outcomes(_views(issuance), printed) == {}


def test_more_copies_reported_than_ordered_count_as_those_ordered() -> None:
    issuance = _issued("REQ-2", [("doc-a", T.JUMINHYO, 2)])
    fees = DocumentFees()
    fees.record(issuance, [OrderLine(T.JUMINHYO, 200, copies=2)])
    outcome = fees.take_outcomes(_views(issuance), {"doc-a": 5})["REQ-2"]
    assert (outcome.copies, outcome.fee_kept_yen, outcome.copies_ordered) == ({"doc-a": 2}, 400, 2)


def test_nothing_out_is_an_outcome_with_no_copies_and_no_fee() -> None:
    issuance = _issued("REQ-3", [("doc-a", T.JUMINHYO, 2)])
    fees = DocumentFees()
    fees.record(issuance, [OrderLine(T.JUMINHYO, 200, copies=2)])
    outcome = fees.take_outcomes(_views(issuance), {})["REQ-3"]
    assert outcome.report() == OutcomeReport(fee_charged_yen=0)
    assert (outcome.copies_out, outcome.copies_ordered) == (0, 2)
