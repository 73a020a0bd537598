"""What the payment controller reports: progress, how a payment ended, alerts, and refusals."""

from __future__ import annotations

from dataclasses import dataclass, field

from drivers.printer.slips import RefundSlip
from kiosk_app.payment.journal import DeliveredCopies
from kiosk_app.payment.reasons import AlertKind


class PaymentError(Exception):
    """A payment request that cannot be carried out (already open, bad amount, no journal)."""


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
    returned credit) + ``refund_owed_yen`` (owed on the ``refund_slip``).

    When a delivery is settled (:meth:`~kiosk_app.payment.controller.PaymentController.undelivered`,
    ``refund``, a restart), ``voided_yen`` is the fee given back by that settlement,
    ``given_back_yen`` the coins it paid out, and ``delivered`` the documents and copies that
    came out whole (whose fee was kept: the fee is per copy).
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
    delivered: DeliveredCopies = field(default_factory=DeliveredCopies)


@dataclass(frozen=True)
class PaymentAlert:
    """Something staff or the resident must know: lost credit, a jam, a reset, a fault."""

    kind: AlertKind
    message: str
    missed_events: int = 0
