"""A request's life at the server: ordered, printed, its payment settled, its outcome reported."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

from issuance_contract.link import CenterLink
from kiosk_app.devices.a4_printing import A4Printing
from kiosk_app.devices.document_fees import DocumentFees
from kiosk_app.devices.errors import classified
from kiosk_app.devices.session_views import issuance_view, order_item
from kiosk_app.devices.slip_printing import SlipPrinting
from kiosk_app.outbox import Outbox
from kiosk_app.payment.controller import PaymentController
from kiosk_app.payment.outcomes import PaymentError, PaymentOutcome
from kiosk_app.payment.reasons import EndingReason
from kiosk_app.session.model import DocumentView, IssuanceView, OrderLine, PrintReport

log = logging.getLogger(__name__)


class RequestDelivery:
    """Orders a basket, delivers its documents (each journaled as it comes out) and sends what
    the server must know through the outbox (kept and sent again until the server has it)."""

    def __init__(
        self,
        center: CenterLink,
        payment: PaymentController,
        outbox: Outbox,
        printing: A4Printing,
        slips: SlipPrinting,
    ) -> None:
        self._center = center
        self._payment = payment
        self._outbox = outbox
        self._printing = printing
        self._slips = slips
        self._fees = DocumentFees()

    @classified
    def issue(self, token: str, lines: list[OrderLine], idempotency_key: str) -> IssuanceView:
        """Order the basket; the documents come back bound to one request."""
        items = [order_item(line) for line in lines]
        issuance = self._center.issue(token, items, idempotency_key)
        self._fees.record(issuance, lines)
        return issuance_view(issuance)

    def print_documents(
        self, documents: list[DocumentView], on_progress: Callable[[int, int], None]
    ) -> PrintReport:
        """Print every copy of every document, as composed duplex sheets.

        The fee is per copy: each copy that comes out whole is journaled as delivered at once
        (its fee kept even if the kiosk dies later); a copy cut short is neither counted nor
        charged. The outcome report (the one report of the request: per document, the copies
        out whole, and the fee kept) is queued in the outbox before the payment closes, so that
        a crash in between cannot lose it. :meth:`send_reports` sends it.
        """
        report = self._printing.print_all(documents, on_progress, self._record_delivery)
        outcomes = self._fees.take_outcomes(documents, report.copies_printed)
        for request_id, outcome in outcomes.items():
            self._outbox.add_report(request_id, outcome.report())
            if report.completed:
                self._settle_delivery(request_id, EndingReason.DELIVERED)
        kept = sum(outcome.fee_kept_yen for outcome in outcomes.values())
        copies_out = sum(outcome.copies_out for outcome in outcomes.values())
        copies_ordered = sum(outcome.copies_ordered for outcome in outcomes.values())
        return replace(
            report, fee_kept_yen=kept, copies_out=copies_out, copies_ordered=copies_ordered
        )

    def _record_delivery(self, document_id: str, copy: int, copies: int) -> None:
        fee = self._fees.fee_of(document_id)
        if fee is None:
            return
        try:
            self._payment.record_delivery(
                fee.request_id, document_id, copy, copies, fee.copy_fee_yen
            )
        except PaymentError as exc:
            log.error("a delivered copy could not be journaled: %s", exc)

    def _settle_delivery(self, request_id: str, reason: str) -> PaymentOutcome | None:
        """Close the payment of ``request_id``: the fee of what was not delivered goes back."""
        try:
            return self._payment.undelivered(request_id, reason)
        except PaymentError as exc:
            log.error("no payment to settle for a delivery: %s", exc)
            return None

    def send_reports(self) -> None:
        """Send the outcome reports :meth:`print_documents` queued (through the outbox: kept
        and sent again until the server has them)."""
        self._outbox.flush(self._center)

    def cancel_request(self, token: str, request_id: str) -> None:
        """Cancel a whole request (through the outbox)."""
        self._outbox.add_cancel(request_id)
        self._outbox.flush(self._center)

    def cancel_issue(self, idempotency_key: str) -> None:
        """Cancel the request ordered with ``idempotency_key`` whose reply never came."""
        self._outbox.add_cancel_by_key(idempotency_key)
        self._outbox.flush(self._center)

    @classified
    def end_session(self, token: str) -> None:
        """Send what the outbox holds, give back the fee of a delivery left pending, then end
        the server session (so that no report or cancel comes after the end)."""
        for reference in self._payment.awaiting_delivery:
            outcome = self._settle_delivery(reference, EndingReason.SESSION_ENDED)
            if outcome is not None:
                self._outbox.add_settlements([outcome])
                if outcome.refund_slip is not None:
                    self._slips.print_slip_or_log(outcome.refund_slip)
        self._outbox.flush(self._center)
        self._center.end_session(token)
