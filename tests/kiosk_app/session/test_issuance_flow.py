"""The issuance state machine, driven without widgets or devices."""

from __future__ import annotations

import threading

import pytest

from issuance_contract.certificates import CertificateType
from issuance_contract.logging_setup import MASK, SESSION_SECRETS, redact
from kiosk_app.session.issuance import IssuanceFlow
from kiosk_app.session.model import PaymentProgress, PaymentResult
from kiosk_app.session.steps import Ending, NoticeKind, Step
from kiosk_app.voice.prompts import Prompt
from tests.kiosk_app.session.conftest import Harness, step_of
from tests.kiosk_app.session.fakes import MEMBERS, PIN


def authenticate(h: Harness, pin: str = PIN) -> IssuanceFlow:
    flow = h.kiosk.start_issuance()
    assert step_of(flow) is Step.CHECKING_PRINTER
    h.wait_step(Step.PLACE_CARD)
    h.kiosk.card_inserted()
    h.wait_step(Step.PIN)
    type_pin(flow, pin)
    return flow


def type_pin(flow: IssuanceFlow, pin: str) -> None:
    for digit in pin:
        flow.press_digit(digit)
    flow.submit_pin()


def to_menu(h: Harness) -> IssuanceFlow:
    flow = authenticate(h)
    h.wait_step(Step.REMOVE_CARD)
    h.kiosk.card_removed()
    assert step_of(flow) is Step.MENU
    return flow


def order_juminhyo(h: Harness, copies: int = 2) -> IssuanceFlow:
    flow = to_menu(h)
    assert flow.choose(CertificateType.JUMINHYO)
    assert step_of(flow) is Step.OPTIONS
    assert flow.set_option("scope", "household")
    assert not flow.set_option("scope", "everyone")
    flow.options_done()
    assert flow.set_copies(copies)
    assert not flow.set_copies(11)
    flow.copies_done()
    assert step_of(flow) is Step.CONFIRM
    assert flow.total_yen == 200 * copies
    flow.confirm()
    h.wait_step(Step.PAYING)
    return flow


def test_full_issuance_ends_home_wiped(harness: Harness) -> None:
    h = harness
    flow = order_juminhyo(h)
    h.wait_calls("open_payment 400 R1")
    h.kiosk.payment_updated(PaymentProgress(400, 500, 0))
    assert flow.data.payment.credit_yen == 500
    h.kiosk.payment_finished(
        PaymentResult(inserted_yen=500, fee_kept_yen=400, change_paid_yen=100, refund_owed_yen=0)
    )
    h.wait_step(Step.TAKE_ITEMS)
    assert flow.data.sheets_done == flow.data.sheets_total == 2
    assert h.services.reported == [("R1", {"D0": 2}, 400)]
    assert "print_receipt 400" in h.services.calls
    assert flow.data.issuance is not None
    assert all(d.pdf == b"" for d in flow.data.issuance.documents)
    flow.acknowledge()
    assert h.kiosk.step is Step.HOME
    assert h.homes == [Ending.SUCCESS]
    assert flow.data.issuance is None
    assert flow.data.token is None
    assert not flow.data.basket
    assert h.kiosk.flow is None
    assert h.voice.prompts() == [
        "place_card",
        "enter_pin",
        "remove_card",
        "choose_certificate",
        "confirm",
        "insert_coins",
        "printing",
        "take_certificates",
        "take_change",
        "thank_you",
    ]
    h.wait_calls("end_session")
    h.wait_calls("purge_print_spool")
    assert not any(c.startswith("cancel_request") for c in h.services.calls)


def test_pin_is_zeroed_after_use(harness: Harness) -> None:
    flow = authenticate(harness)
    harness.wait_step(Step.REMOVE_CARD)
    assert flow.data.pin.is_zeroed()
    assert harness.services.pins_seen == [bytearray(4)]


def test_wrong_pin_shows_tries_and_warns_before_last(harness: Harness) -> None:
    h = harness
    flow = authenticate(h, "0000")
    h.wait_step(Step.PIN)
    h.executor.pump(lambda: flow.data.tries_left == 2)
    assert flow.data.pin_error is not None
    assert flow.data.pin_error.kind is NoticeKind.WRONG_PIN
    assert not flow.last_try_warning
    type_pin(flow, "1111")
    h.executor.pump(lambda: flow.data.tries_left == 1)
    assert step_of(flow) is Step.PIN
    assert flow.last_try_warning
    type_pin(flow, "2222")
    h.wait_step(Step.NOTICE)
    assert flow.ending is Ending.ERROR
    assert flow.data.notice is not None
    assert flow.data.notice.kind is NoticeKind.PIN_LOCKED
    assert flow.data.notice.take_card
    flow.acknowledge()
    assert h.homes == [Ending.ERROR]


def test_locked_card_is_refused_before_pin(harness: Harness) -> None:
    harness.services.tries_left = 0
    flow = harness.kiosk.start_issuance()
    harness.kiosk.card_inserted()
    harness.wait_step(Step.NOTICE)
    assert flow.data.notice is not None
    assert flow.data.notice.kind is NoticeKind.PIN_LOCKED


def test_keypad_takes_only_four_digits(harness: Harness) -> None:
    flow = harness.kiosk.start_issuance()
    harness.kiosk.card_inserted()
    harness.wait_step(Step.PIN)
    for key in "12a345":
        flow.press_digit(key)
    assert flow.data.pin.count == 4
    flow.backspace()
    assert flow.data.pin.count == 3
    flow.submit_pin()
    assert step_of(flow) is Step.PIN
    flow.clear_pin()
    assert flow.data.pin.is_zeroed()


def test_card_removed_early_ends_session(harness: Harness) -> None:
    flow = harness.kiosk.start_issuance()
    harness.kiosk.card_inserted()
    harness.wait_step(Step.PIN)
    flow.press_digit("1")
    harness.kiosk.card_removed()
    assert flow.ending is Ending.CARD_REMOVED
    assert flow.data.pin.is_zeroed()
    assert flow.data.notice is not None
    assert flow.data.notice.kind is NoticeKind.CARD_REMOVED


def test_not_eligible_offer_cannot_be_chosen(harness: Harness) -> None:
    flow = to_menu(harness)
    fuhyo = next(o for o in flow.data.offers if o.certificate_type is CertificateType.FUHYO)
    assert not fuhyo.available
    assert fuhyo.reason_code == "outside_hours"
    assert not flow.choose(CertificateType.FUHYO)
    assert step_of(flow) is Step.MENU
    assert flow.choose(CertificateType.INKAN)
    assert step_of(flow) is Step.COPIES  # 印鑑登録証明書 has no options


def test_selected_scope_needs_members(harness: Harness) -> None:
    flow = to_menu(harness)
    flow.choose(CertificateType.JUMINHYO)
    assert flow.set_option("individual_number", True)
    assert flow.set_option("scope", "selected")
    assert flow.members_missing
    assert not flow.options_done()
    assert not flow.toggle_member("P9")
    assert flow.toggle_member("P2")
    assert flow.options_done()
    flow.copies_done()
    line = flow.data.basket[0]
    assert line.members == ["P2"]
    assert line.options == {
        "scope": "selected",
        "honseki": False,
        "head_relation": True,
        "individual_number": True,
    }


def test_basket_merges_and_removes(harness: Harness) -> None:
    flow = to_menu(harness)
    for _ in range(2):
        flow.choose(CertificateType.INKAN)
        flow.copies_done()
        flow.add_more()
    flow.choose(CertificateType.KOSEKI_ZENBU)
    flow.copies_done()
    assert [(ln.certificate_type, ln.copies) for ln in flow.data.basket] == [
        (CertificateType.INKAN, 2),
        (CertificateType.KOSEKI_ZENBU, 1),
    ]
    assert flow.total_yen == 850
    flow.remove_line(0)
    flow.remove_line(0)
    assert step_of(flow) is Step.MENU


def test_cancel_while_paying_gives_back_and_cancels_request(harness: Harness) -> None:
    h = harness
    flow = order_juminhyo(h, copies=1)
    h.kiosk.payment_updated(PaymentProgress(200, 100, 100))
    flow.cancel()
    h.wait_calls("cancel_payment")
    assert flow.cancelling_payment
    assert step_of(flow) is Step.PAYING
    h.kiosk.payment_finished(
        PaymentResult(inserted_yen=100, fee_kept_yen=0, change_paid_yen=100, refund_owed_yen=0)
    )
    assert flow.ending is Ending.CANCELLED
    h.wait_calls("cancel_request R1")
    assert h.services.reported == []


def test_payment_time_out_with_refund_slip(harness: Harness) -> None:
    h = harness
    flow = order_juminhyo(h, copies=1)
    flow.time_out()
    h.wait_calls("cancel_payment")
    slip = object()
    h.kiosk.payment_finished(PaymentResult(100, 0, 0, 100, refund_slip=slip))
    assert flow.ending is Ending.TIMED_OUT
    assert flow.data.notice is not None
    assert flow.data.notice.refund_yen == 100
    h.wait_calls("print_refund_slip")


def test_paper_out_keeps_the_fee_of_the_copies_out_and_refunds_the_rest(harness: Harness) -> None:
    """The fee is per copy: of three copies (200 yen each) one came out whole before the paper
    ran out; its fee is kept and on a receipt, the other two are given back."""
    h = harness
    h.services.paper_out_after = 1
    flow = order_juminhyo(h, copies=3)
    h.kiosk.payment_finished(
        PaymentResult(inserted_yen=600, fee_kept_yen=600, change_paid_yen=0, refund_owed_yen=0)
    )
    h.wait_step(Step.NOTICE)
    assert flow.data.notice is not None
    assert flow.data.notice.kind is NoticeKind.PAPER_OUT
    assert flow.data.notice.refund_yen == 400
    notice = flow.data.notice
    told = (notice.copies_out, notice.copies_ordered, notice.fee_kept_yen, notice.fee_returned_yen)
    assert told == (1, 3, 200, 400)
    assert h.voice.played[-1][0] is Prompt.TAKE_REFUND_SLIP  # the slip first: money owed
    h.executor.pump(lambda: bool(h.services.refunds))
    assert h.services.refunds == [400]
    assert h.services.reported == [("R1", {"D0": 1}, 200)]
    h.wait_calls("print_receipt 200")


def test_paper_out_before_any_copy_refunds_everything(harness: Harness) -> None:
    h = harness
    h.services.paper_out_after = 0
    flow = order_juminhyo(h, copies=2)
    h.kiosk.payment_finished(
        PaymentResult(inserted_yen=400, fee_kept_yen=400, change_paid_yen=0, refund_owed_yen=0)
    )
    h.wait_step(Step.NOTICE)
    assert flow.data.notice is not None
    assert flow.data.notice.refund_yen == 400
    h.executor.pump(lambda: bool(h.services.refunds))
    assert h.services.refunds == [400]
    assert h.services.reported == [("R1", {}, 0)]
    assert not any(call.startswith("print_receipt") for call in h.services.calls)


def test_server_unreachable(harness: Harness, caplog: pytest.LogCaptureFixture) -> None:
    harness.services.server_down = True
    flow = authenticate(harness)
    harness.wait_step(Step.NOTICE)
    assert flow.data.notice is not None
    assert flow.data.notice.kind is NoticeKind.SERVER_UNREACHABLE
    # Staff reading the journal see why the session ended, as the person was told.
    assert "step verifying failed: server_unreachable" in caplog.text


def test_more_time_prompt_then_time_out(harness: Harness, demo_config: object) -> None:
    flow = to_menu(harness)
    assert flow.timeout.asks_more_time
    flow.time_out()
    assert flow.data.asking_more_time
    assert step_of(flow) is Step.MENU
    flow.more_time()
    assert not flow.data.asking_more_time
    flow.time_out()
    flow.time_out()
    assert flow.ending is Ending.TIMED_OUT
    assert step_of(flow) is Step.NOTICE
    flow.time_out()
    assert harness.kiosk.step is Step.HOME
    assert harness.homes == [Ending.TIMED_OUT]


def test_remove_card_reminders_then_time_out(harness: Harness) -> None:
    flow = authenticate(harness)
    harness.wait_step(Step.REMOVE_CARD)
    for _ in range(3):
        flow.time_out()
        assert step_of(flow) is Step.REMOVE_CARD
    assert harness.voice.prompts().count(Prompt.REMOVE_CARD) == 4
    flow.time_out()
    assert flow.ending is Ending.TIMED_OUT


def test_take_items_reminders_then_home(harness: Harness) -> None:
    h = harness
    flow = order_juminhyo(h, copies=1)
    h.kiosk.payment_finished(PaymentResult(200, 200, 0, 0))
    h.wait_step(Step.TAKE_ITEMS)
    for _ in range(3):
        flow.time_out()
    assert h.voice.prompts()[-3:] == ["take_receipt", "take_certificates", "take_receipt"]
    flow.time_out()
    assert h.homes == [Ending.SUCCESS]


def test_late_issuance_after_cancel_is_cancelled(harness: Harness) -> None:
    h = harness
    gate = threading.Event()
    h.services.issue_gate = gate
    flow = to_menu(h)
    flow.choose(CertificateType.INKAN)
    flow.copies_done()
    flow.confirm()
    assert step_of(flow) is Step.DOWNLOADING
    h.wait_calls("issue")  # the printer was checked; the order is on its way
    flow.cancel()
    gate.set()
    h.wait_calls("cancel_request R1")
    assert flow.data.issuance is None


@pytest.mark.parametrize("secret", ["カソウタロウ"])
def test_session_secrets_are_forgotten(harness: Harness, secret: str) -> None:
    flow = to_menu(harness)
    flow.data.remember_secret(secret)
    assert secret in SESSION_SECRETS.snapshot()
    flow.cancel()
    assert SESSION_SECRETS.snapshot() == []


def test_names_in_the_offers_are_masked_in_logs_until_the_session_ends(harness: Harness) -> None:
    flow = to_menu(harness)
    assert {name for _, name in MEMBERS} <= set(SESSION_SECRETS.snapshot())
    masked = redact("member 架空　太郎 and 架空花子", SESSION_SECRETS.snapshot())
    assert masked == f"member {MASK} and {MASK}"
    flow.cancel()
    assert SESSION_SECRETS.snapshot() == []


def test_printing_overrun_cancels_the_job_and_keeps_waiting(harness: Harness) -> None:
    h = harness
    flow = order_juminhyo(h, copies=1)
    h.services.print_gate = threading.Event()
    h.kiosk.payment_finished(PaymentResult(200, 200, 0, 0))
    h.wait_step(Step.PRINTING)
    flow.time_out()
    h.wait_calls("purge_print_spool")
    assert step_of(flow) is Step.PRINTING
    h.services.print_gate.set()
    h.wait_step(Step.TAKE_ITEMS)


def test_late_authentication_ends_its_server_session(harness: Harness) -> None:
    h = harness
    h.services.auth_gate = threading.Event()
    flow = authenticate(h)
    assert step_of(flow) is Step.VERIFYING
    flow.cancel()
    h.services.auth_gate.set()
    h.wait_calls("end_session")


@pytest.mark.parametrize("problem", [NoticeKind.PAPER_OUT, NoticeKind.PRINTER_FAULT])
def test_printer_unable_before_the_card_is_read(harness: Harness, problem: NoticeKind) -> None:
    h = harness
    h.services.printer_problem = problem
    flow = h.kiosk.start_issuance()
    h.kiosk.card_inserted()
    h.wait_step(Step.NOTICE)
    assert flow.data.notice is not None
    assert flow.data.notice.kind is problem
    assert flow.data.notice.before_payment
    assert flow.data.notice.take_card  # the card was on the reader: take it back
    assert h.services.calls == ["check_printers"]  # no card read, no PIN, no server
    flow.acknowledge()
    assert h.homes == [Ending.ERROR]


def test_printer_unable_at_confirm_orders_nothing(harness: Harness) -> None:
    h = harness
    flow = to_menu(h)
    assert flow.choose(CertificateType.INKAN)
    flow.copies_done()
    h.services.printer_problem = NoticeKind.PAPER_OUT
    flow.confirm()
    h.wait_step(Step.NOTICE)
    assert flow.data.notice is not None
    assert flow.data.notice.kind is NoticeKind.PAPER_OUT
    assert flow.data.notice.before_payment
    h.wait_calls("end_session")
    calls = h.services.calls
    assert calls.count("check_printers") == 2  # at the start and at confirm
    assert "issue" not in calls
    assert not any(c.startswith(("open_payment", "cancel_")) for c in calls)
    flow.acknowledge()
    assert h.homes == [Ending.ERROR]


def test_printer_checked_before_every_order(harness: Harness) -> None:
    h = harness
    order_juminhyo(h)
    calls = h.services.calls
    assert calls.index("check_printers", 1) < calls.index("issue")
    assert calls[0] == "check_printers"
