"""At start-up: the payments a crash left open are finished and their money given back."""

from __future__ import annotations

import logging

from drivers.printer.slips import RefundSlip
from kiosk_app.payment.delivery import DeliverySettlement
from kiosk_app.payment.journal import EntryKind, PaymentState
from kiosk_app.payment.outcomes import PaymentOutcome
from kiosk_app.payment.reasons import EndingReason

log = logging.getLogger(__name__)


class CrashRecovery(DeliverySettlement):
    """Settles interrupted payments from the journal before the acceptor is polled again."""

    def settle_open_payments(self, pay_out: bool = True) -> list[PaymentOutcome]:
        """Finish payments a crash left open: resolve interrupted payouts, give the money back.

        A payment still open never reached its delivery outcome: the fee of every copy not
        journaled as delivered whole is voided (all of it when none was). With ``pay_out`` the
        hoppers return the money; the rest (or all of it) is recorded as a refund owed with a
        slip. The outcomes name the request (``reference``) and the copies delivered, for the
        report to the server. Polling then resumes from the acceptor event counter last
        journaled (of the last coin or alert, or where polling stopped), payment open or not,
        so that a coin credited just before the crash is still counted (with no payment open
        it is a stray coin: journaled and returned); an acceptor reset since (counter 0, its
        buffer empty) is only logged by the driver.

        Entries that waited in the journal's reserve when the process died count as journaled:
        a payment they closed (its refund slip printed) is not settled again, and a coin they
        hold is not credited again. If they still cannot be written, the journal stays failed
        (``JOURNAL_FAILED`` goes out) and they are retried every ``journal_retry_s``.

        :attr:`reprints` are then the refund slips to print again (see :meth:`_earlier_slips`).
        """
        outcomes: list[PaymentOutcome] = []
        with self._lock:
            interrupted = self._writer.open_payments()
            serial = self.acceptor.serial_number
            if serial is not None:
                self._resume_counter = self._writer.last_event_counter(serial)
            self.reprints = self._earlier_slips(interrupted)
            for state in interrupted:
                for pending in list(state.pending.values()):
                    self._payout.resolve_pending(state, pending)
                outcome = self._settle_delivery(state, EndingReason.RESTART, pay_out=pay_out)
                log.warning(
                    "settled an interrupted payment: %d yen returned, %d yen owed",
                    outcome.change_paid_yen,
                    outcome.refund_owed_yen,
                )
                outcomes.append(outcome)
            if self._journal_failed:
                self._schedule_retry()
        self._flush()
        return outcomes

    def _earlier_slips(self, interrupted: list[PaymentState]) -> list[RefundSlip]:
        """The slips of debts the crash may have kept from being printed: those of the payments
        it interrupted, and those the reserve held (journaled while the disk was full, the
        process died before or while printing them). A slip printed again keeps its number:
        each debt is paid once, whichever copy is shown."""
        slips = [self._slip_of(state, owed) for state in interrupted for owed in state.owed]
        states = self._writer.payments()
        open_ids = {state.payment_id for state in interrupted}
        for entry in self._writer.taken_back:
            state = states.get(entry.payment_id)
            if entry.kind is EntryKind.REFUND_OWED and state and entry.payment_id not in open_ids:
                slips.extend(self._slip_of(state, owed) for owed in state.owed
                             if owed.slip == entry.detail.get("slip"))  # fmt: skip
        for slip in slips:
            log.warning("refund slip %s (%d yen) printed again after a restart",
                        slip.slip_number, slip.refund_owed_yen)  # fmt: skip
        return slips
