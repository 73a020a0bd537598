"""Settling a paid request's delivery: the fee of each copy kept as it comes out whole, the rest
given back when the delivery ends (or fails, or the kiosk restarts)."""

from __future__ import annotations

from dataclasses import replace

from kiosk_app.payment.journal import EntryKind, PaymentState
from kiosk_app.payment.ledger import PaymentLedger
from kiosk_app.payment.outcomes import PaymentError, PaymentOutcome


class DeliverySettlement(PaymentLedger):
    """Paid payments that stay open ("delivery pending") until their documents are out."""

    @property
    def awaiting_delivery(self) -> list[str]:
        """The references of paid payments whose delivery outcome is not known yet."""
        with self._lock:
            return list(self._delivering)

    def record_delivery(
        self, reference: str, document_id: str, copy: int, copies: int, fee_yen: int
    ) -> None:
        """Journal at once that copy ``copy`` (of ``copies``) of a document of a paid request
        came out whole: its fee (``fee_yen``, the fee of one copy) is kept.

        Called as each copy comes out, so that a crash later in the delivery gives back only
        the fees of the copies that did not come out whole. Recording a copy twice is a no-op.
        """
        with self._lock:
            state = self._awaiting(reference)
            if (document_id, copy) in state.delivered or (document_id, 0) in state.delivered:
                return
            if not 1 <= copy <= copies:
                raise PaymentError(f"copy {copy} of {copies} cannot be delivered")
            if fee_yen < 0 or fee_yen > state.undelivered_yen:
                raise PaymentError(
                    f"a delivered fee of {fee_yen} yen does not fit the "
                    f"{state.undelivered_yen} yen not yet delivered"
                )
            detail: dict[str, object] = {"document_id": document_id, "copy": copy, "copies": copies}
            self._append(state, EntryKind.DELIVERED, fee_yen, detail)

    def undelivered(self, reference: str, reason: str) -> PaymentOutcome:
        """Close a paid payment when its delivery ended (done, failed or given up): the fee of
        every copy not recorded as delivered (:meth:`record_delivery`) is voided and given back
        (hoppers, else a refund owed with a slip); then the payment is closed."""
        with self._lock:
            state = self._awaiting(reference)
            outcome = self._notify_outcome(self._settle_delivery(state, reason))
        self._flush()
        return outcome

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
            delivered=state.delivered_copies(),
        )
