"""The alert each acceptor event that is not a coin of known value raises (if any)."""

from __future__ import annotations

from drivers.coin_acceptor.events import (
    AcceptorEvent,
    AcceptorOffline,
    AcceptorOnline,
    AcceptorReset,
    CoinRejected,
    CreditLost,
    UnknownCoinCredited,
)
from kiosk_app.payment.outcomes import PaymentAlert
from kiosk_app.payment.reasons import AlertKind


def alert_for(event: AcceptorEvent) -> PaymentAlert | None:
    """The alert for ``event``; None for a plain rejected coin (handed back, nothing to do)."""
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
        return PaymentAlert(AlertKind.UNKNOWN_COIN, f"credit for unknown position {event.position}")
    return PaymentAlert(
        AlertKind.FOREIGN_COIN, f"credit for a coin of no yen value: {event.coin.coin_id}"
    )
