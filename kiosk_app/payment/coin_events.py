"""What the payment controller does with each acceptor event: credit, alert, stray coin."""

from __future__ import annotations

import logging

from drivers.coin_acceptor.events import (
    AcceptorEvent,
    AcceptorReset,
    CoinCredited,
    CoinRejected,
    CreditLost,
    UnknownCoinCredited,
)
from kiosk_app.payment.acceptor_alerts import alert_for
from kiosk_app.payment.journal import EntryKind, MoneyJournal, PaymentState
from kiosk_app.payment.ledger import PaymentLedger
from kiosk_app.payment.reasons import STRAY_COIN_REFERENCE, AlertKind, EndingReason

log = logging.getLogger(__name__)


def _own_counter(event: AcceptorEvent) -> int | None:
    """The event counter an alert's event stands at; None where later events of the same
    poll may still come (lost credit) or there is none (offline, online)."""
    if isinstance(event, CoinRejected | UnknownCoinCredited | CoinCredited):
        return event.counter
    if isinstance(event, AcceptorReset):
        return 0
    return None


class CoinEvents(PaymentLedger):
    """Acceptor events, on the driver's polling thread: each journaled before anyone is told."""

    def handle_event(self, event: AcceptorEvent) -> None:
        """Process one acceptor event (the polling thread's callback)."""
        with self._lock:
            self._handle(event)
        self._flush()

    def _handle(self, event: AcceptorEvent) -> None:
        if isinstance(event, CoinCredited) and event.coin.value_yen is not None:
            self._on_coin(event, event.coin.value_yen)
            return
        alert = alert_for(event)
        if alert is None:
            return
        payment_id = self._open.payment_id if self._open is not None else "no-payment"
        kind = EntryKind.CREDIT_LOST if isinstance(event, CreditLost) else EntryKind.ALERT
        detail: dict[str, object] = {"alert": alert.kind.value, "missed": alert.missed_events}
        counter = _own_counter(event)
        if counter is not None:  # a restart resumes after it (not replayed as a new alert)
            detail |= {"counter": counter, "acceptor": self.acceptor.serial_number}
        self._writer.append(payment_id, kind, 0, detail)
        self._alert(alert.kind, alert.message, alert.missed_events)
        self._check_journal()

    def _on_coin(self, event: CoinCredited, value: int) -> None:
        state = self._open
        if state is None:
            self._on_stray_coin(event, value)
            return
        self._journal_coin(state, event, value)
        if self._journal_failed:
            self._finish(state, completed=False, reason=EndingReason.JOURNAL_FAILED)
            return
        self._timer.restart(state.payment_id, self._timeout_s)
        self._notify_update(state)
        if state.credit_yen < state.due_yen:
            self._apply_inhibits(state)
        else:
            self._finish(state, completed=True, reason=EndingReason.PAID)

    def _on_stray_coin(self, event: CoinCredited, value: int) -> None:
        """A coin credited with no payment open is journaled under its own payment, returned."""
        log.warning("a %d yen coin arrived with no payment open: returning it", value)
        state = PaymentState(MoneyJournal.new_payment_id())
        self._append(state, EntryKind.OPENED, 0, {"reference": STRAY_COIN_REFERENCE})
        self._journal_coin(state, event, value)
        self._alert(AlertKind.STRAY_COIN, f"{value} yen credited with no payment open")
        reason = EndingReason.NO_PAYMENT_OPEN
        self._notify_outcome(self._close_out(state, completed=False, reason=reason))

    def _journal_coin(self, state: PaymentState, event: CoinCredited, value: int) -> None:
        detail = {
            "position": event.coin.position,
            "coin_id": event.coin.coin_id,
            "counter": event.counter,
            "acceptor": self.acceptor.serial_number,
        }
        self._append(state, EntryKind.COIN, value, detail)
