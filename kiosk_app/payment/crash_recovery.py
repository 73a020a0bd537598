"""At start-up: the payments a crash left open are finished and their money given back."""

from __future__ import annotations

import logging

from kiosk_app.payment.delivery import DeliverySettlement
from kiosk_app.payment.outcomes import PaymentOutcome
from kiosk_app.payment.reasons import EndingReason

log = logging.getLogger(__name__)


class CrashRecovery(DeliverySettlement):
    """Settles interrupted payments from the journal before the acceptor is polled again."""

    def settle_open_payments(self, pay_out: bool = True) -> list[PaymentOutcome]:
        """Finish payments a crash left open: resolve interrupted payouts, give the money back.

        A payment still open never reached its delivery outcome: the fee of every document
        not journaled as delivered is voided (all of it when none was). With ``pay_out`` the
        hoppers return the money; the rest (or all of it) is recorded as a refund owed with a
        slip. The outcomes name the request (``reference``) and the documents delivered, for
        the report to the server. Polling then resumes from the event counter of the last
        coin journaled, so that a coin credited just before the crash is still counted.
        """
        outcomes: list[PaymentOutcome] = []
        with self._lock:
            interrupted = self.journal.open_payments()
            serial = self.acceptor.serial_number
            if interrupted and serial is not None:
                self._resume_counter = self.journal.last_coin_counter(serial)
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
        return outcomes
