"""The steps a session goes through, and the ways a session ends."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum


class Step(StrEnum):
    """One screen-sized stage of a session; every step has one screen."""

    HOME = "home"
    # a store kiosk: which municipality (住所地 or a picked 本籍地), before the card
    ROUTE = "route"
    ROUTE_LOADING = "route_loading"
    ROUTE_PREFECTURE = "route_prefecture"
    ROUTE_MUNICIPALITY = "route_municipality"
    # card + PIN, shared by issuance and registration
    PLACE_CARD = "place_card"
    READING_CARD = "reading_card"
    PIN = "pin"
    VERIFYING = "verifying"
    REMOVE_CARD = "remove_card"
    # issuance
    MENU = "menu"
    OPTIONS = "options"
    COPIES = "copies"
    CONFIRM = "confirm"
    DOWNLOADING = "downloading"
    PAYING = "paying"
    PRINTING = "printing"
    RECEIPT = "receipt"
    TAKE_ITEMS = "take_items"
    # usage registration (利用登録申請)
    REG_TOWN = "reg_town"
    REG_BANCHI = "reg_banchi"
    REG_READING = "reg_reading"
    REG_PHONE = "reg_phone"
    REG_BIRTH_DATE = "reg_birth_date"
    REG_CARD_EXPIRY = "reg_card_expiry"
    REG_SECURITY_CODE = "reg_security_code"
    REG_CONFIRM = "reg_confirm"
    REG_SUBMITTING = "reg_submitting"
    REG_DONE = "reg_done"
    # status check
    STATUS_ENTRY = "status_entry"
    STATUS_CHECKING = "status_checking"
    STATUS_RESULT = "status_result"
    # the A4 printer is asked whether it can print before anything else (no card, no money)
    CHECKING_PRINTER = "checking_printer"
    # a closing message (error, cancel, time-out) before home
    NOTICE = "notice"


#: Steps where the kiosk waits for the person to touch the screen (screen time-out + "more time?").
PERSON_STEPS = frozenset(
    {
        Step.PIN,
        Step.MENU,
        Step.OPTIONS,
        Step.COPIES,
        Step.CONFIRM,
        Step.REG_TOWN,
        Step.REG_BANCHI,
        Step.REG_READING,
        Step.REG_PHONE,
        Step.REG_BIRTH_DATE,
        Step.REG_CARD_EXPIRY,
        Step.REG_SECURITY_CODE,
        Step.REG_CONFIRM,
        Step.REG_DONE,
        Step.STATUS_ENTRY,
        Step.STATUS_RESULT,
        Step.PLACE_CARD,
        Step.ROUTE,
        Step.ROUTE_PREFECTURE,
        Step.ROUTE_MUNICIPALITY,
    }
)


class Ending(StrEnum):
    """How a session ended; every ending wipes the session."""

    SUCCESS = "success"
    CANCELLED = "cancelled"
    TIMED_OUT = "timed_out"
    ERROR = "error"
    CARD_REMOVED = "card_removed"


class NoticeKind(StrEnum):
    """What a closing or in-step message says (the screens translate it)."""

    CANCELLED = "cancelled"
    TIMED_OUT = "timed_out"
    CARD_REMOVED = "card_removed"
    NOT_MY_NUMBER_CARD = "not_my_number_card"
    CARD_ERROR = "card_error"
    WRONG_PIN = "wrong_pin"
    PIN_LOCKED = "pin_locked"
    NOT_ELIGIBLE = "not_eligible"
    SERVER_UNREACHABLE = "server_unreachable"
    REFUSED = "refused"
    PAPER_OUT = "paper_out"
    PRINTER_FAULT = "printer_fault"
    PAYMENT_FAULT = "payment_fault"
    NOT_FOUND = "not_found"


@dataclass(frozen=True)
class Notice:
    """A message to the person: what happened and (through the screen) what to do.

    ``before_payment``: the kiosk refused before taking any money (a printer that cannot print).
    A delivery cut short says how many copies came out of those ordered (``copies_ordered`` 0:
    not a delivery), the fee kept for them and the fee given back for the rest.
    """

    kind: NoticeKind
    reason_code: str | None = None
    refund_yen: int = 0
    returned_yen: int = 0
    take_card: bool = False
    before_payment: bool = False
    copies_out: int = 0
    copies_ordered: int = 0
    fee_kept_yen: int = 0
    fee_returned_yen: int = 0


def with_card(notice: Notice, card_on_reader: bool) -> Notice:
    """``notice``, also asking to take the card if it is still on the reader."""
    return replace(notice, take_card=True) if card_on_reader else notice


@dataclass(frozen=True)
class Timeout:
    """How long the current step waits, and whether a "more time?" prompt comes first."""

    seconds: float
    asks_more_time: bool
