"""What to tell the person for each driver or server failure (one ServiceError per failure)."""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec, TypeVar

from drivers.nfc.errors import (
    CardRemovedError,
    NfcError,
    NotMyNumberCardError,
    PinLockedError,
    WrongPinError,
)
from issuance_contract.errors import CenterError, CenterRefusedError
from kiosk_app.payment.outcomes import PaymentError
from kiosk_app.session.ports import ServiceError
from kiosk_app.session.steps import Notice, NoticeKind

P = ParamSpec("P")
R = TypeVar("R")

#: Server refusals that mean "this person may not (yet) get this here".
_NOT_ELIGIBLE = frozenset(
    {
        "under_15",
        "moved_out",
        "dv_protected",
        "deceased",
        "revoked_certificate",
        "expired_certificate",
        "unknown_card",
    }
)


def classify(error: Exception) -> ServiceError:
    """The ServiceError (notice to show) for a driver or server exception."""
    if isinstance(error, ServiceError):
        return error
    if isinstance(error, WrongPinError):
        return ServiceError(Notice(NoticeKind.WRONG_PIN), tries_left=error.tries_left)
    if isinstance(error, PinLockedError):
        return ServiceError(Notice(NoticeKind.PIN_LOCKED, take_card=True))
    if isinstance(error, CardRemovedError):
        return ServiceError(Notice(NoticeKind.CARD_REMOVED))
    if isinstance(error, NotMyNumberCardError):
        return ServiceError(Notice(NoticeKind.NOT_MY_NUMBER_CARD, take_card=True))
    if isinstance(error, NfcError):
        return ServiceError(Notice(NoticeKind.CARD_ERROR, take_card=True))
    if isinstance(error, CenterRefusedError):
        kind = NoticeKind.NOT_ELIGIBLE if error.reason_code in _NOT_ELIGIBLE else NoticeKind.REFUSED
        return ServiceError(Notice(kind, reason_code=error.reason_code))
    if isinstance(error, PaymentError):  # e.g. the money journal cannot be written
        return ServiceError(Notice(NoticeKind.PAYMENT_FAULT, before_payment=True))
    if isinstance(error, CenterError):
        return ServiceError(Notice(NoticeKind.SERVER_UNREACHABLE))
    return ServiceError(Notice(NoticeKind.SERVER_UNREACHABLE))


def classified(method: Callable[P, R]) -> Callable[P, R]:
    """Turn any driver or server failure of ``method`` into a ServiceError (what to tell the
    person)."""

    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except Exception as exc:
            raise classify(exc) from exc

    wrapper.__doc__ = method.__doc__
    return wrapper
