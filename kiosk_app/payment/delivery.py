"""Settling a paid request's delivery: each document's fee kept as it comes out, the rest given
back when the delivery ends (or fails, or the kiosk restarts)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from kiosk_app.payment.journal import EntryKind, PaymentState
from kiosk_app.payment.ledger import PaymentLedger
from kiosk_app.payment.outcomes import PaymentError, PaymentOutcome
from kiosk_app.payment.reasons import EndingReason


class DeliverySettlement(PaymentLedger):
    """Paid payments that stay open ("delivery pending") until their documents are out."""

    @property
    def awaiting_delivery(self) -> list[str]:
        """The references of paid payments whose delivery outcome is not known yet."""
        with self._lock:
            return list(self._delivering)

    def record_delivery(self, reference: str, document_id: str, fee_yen: int) -> None:
        """Journal at once that one document of a paid request was handed out (its fee kept).

        Called as each document comes out, so that a crash later in the delivery gives back
        only the fees of the documents that did not come out. Recording a document twice is
        a no-op.
        """
        with self._lock:
            state = self._awaiting(reference)
            if document_id in state.delivered:
                return
            if fee_yen < 0 or fee_yen > state.undelivered_yen:
                raise PaymentError(
                    f"a delivered fee of {fee_yen} yen does not fit the "
                    f"{state.undelivered_yen} yen not yet delivered"
                )
            self._append(state, EntryKind.DELIVERED, fee_yen, {"document_id": document_id})

    def delivered(
        self, reference: str, document_fees: Mapping[str, int], reason: str = EndingReason.DELIVERED
    ) -> PaymentOutcome:
        """Close a paid payment: ``document_fees`` (document id → fee) were handed out.

        The fee of anything not delivered is voided and given back (hoppers, else a refund
        owed with a slip); then the payment is closed.
        """
        with self._lock:
            state = self._awaiting(reference)
            for document_id, fee_yen in document_fees.items():
                self.record_delivery(reference, document_id, fee_yen)
            outcome = self._notify_outcome(self._settle_delivery(state, reason))
        self._flush()
        return outcome

    def undelivered(self, reference: str, reason: str) -> PaymentOutcome:
        """Close a paid payment whose delivery failed: every fee not recorded as delivered
        (:meth:`record_delivery`) is voided and given back."""
        return self.delivered(reference, {}, reason)

    def _awaiting(self, reference: str) -> PaymentState:
        state = self._delivering.get(reference)
        if state is None:
            raise PaymentError(f"no paid payment awaits a delivery for {reference!r}")
        return state

    def _settle_delivery(
        self,
        state: PaymentState,
        reason: str,
        *,
        void_yen: int | None = None,
        pay_out: bool = True,
    ) -> PaymentOutcome:
        """Void the fee not delivered (at most ``void_yen``), give it back, close; the outcome
        of that settlement."""
        self._delivering.pop(state.reference, None)
        voided = state.undelivered_yen if void_yen is None else min(void_yen, state.undelivered_yen)
        if voided:
            self._append(state, EntryKind.FEE_VOIDED, voided, {"reason": reason})
        change_before = state.change_yen
        outcome = self._close_out(state, completed=True, reason=reason, pay_out=pay_out)
        return replace(
            outcome,
            completed=bool(state.delivered),
            voided_yen=voided,
            given_back_yen=state.change_yen - change_before,
            delivered_documents=tuple(state.delivered),
        )
