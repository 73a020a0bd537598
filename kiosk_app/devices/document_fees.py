"""Each ordered document's fee per copy, taken once when the request is ordered (Qt-free)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field

from issuance_contract.messages import Issuance, OutcomeReport
from kiosk_app.session.model import DocumentView, OrderLine

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DocumentFee:
    """An ordered document's request, fee of one copy and copies ordered."""

    request_id: str
    copy_fee_yen: int
    copies: int


@dataclass
class RequestOutcome:
    """What of one request came out whole, gathered document by document: the copies of each
    (``copies``, documents none of which came out left out), the fee kept for them and the
    copies ordered (the figures the journal and the outcome report hold)."""

    copies: dict[str, int] = field(default_factory=dict)
    fee_kept_yen: int = 0
    copies_ordered: int = 0

    @property
    def copies_out(self) -> int:
        """The copies that came out whole, of all documents."""
        return sum(self.copies.values())

    def add(self, document_id: str, copies_out: int, fee: DocumentFee) -> None:
        """Count ``copies_out`` copies of a document of this request out whole (0: none)."""
        if copies_out:
            self.copies[document_id] = copies_out
        self.fee_kept_yen += copies_out * fee.copy_fee_yen
        self.copies_ordered += fee.copies

    def report(self) -> OutcomeReport:
        """The outcome report of the request."""
        return OutcomeReport(fee_charged_yen=self.fee_kept_yen, printed_copies=self.copies)


class DocumentFees:
    """document id → its fee per copy (and request) of the latest request, for the delivery
    journal and the outcome report. The fee is per copy (1通): what came out whole is paid."""

    def __init__(self) -> None:
        self._fees: dict[str, DocumentFee] = {}

    def record(self, issuance: Issuance, lines: list[OrderLine]) -> None:
        """The one place a document's fee is taken; only the latest request is kept."""
        matches = len(issuance.documents) == len(lines) and all(
            document.copies == line.copies
            for document, line in zip(issuance.documents, lines, strict=True)
        )
        if matches:  # one document per item, in order
            self._fees = {
                document.document_id: DocumentFee(issuance.request_id, line.fee_yen, line.copies)
                for document, line in zip(issuance.documents, lines, strict=True)
            }
        else:  # reported as printed at no fee; the whole fee is given back
            log.error("the request's documents do not match the order: no fee is kept")
            self._fees = {
                document.document_id: DocumentFee(issuance.request_id, 0, document.copies)
                for document in issuance.documents
            }

    def fee_of(self, document_id: str) -> DocumentFee | None:
        """The fee of a document ordered in the latest request, or None."""
        return self._fees.get(document_id)

    def take_outcomes(
        self, documents: list[DocumentView], copies_printed: Mapping[str, int]
    ) -> dict[str, RequestOutcome]:
        """Forget ``documents``' fees; per request, the copies that came out whole (document id
        → copies, ``copies_printed``) and the fee kept for them."""
        outcomes: dict[str, RequestOutcome] = {}
        for document in documents:
            fee = self._fees.pop(document.document_id, None)
            if fee is None:
                continue
            out = min(copies_printed.get(document.document_id, 0), fee.copies)
            outcomes.setdefault(fee.request_id, RequestOutcome()).add(
                document.document_id, out, fee
            )
        return outcomes
