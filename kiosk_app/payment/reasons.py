"""The names payments share across modules: alert kinds, ending reasons, the stray-coin reference.

They are ``StrEnum`` members: the journal and the logs keep their plain text values.
"""

from __future__ import annotations

from enum import StrEnum


class AlertKind(StrEnum):
    """What a :class:`~kiosk_app.payment.outcomes.PaymentAlert` is about."""

    CREDIT_LOST = "credit_lost"  # the acceptor lost events (coins may be uncounted)
    ACCEPTOR_RESET = "acceptor_reset"
    ACCEPTOR_ALARM = "acceptor_alarm"  # a jam, a coin on a string, ...
    ACCEPTOR_OFFLINE = "acceptor_offline"
    ACCEPTOR_ONLINE = "acceptor_online"
    ACCEPTOR_UNAVAILABLE = "acceptor_unavailable"  # the inhibits could not be set
    UNKNOWN_COIN = "unknown_coin"
    FOREIGN_COIN = "foreign_coin"
    STRAY_COIN = "stray_coin"  # a coin credited with no payment open
    JOURNAL_FAILED = "journal_failed"  # the money journal cannot be written (a full disk)
    JOURNAL_WRITABLE = "journal_writable"  # everything waiting is in the journal again


class EndingReason(StrEnum):
    """Why a payment (or the settlement of its delivery) ended; journaled and on slips."""

    PAID = "paid"
    CANCELLED = "cancelled"
    TIMEOUT = "timeout"
    NO_PAYMENT_OPEN = "no_payment_open"  # a stray coin, returned
    DELIVERED = "delivered"
    NOT_PRINTED = "not_printed"
    SESSION_ENDED = "session_ended"
    RESTART = "restart"  # settled at start-up after a crash
    CHANGE_UNAVAILABLE = "change_unavailable"  # a refund owed: the hoppers could not pay it
    JOURNAL_FAILED = "journal_failed"  # ended because the money journal cannot be written


#: The ``reference`` of the payment a stray coin is journaled under (it names no request).
STRAY_COIN_REFERENCE = "stray-coin"
