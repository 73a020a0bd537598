"""The outcome report's copies: one shape sent, the older one still read."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from issuance_contract.certificates import CertificateType
from issuance_contract.messages import Issuance, IssuedDocument, OutcomeReport
from issuance_contract.printed_copies import PrintedCopiesError, copies_printed

ORDERED = {"doc-a": 2, "doc-b": 1, "doc-c": 3}


def test_the_copies_mapping_gives_each_document_its_copies_out() -> None:
    report = OutcomeReport(fee_charged_yen=600, printed_copies={"doc-a": 2, "doc-c": 1})
    assert copies_printed(ORDERED, report) == {"doc-a": 2, "doc-b": 0, "doc-c": 1}


def test_an_older_kiosks_body_of_whole_documents_means_every_copy_of_each() -> None:
    """Before copies were counted a kiosk sent only ``printed_documents``; later ones sent
    the documents cut short in ``printed_copies`` beside it. Both bodies still parse."""
    oldest = OutcomeReport.model_validate_json(
        json.dumps({"printed_documents": ["doc-a", "doc-b"], "fee_charged_yen": 600})
    )
    assert copies_printed(ORDERED, oldest) == {"doc-a": 2, "doc-b": 1, "doc-c": 0}
    previous = OutcomeReport.model_validate_json(
        json.dumps(
            {"printed_documents": ["doc-a"], "fee_charged_yen": 500, "printed_copies": {"doc-c": 1}}
        )
    )
    assert copies_printed(ORDERED, previous) == {"doc-a": 2, "doc-b": 0, "doc-c": 1}


def test_the_body_sent_now_still_carries_the_older_field_empty() -> None:
    """The previous server version requires ``printed_documents``: an empty list keeps this
    kiosk's reports acceptable to it (every copy counted in ``printed_copies``)."""
    body = json.loads(
        OutcomeReport(fee_charged_yen=200, printed_copies={"doc-b": 1}).model_dump_json()
    )
    assert body == {"fee_charged_yen": 200, "printed_copies": {"doc-b": 1}, "printed_documents": []}


@pytest.mark.parametrize(
    ("copies", "whole", "error"),
    [
        ({"doc-x": 1}, [], "unknown document doc-x"),
        ({}, ["doc-x"], "unknown document doc-x"),
        ({"doc-a": 3}, [], "3 copies printed of 2 ordered"),
        ({"doc-a": 1}, ["doc-a"], "a document is reported twice"),
        ({}, ["doc-b", "doc-b"], "a document is reported twice"),
    ],
)
def test_a_report_that_does_not_fit_the_order_is_refused(
    copies: dict[str, int], whole: list[str], error: str
) -> None:
    report = OutcomeReport(fee_charged_yen=0, printed_copies=copies, printed_documents=whole)
    with pytest.raises(PrintedCopiesError, match=error):
        copies_printed(ORDERED, report)


def test_a_copy_count_outside_one_to_ten_is_not_a_report() -> None:
    for copies in (0, 11):
        with pytest.raises(ValidationError):
            OutcomeReport(fee_charged_yen=0, printed_copies={"doc-a": copies})


def test_the_report_of_a_whole_request_names_every_copy() -> None:
    documents = [
        IssuedDocument(
            request_id="r",
            document_id=document_id,
            applicant_id="a",
            certificate_type=CertificateType.JUMINHYO,
            copies=copies,
            pdf=b"%PDF",
            page_codes=[],
        )
        for document_id, copies in ORDERED.items()
    ]
    issuance = Issuance(request_id="r", total_fee_yen=1200, documents=documents)
    report = OutcomeReport.all_printed(issuance)
    assert (report.fee_charged_yen, report.printed_documents) == (1200, [])
    assert copies_printed(ORDERED, report) == ORDERED
