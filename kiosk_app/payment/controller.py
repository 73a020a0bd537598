"""The payment controller: accepts coins for one payment, pays change, records refunds owed.

Qt-free. Acceptor events arrive on the driver's polling thread; every money event is
journaled (and synced) before any listener is told. The kiosk wraps the callbacks in
queued Qt signals.

When the journal cannot be written (a full disk), every coin is inhibited at once, a
``JOURNAL_FAILED`` alert goes out, the open payment ends with all its credit owed on a refund
slip (no payout: a payout that cannot be journaled would be paid again after a crash), and no
payment opens until the entries that waited are written (retried every
``journal_retry_s``, and when polling stops); then ``JOURNAL_WRITABLE`` goes out.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from drivers.coin_acceptor.acceptor import CoinAcceptor
from drivers.coin_acceptor.errors import CoinMechError
from drivers.coin_acceptor.events import (
    AcceptorEvent,
    AcceptorOffline,
    AcceptorOnline,
    AcceptorReset,
    CoinCredited,
    CoinRejected,
    CreditLost,
    UnknownCoinCredited,
)
from drivers.coin_acceptor.hopper import Hopper, dispense_outcome
from drivers.printer.slips import RefundSlip
from kiosk_app.payment.change import acceptable_coins, plan_payout
from kiosk_app.payment.journal import (
    EntryKind,
    JournalEntry,
    MoneyJournal,
    PaymentState,
    PendingPayout,
)
from kiosk_app.payment.journal_writer import JournalWriter
from kiosk_app.payment.reasons import STRAY_COIN_REFERENCE, AlertKind, EndingReason

_log = logging.getLogger(__name__)


class PaymentError(Exception):
    """A payment request that cannot be carried out (already open, bad amount)."""


@dataclass(frozen=True)
class PaymentUpdate:
    """The state of the open payment, after a coin was journaled."""

    due_yen: int
    credit_yen: int
    remaining_yen: int


@dataclass(frozen=True)
class PaymentOutcome:
    """How a payment ended, over the whole payment: ``inserted_yen`` (coins put in) =
    ``fee_kept_yen`` (0 when cancelled) + ``change_paid_yen`` (coins paid back: change or
    returned credit) + ``refund_owed_yen`` (owed on the ``refund_slip``). When a delivery is
    settled (:meth:`PaymentController.delivered`, :meth:`~PaymentController.undelivered`, a
    restart), ``voided_yen`` is the fee given back by that settlement, ``given_back_yen`` the
    coins it paid out, and ``delivered_documents`` the documents whose fee was kept.
    """

    reference: str
    completed: bool
    inserted_yen: int
    fee_kept_yen: int
    change_paid_yen: int
    refund_owed_yen: int
    refund_slip: RefundSlip | None
    reason: str
    voided_yen: int = 0
    given_back_yen: int = 0
    delivered_documents: tuple[str, ...] = ()


@dataclass(frozen=True)
class PaymentAlert:
    """Something staff or the resident must know: lost credit, a jam, a reset, a fault."""

    kind: AlertKind
    message: str
    missed_events: int = 0


def _noop(_: object) -> None:
    """Default listener."""


class PaymentController:
    """Runs one coin payment at a time over an acceptor, change hoppers and the journal."""

    def __init__(
        self,
        acceptor: CoinAcceptor,
        hoppers: Mapping[int, Hopper],
        journal: MoneyJournal,
        *,
        kiosk_id: str = "",
        on_update: Callable[[PaymentUpdate], None] = _noop,
        on_outcome: Callable[[PaymentOutcome], None] = _noop,
        on_alert: Callable[[PaymentAlert], None] = _noop,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        self.acceptor = acceptor
        self.hoppers = dict(hoppers)
        self.journal = journal
        self.kiosk_id = kiosk_id
        #: Seconds between tries to write the entries that wait while the journal fails.
        self.journal_retry_s = 10.0
        self._writer = JournalWriter(journal)
        self._journal_failed = False
        self._retry_timer: threading.Timer | None = None
        self.on_update = on_update
        self.on_outcome = on_outcome
        self.on_alert = on_alert
        self._clock = clock
        self._lock = threading.RLock()
        self._open: PaymentState | None = None
        self._delivering: dict[str, PaymentState] = {}
        self._timer: threading.Timer | None = None
        self._timeout_s: float | None = None
        self._notices: list[Callable[[], None]] = []
        self._stock_cache: dict[int, int] = {}
        self._resume_counter: int | None = None

    # --- life cycle -----------------------------------------------------------------------

    def start(self) -> None:
        """Inhibit all coins and start polling the acceptor.

        After :meth:`settle_open_payments` found an interrupted payment, polling resumes from
        the event counter of the last coin journaled, so a coin credited by the mechanism
        just before the crash is still counted (and returned).
        """
        self.acceptor.set_accepted_values(())
        self.acceptor.start_polling(self.handle_event, last_counter=self._resume_counter)
        self._resume_counter = None

    def stop(self) -> None:
        """Stop polling (an open payment stays open in the journal); a last try to write
        the entries that wait."""
        self.acceptor.stop_polling()
        self._cancel_timer()
        if not self.retry_journal():
            _log.error(
                "%d money journal entries could not be written before stopping",
                self._writer.waiting,
            )
        self._cancel_retry()

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
            _log.warning("the money journal is written again: payments may open")
            self._alert(AlertKind.JOURNAL_WRITABLE, "the money journal is written again")
        self._flush()
        return True

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
        ("delivery pending") until :meth:`delivered` or :meth:`undelivered` tells how the
        delivery ended; a restart before that gives back the fee of what was not delivered.
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
                self._restart_timer()
                self._stock_cache = self._stock()
                self._apply_inhibits(state)
                self._notify_update(state)
        self._flush()
        if failed:
            raise PaymentError("the money journal cannot be written")

    def cancel(self, reason: str = EndingReason.CANCELLED) -> PaymentOutcome | None:
        """Stop accepting coins and return all credit (refund owed for what cannot be paid).

        Returns None when no payment was open, or when a last coin completed it.
        """
        outcome: PaymentOutcome | None = None
        with self._lock:
            state = self._open
            if state is not None:
                self._inhibit_all()
                try:
                    for event in self.acceptor.poll_once():
                        self._handle(event)
                except CoinMechError as exc:
                    _log.warning("last poll before cancelling failed: %s", exc)
                if self._open is state:
                    outcome = self._finish(state, completed=False, reason=reason)
        self._flush()
        return outcome

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
                outcome = self._notify_outcome(settled)
                self._flush()
                return outcome
            state = PaymentState(MoneyJournal.new_payment_id())
            self._append(state, EntryKind.OPENED, 0, {"reference": reference, "refund": True})
            self._append(state, EntryKind.FEE_VOIDED, amount_yen, {"reason": reason})
            outcome = self._notify_outcome(self._close_out(state, completed=False, reason=reason))
        self._flush()
        return outcome

    # --- delivery of a paid request -----------------------------------------------------------

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

    # --- start-up ---------------------------------------------------------------------------

    def settle_open_payments(self, pay_out: bool = True) -> list[PaymentOutcome]:
        """Finish payments a crash left open: resolve interrupted payouts, give the money back.

        A payment still open never reached its delivery outcome: the fee of every document
        not journaled as delivered is voided (all of it when none was). With ``pay_out`` the
        hoppers return the money; the rest (or all of it) is recorded as a refund owed with a
        slip. The outcomes name the request (``reference``) and the documents delivered, for
        the report to the server.
        """
        outcomes: list[PaymentOutcome] = []
        with self._lock:
            interrupted = self.journal.open_payments()
            serial = self.acceptor.serial_number
            if interrupted and serial is not None:
                self._resume_counter = self.journal.last_coin_counter(serial)
            for state in interrupted:
                for pending in list(state.pending.values()):
                    self._resolve_pending(state, pending)
                outcome = self._settle_delivery(state, EndingReason.RESTART, pay_out=pay_out)
                _log.warning(
                    "settled an interrupted payment: %d yen returned, %d yen owed",
                    outcome.change_paid_yen,
                    outcome.refund_owed_yen,
                )
                outcomes.append(outcome)
        return outcomes

    # --- acceptor events --------------------------------------------------------------------

    def handle_event(self, event: AcceptorEvent) -> None:
        """Process one acceptor event (the polling thread's callback)."""
        with self._lock:
            self._handle(event)
        self._flush()

    def _handle(self, event: AcceptorEvent) -> None:
        if isinstance(event, CoinCredited) and event.coin.value_yen is not None:
            self._on_coin(event, event.coin.value_yen)
            return
        alert = self._alert_for(event)
        if alert is None:
            return
        payment_id = self._open.payment_id if self._open is not None else "no-payment"
        kind = EntryKind.CREDIT_LOST if isinstance(event, CreditLost) else EntryKind.ALERT
        self._writer.append(
            payment_id, kind, 0, {"alert": alert.kind.value, "missed": alert.missed_events}
        )
        self._notices.append(lambda: self.on_alert(alert))
        self._check_journal()

    @staticmethod
    def _alert_for(event: AcceptorEvent) -> PaymentAlert | None:
        if isinstance(event, CreditLost):
            return PaymentAlert(
                AlertKind.CREDIT_LOST, f"{event.missed} acceptor events lost", event.missed
            )
        if isinstance(event, AcceptorReset):
            return PaymentAlert(AlertKind.ACCEPTOR_RESET, "the coin acceptor was reset")
        if isinstance(event, CoinRejected):
            return PaymentAlert(AlertKind.ACCEPTOR_ALARM, event.reason) if event.alarm else None
        if isinstance(event, AcceptorOffline):
            return PaymentAlert(AlertKind.ACCEPTOR_OFFLINE, event.reason)
        if isinstance(event, AcceptorOnline):
            return PaymentAlert(AlertKind.ACCEPTOR_ONLINE, "the coin acceptor answers again")
        if isinstance(event, UnknownCoinCredited):
            return PaymentAlert(
                AlertKind.UNKNOWN_COIN, f"credit for unknown position {event.position}"
            )
        return PaymentAlert(
            AlertKind.FOREIGN_COIN, f"credit for a coin of no yen value: {event.coin.coin_id}"
        )

    def _on_coin(self, event: CoinCredited, value: int) -> None:
        state = self._open
        if state is None:
            _log.warning("a %d yen coin arrived with no payment open: returning it", value)
            state = PaymentState(MoneyJournal.new_payment_id())
            self._append(state, EntryKind.OPENED, 0, {"reference": STRAY_COIN_REFERENCE})
            self._journal_coin(state, event, value)
            self._alert(AlertKind.STRAY_COIN, f"{value} yen credited with no payment open")
            reason = EndingReason.NO_PAYMENT_OPEN
            self._notify_outcome(self._close_out(state, completed=False, reason=reason))
            return
        self._journal_coin(state, event, value)
        if self._journal_failed:
            self._finish(state, completed=False, reason=EndingReason.JOURNAL_FAILED)
            return
        self._restart_timer()
        self._notify_update(state)
        if state.credit_yen < state.due_yen:
            self._apply_inhibits(state)
        else:
            self._finish(state, completed=True, reason=EndingReason.PAID)

    def _journal_coin(self, state: PaymentState, event: CoinCredited, value: int) -> None:
        detail = {
            "position": event.coin.position,
            "coin_id": event.coin.coin_id,
            "counter": event.counter,
            "acceptor": self.acceptor.serial_number,
        }
        self._append(state, EntryKind.COIN, value, detail)

    # --- finishing and paying out -------------------------------------------------------------

    def _finish(self, state: PaymentState, *, completed: bool, reason: str) -> PaymentOutcome:
        self._cancel_timer()
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
            self._pay_out(state, owed)
        slip: RefundSlip | None = None
        if state.owed_yen > 0:
            owed_reason = EndingReason.CHANGE_UNAVAILABLE if pay_out else reason
            detail: dict[str, object] = {"reason": owed_reason}
            if not self._writer.writable:  # its number cannot come from the journal
                detail["slip"] = f"{self.kiosk_id or 'KIOSK'}-{state.payment_id[:8].upper()}"
            entry = self._append(state, EntryKind.REFUND_OWED, state.owed_yen, detail)
            slip = RefundSlip(
                slip_number=str(detail.get("slip", f"{self.kiosk_id or 'KIOSK'}-{entry.seq:08d}")),
                kiosk_id=self.kiosk_id,
                reference=state.reference,
                issued_at=self._clock(),
                inserted_yen=state.credit_yen,
                fee_kept_yen=state.fee_yen,
                change_paid_yen=state.change_yen,
                refund_owed_yen=entry.amount_yen,
                reason=owed_reason,
            )
        return slip

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

    def _notify_outcome(self, outcome: PaymentOutcome) -> PaymentOutcome:
        self._notices.append(lambda: self.on_outcome(outcome))
        return outcome

    def _pay_out(self, state: PaymentState, amount: int) -> None:
        """Dispense up to ``amount`` yen, journaling each hopper's start and result."""
        failed: set[int] = set()
        target = state.change_yen + amount
        while state.change_yen < target:
            plan = plan_payout(target - state.change_yen, self._stock(exclude=failed))
            if not plan:
                return
            for coin_yen, count in sorted(plan.items(), reverse=True):
                if not self._dispense(state, self.hoppers[coin_yen], count):
                    failed.add(coin_yen)

    def _dispense(self, state: PaymentState, hopper: Hopper, count: int) -> bool:
        """One hopper's share; False if the hopper paid less than asked (empty or faulty)."""
        try:
            before = hopper.status()
        except CoinMechError as exc:
            _log.error("hopper %d yen unavailable: %s", hopper.coin_yen, exc)
            return False
        started = self._append(
            state,
            EntryKind.PAYOUT_STARTED,
            hopper.coin_yen * count,
            {"coin_yen": hopper.coin_yen, "count": count, "counter": before.event_counter},
        )
        try:
            result = hopper.dispense(count, before)
        except CoinMechError as exc:
            _log.error("payout of %d x %d yen unverified: %s", count, hopper.coin_yen, exc)
            self._record_change(state, started.seq, hopper.coin_yen, 0, count, unverified=True)
            return False
        self._record_change(state, started.seq, hopper.coin_yen, result.paid, result.unpaid)
        return result.unpaid == 0

    def _resolve_pending(self, state: PaymentState, pending: PendingPayout) -> None:
        """After a crash during a payout: ask the hopper how it ended."""
        hopper = self.hoppers.get(pending.coin_yen)
        paid: int | None = None
        if hopper is not None:
            try:
                result = dispense_outcome(pending.hopper_counter, pending.count, hopper.status())
                if result is None:
                    result = hopper.wait_for_payout(pending.hopper_counter, pending.count)
                paid = result.paid
            except CoinMechError as exc:
                _log.error("interrupted payout cannot be verified: %s", exc)
        unpaid = pending.count - (paid or 0)
        self._record_change(
            state, pending.seq, pending.coin_yen, paid or 0, unpaid, unverified=paid is None
        )

    def _record_change(
        self,
        state: PaymentState,
        started: int,
        coin_yen: int,
        paid: int,
        unpaid: int,
        *,
        unverified: bool = False,
    ) -> None:
        detail: dict[str, object] = {
            "coin_yen": coin_yen,
            "count": paid,
            "unpaid": unpaid,
            "started": started,
        }
        if unverified:
            detail["unverified"] = True
        self._append(state, EntryKind.CHANGE, coin_yen * paid, detail)

    # --- helpers ------------------------------------------------------------------------------

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
        _log.error("money journal write failed: coins inhibited, issuance out of service")
        self._alert(AlertKind.JOURNAL_FAILED, "the money journal cannot be written")
        self._schedule_retry()

    def _alert(self, kind: AlertKind, message: str) -> None:
        alert = PaymentAlert(kind, message)
        self._notices.append(lambda: self.on_alert(alert))

    def _schedule_retry(self) -> None:
        self._cancel_retry()
        self._retry_timer = threading.Timer(self.journal_retry_s, self.retry_journal)
        self._retry_timer.daemon = True
        self._retry_timer.start()

    def _cancel_retry(self) -> None:
        timer, self._retry_timer = self._retry_timer, None
        if timer is not None:
            timer.cancel()

    def _stock(self, exclude: Iterable[int] = ()) -> dict[int, int]:
        skip = set(exclude)
        stock: dict[int, int] = {}
        for coin_yen, hopper in self.hoppers.items():
            if coin_yen in skip:
                continue
            try:
                stock[coin_yen] = hopper.coin_stock()
            except CoinMechError as exc:
                _log.error("hopper %d yen unavailable: %s", coin_yen, exc)
        return stock

    def _apply_inhibits(self, state: PaymentState) -> None:
        remaining = state.due_yen - state.credit_yen
        values = {c.value_yen for c in self.acceptor.coins.values() if c.value_yen is not None}
        try:
            accepted = acceptable_coins(remaining, values, self._stock_cache)
            self.acceptor.set_accepted_values(accepted)
        except CoinMechError as exc:
            _log.error("could not set the coin inhibits: %s", exc)
            self._alert(AlertKind.ACCEPTOR_UNAVAILABLE, f"could not set the inhibits: {exc}")

    def _inhibit_all(self) -> None:
        try:
            self.acceptor.set_accepted_values(())
        except CoinMechError as exc:
            _log.error("could not inhibit the coin acceptor: %s", exc)

    def _notify_update(self, state: PaymentState) -> None:
        update = self._update_of(state)
        self._notices.append(lambda: self.on_update(update))

    def _flush(self) -> None:
        """Tell the listeners, outside the lock, what was journaled."""
        with self._lock:
            notices, self._notices = self._notices, []
        for notice in notices:
            try:
                notice()
            except Exception:
                _log.exception("payment listener failed")

    @staticmethod
    def _update_of(state: PaymentState) -> PaymentUpdate:
        return PaymentUpdate(
            state.due_yen, state.credit_yen, max(0, state.due_yen - state.credit_yen)
        )

    def _restart_timer(self) -> None:
        self._cancel_timer()
        if self._timeout_s is not None and self._open is not None:
            self._timer = threading.Timer(
                self._timeout_s, self._on_timeout, (self._open.payment_id,)
            )
            self._timer.daemon = True
            self._timer.start()

    def _cancel_timer(self) -> None:
        timer, self._timer = self._timer, None
        if timer is not None:
            timer.cancel()

    def _on_timeout(self, payment_id: str) -> None:
        with self._lock:
            if self._open is None or self._open.payment_id != payment_id:
                return
        self.cancel(reason=EndingReason.TIMEOUT)
