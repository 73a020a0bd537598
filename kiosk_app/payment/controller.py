"""The payment controller: one coin payment at a time, from opening to its time-out or end.

Qt-free. Its jobs live in their own modules: the shared journaling and giving back
(``ledger``), acceptor events and alerts (``coin_events``, ``acceptor_alerts``), the settlement
of a paid request's delivery (``delivery``), payouts (``payout``) and crash recovery
(``crash_recovery``). This module is the life cycle: start and stop polling, open, cancel,
the time-out, and refunds of fees already charged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime

from drivers.coin_acceptor.acceptor import CoinAcceptor
from drivers.coin_acceptor.errors import CoinMechError
from drivers.coin_acceptor.hopper import Hopper
from kiosk_app.payment.coin_events import CoinEvents
from kiosk_app.payment.crash_recovery import CrashRecovery
from kiosk_app.payment.journal import EntryKind, MoneyJournal, PaymentState
from kiosk_app.payment.ledger import ignore
from kiosk_app.payment.outcomes import PaymentAlert, PaymentError, PaymentOutcome, PaymentUpdate
from kiosk_app.payment.payment_timer import PaymentTimer
from kiosk_app.payment.reasons import EndingReason

log = logging.getLogger(__name__)


class PaymentController(CoinEvents, CrashRecovery):
    """Runs one coin payment at a time over an acceptor, change hoppers and the journal."""

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
        super().__init__(
            acceptor,
            hoppers,
            journal,
            kiosk_id=kiosk_id,
            on_update=on_update,
            on_outcome=on_outcome,
            on_alert=on_alert,
            clock=clock,
        )
        self._timer = PaymentTimer(self._on_timeout)

    # --- life cycle -----------------------------------------------------------------------

    def start(self) -> None:
        """Inhibit all coins and start polling the acceptor.

        After :meth:`settle_open_payments`, polling resumes from the event counter last
        journaled (a coin's, or where :meth:`stop` left it), so a coin credited by the mechanism
        just before a crash is still counted (and returned), whether a payment was open or not.
        """
        self.acceptor.set_accepted_values(())
        self.acceptor.start_polling(self.handle_event, last_counter=self._resume_counter)
        self._resume_counter = None

    def stop(self) -> None:
        """Stop polling (an open payment stays open in the journal), journal the acceptor's
        event counter if events came after the last coin (rejected coins: so that the next
        start does not take them for events it missed); a last try to write the entries that
        wait."""
        self.acceptor.stop_polling()
        self._timer.cancel()
        self._journal_polled_counter()
        if not self.retry_journal():
            log.error(
                "%d money journal entries could not be written before stopping: they wait in"
                " the journal's reserve for the next start (%d in memory only, lost)",
                self._writer.waiting,
                self._writer.in_memory_only,
            )
        self._cancel_retry()

    def _journal_polled_counter(self) -> None:
        serial, counter = self.acceptor.serial_number, self.acceptor.event_counter
        if serial is None or counter is None:
            return
        with self._lock:
            if counter != self._writer.last_event_counter(serial):
                detail = {"counter": counter, "acceptor": serial}
                self._writer.append("no-payment", EntryKind.POLLED, 0, detail)

    @property
    def current(self) -> PaymentUpdate | None:
        """The open payment's state, or None."""
        with self._lock:
            state = self._open
            return None if state is None else self._update_of(state)

    # --- the resident's payment -----------------------------------------------------------

    def open(
        self,
        amount_yen: int,
        reference: str,
        certificate_types: Iterable[str] = (),
        timeout_s: float | None = None,
        *,
        awaits_delivery: bool = False,
    ) -> None:
        """Start accepting coins for ``amount_yen`` (``reference`` is a request id).

        With ``timeout_s`` the payment is cancelled (credit returned) when no coin arrives for
        that long. With ``awaits_delivery`` a completed payment stays open in the journal
        ("delivery pending"): :meth:`record_delivery` keeps the fee of each copy as it comes
        out whole, :meth:`undelivered` closes it when the delivery ended; a restart before
        that gives back the fee of what was not delivered.
        """
        if amount_yen <= 0:
            raise PaymentError(f"amount must be positive, got {amount_yen}")
        with self._lock:
            if self._journal_failed:
                raise PaymentError("the money journal cannot be written")
            if self._open is not None:
                raise PaymentError("a payment is already open")
            if reference in self._delivering:
                raise PaymentError("a payment for this reference awaits its delivery")
            state = PaymentState(MoneyJournal.new_payment_id())
            detail: dict[str, object] = {
                "reference": reference,
                "certificate_types": list(certificate_types),
            }
            if awaits_delivery:
                detail["awaits_delivery"] = True
            self._append(state, EntryKind.OPENED, amount_yen, detail)
            failed = self._journal_failed
            if failed:  # closed at once: no coin was accepted
                self._close_out(state, completed=False, reason=EndingReason.JOURNAL_FAILED)
            else:
                self._open = state
                self._timeout_s = timeout_s
                self._timer.restart(state.payment_id, timeout_s)
                self._stock_cache = self._payout.stock()
                self._apply_inhibits(state)
                self._notify_update(state)
        self._flush()
        if failed:
            raise PaymentError("the money journal cannot be written")

    def cancel(self, reason: str = EndingReason.CANCELLED) -> PaymentOutcome | None:
        """Stop accepting coins and return all credit (refund owed for what cannot be paid).

        Returns None when no payment was open, or when a last coin completed it.
        """
        with self._lock:
            state = self._open
            outcome = None if state is None else self._cancel_open(state, reason)
        self._flush()
        return outcome

    def _on_timeout(self, payment_id: str) -> None:
        """The timer's thread: cancel the payment it was started for, if that one is still
        open; checked and cancelled in one hold of the lock (a payment that completed and a
        new one that opened meanwhile are left alone)."""
        with self._lock:
            state = self._open
            if state is not None and state.payment_id == payment_id:
                self._cancel_open(state, EndingReason.TIMEOUT)
        self._flush()

    def _cancel_open(self, state: PaymentState, reason: str) -> PaymentOutcome | None:
        """Inhibit, count a coin that was still on its way, then end ``state`` unpaid (None
        if that last coin completed it). The caller holds the lock."""
        self._inhibit_all()
        try:
            for event in self.acceptor.poll_once():
                self._handle(event)
        except CoinMechError as exc:
            log.warning("last poll before cancelling failed: %s", exc)
        if self._open is not state:
            return None
        return self._finish(state, completed=False, reason=reason)

    def refund(self, reference: str, amount_yen: int, reason: str) -> PaymentOutcome:
        """Give back a fee already charged (e.g. the certificate could not be printed).

        The outcome's ``fee_kept_yen`` is then negative: the fee given back. For a payment that
        awaits its delivery this settles it: ``amount_yen`` of its fee is voided, the rest
        counts as delivered, and the payment closes (see :meth:`undelivered`).
        """
        with self._lock:
            awaiting = self._delivering.get(reference)
            if awaiting is not None:
                settled = self._settle_delivery(awaiting, reason, void_yen=amount_yen)
            else:
                state = PaymentState(MoneyJournal.new_payment_id())
                self._append(state, EntryKind.OPENED, 0, {"reference": reference, "refund": True})
                self._append(state, EntryKind.FEE_VOIDED, amount_yen, {"reason": reason})
                settled = self._close_out(state, completed=False, reason=reason)
            outcome = self._notify_outcome(settled)
        self._flush()
        return outcome
