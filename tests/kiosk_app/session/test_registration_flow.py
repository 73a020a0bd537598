"""The usage registration and status check state machines, without widgets or devices."""

from __future__ import annotations

import datetime as dt

from kiosk_app.session.registration import RegistrationFlow
from kiosk_app.session.status import NOT_FOUND
from kiosk_app.session.steps import Ending, NoticeKind, Step
from tests.kiosk_app.session.conftest import Harness, step_of
from tests.kiosk_app.session.fakes import PIN

NEXT_YEAR = dt.date.today().year + 1


def type_text(flow: RegistrationFlow, text: str) -> None:
    for char in text:
        flow.type_char(char)


def fill_form(h: Harness) -> RegistrationFlow:
    flow = h.kiosk.start_registration()
    assert step_of(flow) is Step.REG_TOWN
    h.executor.pump(lambda: bool(flow.towns))
    assert not flow.choose_town("どこでもない町")
    assert flow.choose_town("架空町")
    for text in ("12-3", "カソウ　タロウ", "0312345678", "19800401", f"{NEXT_YEAR}0101", "1234"):
        type_text(flow, text)
        assert flow.next(), (flow.step, flow.field_text)
    return flow


def test_registration_end_to_end(harness: Harness) -> None:
    h = harness
    flow = fill_form(h)
    assert step_of(flow) is Step.PLACE_CARD
    entry = flow.data.registration.entry
    assert entry is not None
    assert entry.honseki_town == "架空町"
    assert entry.birth_date == dt.date(1980, 4, 1)
    h.kiosk.card_inserted()
    h.wait_step(Step.PIN)
    for digit in PIN:
        flow.press_digit(digit)
    flow.submit_pin()
    h.wait_step(Step.REMOVE_CARD)
    h.kiosk.card_removed()
    assert step_of(flow) is Step.REG_CONFIRM
    flow.confirm()
    h.wait_step(Step.REG_DONE)
    assert flow.data.registration.application_number == "2026-000123"
    assert "submit_registration 架空町" in h.services.calls
    flow.print_slip()
    h.wait_calls("print_application_slip 2026-000123")
    flow.acknowledge()
    assert h.homes == [Ending.SUCCESS]
    assert flow.data.registration.entry is None
    assert flow.data.registration.phone == ""


def test_fields_refuse_bad_input(harness: Harness) -> None:
    flow = harness.kiosk.start_registration()
    harness.executor.pump(lambda: bool(flow.towns))
    flow.choose_town("本町一丁目")
    assert not flow.next()  # empty 番地
    assert flow.field_invalid
    type_text(flow, "5")
    assert flow.next()
    type_text(flow, "abc漢字")  # only kana is taken
    assert flow.field_text == ""
    type_text(flow, "かそう")
    flow.backspace()
    assert flow.field_text == "かそ"
    assert flow.next()
    type_text(flow, "01234")
    assert not flow.next()  # too short for a phone number
    flow.back()
    assert step_of(flow) is Step.REG_READING
    assert flow.field_text == "かそ"
    flow.next()
    type_text(flow, "56789")
    assert flow.next()
    type_text(flow, "20991301")
    assert not flow.next()  # no such date
    for _ in range(4):
        flow.backspace()
    type_text(flow, "0101")
    assert not flow.next()  # a birth date in the future


def test_status_check(harness: Harness) -> None:
    h = harness
    flow = h.kiosk.start_status()
    for char in "2026-000123":
        flow.type_char(char)
    assert flow.submit()
    h.wait_step(Step.STATUS_RESULT)
    assert flow.data.status_result == "pending"
    flow.acknowledge()
    assert h.homes == [Ending.SUCCESS]

    flow = h.kiosk.start_status()
    for char in "9999":
        flow.type_char(char)
    flow.submit()
    h.wait_step(Step.STATUS_RESULT)
    assert flow.data.status_result == NOT_FOUND
    flow.cancel()
    flow.acknowledge()
    assert h.homes == [Ending.SUCCESS, Ending.CANCELLED]


def test_status_server_down(harness: Harness) -> None:
    harness.services.server_down = True
    flow = harness.kiosk.start_status()
    for char in "2026-000123":
        flow.type_char(char)
    flow.submit()
    harness.wait_step(Step.NOTICE)
    assert flow.data.notice is not None
    assert flow.data.notice.kind is NoticeKind.SERVER_UNREACHABLE
