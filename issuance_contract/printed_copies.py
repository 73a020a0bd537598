"""How many copies of each document an outcome report says came out whole (the fee is per copy)."""

from __future__ import annotations

from collections.abc import Mapping

from issuance_contract.messages import OutcomeReport


class PrintedCopiesError(ValueError):
    """An outcome report that names an unknown document, a document twice, or more copies
    than were ordered."""


def copies_printed(copies_ordered: Mapping[str, int], report: OutcomeReport) -> dict[str, int]:
    """document id → copies that came out whole (0 for none), for every document of a request.

    ``copies_ordered``: each document of the request and its copies. A document the report
    names in the older shape (``printed_documents``, see ``OutcomeReport``) came out whole.
    """
    named = [*report.printed_documents, *report.printed_copies]
    unknown = [d for d in named if d not in copies_ordered]
    if unknown:
        raise PrintedCopiesError(f"unknown document {unknown[0]}")
    if len(set(named)) != len(named):
        raise PrintedCopiesError("a document is reported twice")
    for document_id, copies in report.printed_copies.items():
        if copies > copies_ordered[document_id]:
            raise PrintedCopiesError(
                f"{copies} copies printed of {copies_ordered[document_id]} ordered"
            )
    whole = set(report.printed_documents)
    return {
        document_id: ordered if document_id in whole else report.printed_copies.get(document_id, 0)
        for document_id, ordered in copies_ordered.items()
    }
