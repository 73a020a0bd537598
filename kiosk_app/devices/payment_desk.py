"""Taking coins for a request and giving them back: the payment's events reach the session."""

from __future__ import annotations

import threading

from kiosk_app.devices.errors import classified
from kiosk_app.devices.listeners import EventSink
from kiosk_app.devices.session_views import payment_result
from kiosk_app.devices.slip_printing import SlipPrinting
from kiosk_app.payment.controller import PaymentController
from kiosk_app.payment.outcomes import PaymentOutcome, PaymentUpdate
from kiosk_app.payment.reasons import EndingReason
from kiosk_app.session.model import PaymentProgress, PaymentResult


class PaymentDesk:
    """Opens, cancels and refunds payments; sends their progress and outcome to the sink."""

    def __init__(self, payment: PaymentController, slips: SlipPrinting) -> None:
        self._payment = payment
        self._slips = slips
        self._sink: EventSink | None = None
        self._lock = threading.Lock()
        self._open_reference: str | None = None

    def attach(self, sink: EventSink) -> None:
        """Send payment progress and outcomes to ``sink`` from now on."""
        self._sink = sink
        self._payment.on_update = self._on_payment_update
        self._payment.on_outcome = self._on_payment_outcome

    def _on_payment_update(self, update: PaymentUpdate) -> None:
        if self._sink is not None:
            state = PaymentProgress(update.due_yen, update.credit_yen, update.remaining_yen)
            self._sink.emit_payment_update(state)

    def _on_payment_outcome(self, outcome: PaymentOutcome) -> None:
        with self._lock:
            ours = outcome.reference == self._open_reference
            if ours:
                self._open_reference = None
        if ours and self._sink is not None:
            self._sink.emit_payment_finished(payment_result(outcome))
        elif outcome.reason == EndingReason.NO_PAYMENT_OPEN and outcome.refund_slip is not None:
            self._slips.print_slip_or_log(outcome.refund_slip)  # a stray coin the hoppers keep

    @classified
    def open_payment(self, amount_yen: int, reference: str) -> None:
        """Start taking coins for ``reference`` (a request id); once paid, the payment stays
        open ("delivery pending") until the documents are printed or given up."""
        with self._lock:
            self._open_reference = reference
        self._payment.open(amount_yen, reference, awaits_delivery=True)

    @classified
    def cancel_payment(self) -> None:
        """Stop taking coins and give the credit back (the outcome comes as an event)."""
        self._payment.cancel()

    @classified
    def refund(self, amount_yen: int, reference: str) -> PaymentResult:
        """Give back a fee whose documents were not printed: coins, or a slip for the rest.

        The payment awaiting its delivery is closed: ``amount_yen`` of its fee is voided.
        """
        pending = reference in self._payment.awaiting_delivery
        outcome = self._payment.refund(reference, amount_yen, EndingReason.NOT_PRINTED)
        if outcome.refund_slip is not None:
            self._slips.print_refund_slip(outcome.refund_slip)
        if pending:  # what this settlement gave back, not the whole payment's change
            owed = outcome.refund_slip.refund_owed_yen if outcome.refund_slip else 0
            return PaymentResult(
                inserted_yen=0,
                fee_kept_yen=-outcome.voided_yen,
                change_paid_yen=outcome.given_back_yen,
                refund_owed_yen=owed,
            )
        return payment_result(outcome)
