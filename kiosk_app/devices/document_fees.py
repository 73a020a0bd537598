"""Each ordered document's fee per copy, taken once when the request is ordered (Qt-free)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass

from issuance_contract.messages import Issuance
from kiosk_app.payment.journal import DeliveredCopies
from kiosk_app.session.model import DocumentView, OrderLine

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DocumentFee:
    """An ordered document's request, fee of one copy and copies ordered."""

    request_id: str
    copy_fee_yen: int
    copies: int


@dataclass(frozen=True)
class RequestOutcome:
    """What of one request came out whole, the fee kept for it, and the copies out of those
    ordered (the figures the journal and the outcome report hold)."""

    delivered: DeliveredCopies
    fee_kept_yen: int
    copies_out: int = 0
    copies_ordered: int = 0


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
        whole: dict[str, list[str]] = {}
        partial: dict[str, list[tuple[str, int]]] = {}
        kept: dict[str, int] = {}
        out_of: dict[str, tuple[int, int]] = {}
        for document in documents:
            fee = self._fees.pop(document.document_id, None)
            if fee is None:
                continue
            out = min(copies_printed.get(document.document_id, 0), fee.copies)
            if out == fee.copies:
                whole.setdefault(fee.request_id, []).append(document.document_id)
            elif out:
                partial.setdefault(fee.request_id, []).append((document.document_id, out))
            kept[fee.request_id] = kept.get(fee.request_id, 0) + out * fee.copy_fee_yen
            done, ordered = out_of.get(fee.request_id, (0, 0))
            out_of[fee.request_id] = (done + out, ordered + fee.copies)
        return {
            request_id: RequestOutcome(
                DeliveredCopies(
                    tuple(whole.get(request_id, ())), tuple(partial.get(request_id, ()))
                ),
                fee_kept,
                *out_of[request_id],
            )
            for request_id, fee_kept in kept.items()
        }
