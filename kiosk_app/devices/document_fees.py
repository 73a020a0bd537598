"""Each ordered document's fee, computed once when the request is ordered (Qt-free)."""

from __future__ import annotations

import logging

from issuance_contract.messages import Issuance
from kiosk_app.session.model import DocumentView, OrderLine

log = logging.getLogger(__name__)


class DocumentFees:
    """document id → (request id, fee of all its copies) of the latest request, for the delivery
    journal and the outcome report."""

    def __init__(self) -> None:
        self._fees: dict[str, tuple[str, int]] = {}

    def record(self, issuance: Issuance, lines: list[OrderLine]) -> None:
        """The one place a document's fee is computed; only the latest request is kept."""
        if len(issuance.documents) == len(lines):  # one document per item, in order
            self._fees = {
                document.document_id: (issuance.request_id, line.amount_yen)
                for document, line in zip(issuance.documents, lines, strict=True)
            }
        else:  # reported as printed at no fee; the whole fee is given back
            log.error("the request's documents do not match the order: no fee is kept")
            self._fees = {
                document.document_id: (issuance.request_id, 0) for document in issuance.documents
            }

    def fee_of(self, document_id: str) -> tuple[str, int] | None:
        """(request id, fee) of a document ordered in the latest request, or None."""
        return self._fees.get(document_id)

    def take_outcomes(
        self, documents: list[DocumentView], printed: set[str]
    ) -> dict[str, tuple[list[str], int]]:
        """Forget ``documents``' fees; per request, the documents ``printed`` and the fee kept."""
        outcomes: dict[str, tuple[list[str], int]] = {}
        for document in documents:
            known = self._fees.pop(document.document_id, None)
            if known is None:
                continue
            request_id, fee = known
            ids, kept = outcomes.get(request_id, ([], 0))
            if document.document_id in printed:
                ids, kept = [*ids, document.document_id], kept + fee
            outcomes[request_id] = (ids, kept)
        return outcomes
