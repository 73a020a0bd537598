"""How many copies of each document an outcome report says came out whole (the fee is per copy)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


class PrintedCopiesError(ValueError):
    """An outcome report that names an unknown document, a document twice, or more copies
    than were ordered."""


def copies_printed(
    copies_ordered: Mapping[str, int],
    printed_documents: Sequence[str],
    printed_copies: Mapping[str, int] | None = None,
) -> dict[str, int]:
    """document id → copies that came out whole (0 for none), for every document of a request.

    ``copies_ordered``: each document of the request and its copies; ``printed_documents``: the
    documents every copy of which came out; ``printed_copies``: the documents cut short and the
    copies of each that came out whole (see ``OutcomeReport``).
    """
    partial = dict(printed_copies or {})
    named = [*printed_documents, *partial]
    unknown = [d for d in named if d not in copies_ordered]
    if unknown:
        raise PrintedCopiesError(f"unknown document {unknown[0]}")
    if len(set(named)) != len(named):
        raise PrintedCopiesError("a document is reported twice")
    for document_id, copies in partial.items():
        if not 0 <= copies <= copies_ordered[document_id]:
            raise PrintedCopiesError(
                f"{copies} copies printed of {copies_ordered[document_id]} ordered"
            )
    whole = set(printed_documents)
    return {
        document_id: ordered if document_id in whole else partial.get(document_id, 0)
        for document_id, ordered in copies_ordered.items()
    }
