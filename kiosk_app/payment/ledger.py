"""What every part of the payment controller shares and does: journal, finish, give back, tell.

The open payment, the payments awaiting their delivery, the journal writer and the listeners
live here, behind one lock. Every money event is journaled before any listener is told (the
notices are sent by :meth:`PaymentLedger._flush`, outside the lock).

When the journal cannot be written (a full disk), every coin is inhibited at once, a
``JOURNAL_FAILED`` alert goes out, nothing is paid out (a payout that cannot be journaled would
be paid again after a crash: what is owed goes on a refund slip), and the entries wait (synced
in the journal's reserve, see ``journal_writer``) until :meth:`PaymentLedger.retry_journal`
writes them (every ``journal_retry_s``); then ``JOURNAL_WRITABLE`` goes out. Entries a crash
left waiting in the reserve keep the journal failed from the start until they are written.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from datetime import datetime

from drivers.coin_acceptor.acceptor import CoinAcceptor
from drivers.coin_acceptor.errors import CoinMechError
from drivers.coin_acceptor.hopper import Hopper
from drivers.printer.slips import RefundSlip
from kiosk_app.payment.change import acceptable_coins
from kiosk_app.payment.journal import (
    EntryKind,
    JournalEntry,
    MoneyJournal,
    OwedRefund,
    PaymentState,
)
from kiosk_app.payment.journal_writer import JournalWriter
from kiosk_app.payment.outcomes import PaymentAlert, PaymentOutcome, PaymentUpdate
from kiosk_app.payment.payment_timer import PaymentTimer
from kiosk_app.payment.payout import ChangePayout
from kiosk_app.payment.reasons import AlertKind, EndingReason

log = logging.getLogger(__name__)


def ignore(_: object) -> None:
    """A listener that ignores what it is told (the default)."""


class PaymentLedger:
    """The shared state of the payment controller and the bookkeeping all its parts use."""

    #: Set by the controller: ends the open payment when no coin arrives in time.
    _timer: PaymentTimer

    def __init__(
        self,
        acceptor: CoinAcceptor,
        hoppers: Mapping[int, Hopper],
        journal: MoneyJournal,
        *,
        kiosk_id: str = "",
        on_update: Callable[[PaymentUpdate], None] = ignore,
        on_outcome: Callable[[PaymentOutcome], None] = ignore,
        on_alert: Callable[[PaymentAlert], None] = ignore,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        self.acceptor = acceptor
        self.journal = journal
        self.kiosk_id = kiosk_id
        self.on_update = on_update
        self.on_outcome = on_outcome
        self.on_alert = on_alert
        #: Seconds between tries to write the entries that wait while the journal fails.
        self.journal_retry_s = 10.0
        self._clock = clock
        self._lock = threading.RLock()
        self._writer = JournalWriter(journal)
        self._journal_failed = False
        self._retry_timer: threading.Timer | None = None
        self._payout = ChangePayout(hoppers, self._append)
        self._open: PaymentState | None = None
        #: The open payment's time-out (None: none).
        self._timeout_s: float | None = None
        self._delivering: dict[str, PaymentState] = {}
        self._notices: list[Callable[[], None]] = []
        self._stock_cache: dict[int, int] = {}
        self._resume_counter: int | None = None
        #: Refund slips of debts journaled before a crash, to print again at start-up.
        self.reprints: list[RefundSlip] = []
        if not self._writer.writable:  # entries a crash left in the reserve still wait
            self._journal_failed = True
            log.error("money journal entries wait from before a restart: issuance out of service")
            self._alert(AlertKind.JOURNAL_FAILED, "the money journal cannot be written")

    @property
    def hoppers(self) -> dict[int, Hopper]:
        """The change hoppers by coin value."""
        return self._payout.hoppers

    # --- journaling -----------------------------------------------------------------------

    def _append(
        self, state: PaymentState, kind: EntryKind, amount: int, detail: dict[str, object]
    ) -> JournalEntry:
        entry = self._writer.append(state.payment_id, kind, amount, detail)
        state.apply(entry)
        self._check_journal()
        return entry

    def _check_journal(self) -> None:
        """On the first entry the journal could not take: inhibit every coin, alert, retry."""
        if self._writer.writable or self._journal_failed:
            return
        self._journal_failed = True
        self._inhibit_all()
        log.error("money journal write failed: coins inhibited, issuance out of service")
        self._alert(AlertKind.JOURNAL_FAILED, "the money journal cannot be written")
        self._schedule_retry()

    @property
    def journal_writable(self) -> bool:
        """False from a failed journal write until everything that waited is written."""
        with self._lock:
            return not self._journal_failed

    def retry_journal(self) -> bool:
        """Write the entries that wait; True (and a ``JOURNAL_WRITABLE`` alert) when none
        waits any more."""
        with self._lock:
            if not self._journal_failed:
                return True
            if not self._writer.write_waiting():
                self._schedule_retry()
                return False
            self._journal_failed = False
            self._cancel_retry()
            log.warning("the money journal is written again: payments may open")
            self._alert(AlertKind.JOURNAL_WRITABLE, "the money journal is written again")
        self._flush()
        return True

    def _schedule_retry(self) -> None:
        self._cancel_retry()
        self._retry_timer = threading.Timer(self.journal_retry_s, self.retry_journal)
        self._retry_timer.daemon = True
        self._retry_timer.start()

    def _cancel_retry(self) -> None:
        timer, self._retry_timer = self._retry_timer, None
        if timer is not None:
            timer.cancel()

    # --- finishing, giving back, closing ---------------------------------------------------

    def _finish(self, state: PaymentState, *, completed: bool, reason: str) -> PaymentOutcome:
        """End the open payment: paid (the fee charged) or not; give back what is owed."""
        self._timer.cancel()
        self._open = None
        self._inhibit_all()
        if completed:
            self._append(
                state,
                EntryKind.FEE,
                state.due_yen,
                {"reference": state.reference, "certificate_types": state.certificate_types},
            )
            if self._journal_failed:  # nothing may be delivered that the journal cannot show
                completed, reason = False, EndingReason.JOURNAL_FAILED
                self._append(state, EntryKind.FEE_VOIDED, state.due_yen, {"reason": reason})
            elif state.awaits_delivery:
                self._delivering[state.reference] = state
                slip = self._give_back(state, reason)
                return self._notify_outcome(self._outcome_of(state, True, reason, slip))
        return self._notify_outcome(self._close_out(state, completed=completed, reason=reason))

    def _close_out(
        self, state: PaymentState, *, completed: bool, reason: str, pay_out: bool = True
    ) -> PaymentOutcome:
        slip = self._give_back(state, reason, pay_out)
        self._append(state, EntryKind.CLOSED, 0, {"reason": reason})
        return self._outcome_of(state, completed, reason, slip)

    def _give_back(
        self, state: PaymentState, reason: str, pay_out: bool = True
    ) -> RefundSlip | None:
        """Pay out what the kiosk owes on this payment; a refund owed (slip) for the rest.

        Nothing is paid out while the journal cannot be written: it is all owed.
        """
        if self._journal_failed:
            pay_out, reason = False, EndingReason.JOURNAL_FAILED
        owed = state.owed_yen
        if owed > 0 and pay_out:
            self._payout.pay_out(state, owed)
        if state.owed_yen <= 0:
            return None
        owed_reason = EndingReason.CHANGE_UNAVAILABLE if pay_out else reason
        if self._journal_failed:  # (it may have failed during the payout)
            owed_reason = EndingReason.JOURNAL_FAILED
        detail: dict[str, object] = {"reason": owed_reason}
        if not self._writer.writable:  # its number cannot come from the journal
            detail["slip"] = f"{self.kiosk_id or 'KIOSK'}-{state.payment_id[:8].upper()}"
        self._append(state, EntryKind.REFUND_OWED, state.owed_yen, detail)
        return self._slip_of(state, state.owed[-1])

    def _slip_of(self, state: PaymentState, owed: OwedRefund) -> RefundSlip:
        """The refund slip of one debt of ``state`` (its number: the journal's, or the one
        given while the journal failed)."""
        return RefundSlip(
            slip_number=owed.slip or f"{self.kiosk_id or 'KIOSK'}-{owed.seq:08d}",
            kiosk_id=self.kiosk_id,
            reference=state.reference,
            issued_at=self._clock(),
            inserted_yen=state.credit_yen,
            fee_kept_yen=state.fee_yen,
            change_paid_yen=state.change_yen,
            refund_owed_yen=owed.amount_yen,
            reason=owed.reason,
        )

    @staticmethod
    def _outcome_of(
        state: PaymentState, completed: bool, reason: str, slip: RefundSlip | None
    ) -> PaymentOutcome:
        return PaymentOutcome(
            reference=state.reference,
            completed=completed,
            inserted_yen=state.credit_yen,
            fee_kept_yen=state.fee_yen,
            change_paid_yen=state.change_yen,
            refund_owed_yen=state.refund_owed_yen,
            refund_slip=slip,
            reason=reason,
        )

    # --- the coin slot ----------------------------------------------------------------------

    def _apply_inhibits(self, state: PaymentState) -> None:
        """Accept only the coins the rest of the fee and the hoppers' change allow."""
        remaining = state.due_yen - state.credit_yen
        values = {c.value_yen for c in self.acceptor.coins.values() if c.value_yen is not None}
        try:
            accepted = acceptable_coins(remaining, values, self._stock_cache)
            self.acceptor.set_accepted_values(accepted)
        except CoinMechError as exc:
            log.error("could not set the coin inhibits: %s", exc)
            self._alert(AlertKind.ACCEPTOR_UNAVAILABLE, f"could not set the inhibits: {exc}")

    def _inhibit_all(self) -> None:
        try:
            self.acceptor.set_accepted_values(())
        except CoinMechError as exc:
            log.error("could not inhibit the coin acceptor: %s", exc)

    # --- telling the listeners --------------------------------------------------------------

    def _alert(self, kind: AlertKind, message: str, missed_events: int = 0) -> None:
        alert = PaymentAlert(kind, message, missed_events)
        self._notices.append(lambda: self.on_alert(alert))

    def _notify_outcome(self, outcome: PaymentOutcome) -> PaymentOutcome:
        self._notices.append(lambda: self.on_outcome(outcome))
        return outcome

    def _notify_update(self, state: PaymentState) -> None:
        update = self._update_of(state)
        self._notices.append(lambda: self.on_update(update))

    @staticmethod
    def _update_of(state: PaymentState) -> PaymentUpdate:
        return PaymentUpdate(
            state.due_yen, state.credit_yen, max(0, state.due_yen - state.credit_yen)
        )

    def _flush(self) -> None:
        """Tell the listeners, outside the lock, what was journaled."""
        with self._lock:
            notices, self._notices = self._notices, []
        for notice in notices:
            try:
                notice()
            except Exception:
                log.exception("payment listener failed")
