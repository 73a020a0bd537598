"""What the person sees when things go wrong, and the buttons on every screen."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QWidget

from issuance_contract.errors import CenterUnavailableError
from kiosk_app.screens.texts import Texts
from kiosk_app.session.steps import Ending, Notice, NoticeKind, Step
from kiosk_app.voice.prompter import RecordingPrompter
from kiosk_app.voice.prompts import Prompt
from tests.kiosk_app.gui.test_issuance import order_juminhyo, sign_in
from tests.support.card_holders import CardHolder
from tests.support.gui import KioskUnderTest


def test_paper_out_gives_the_fee_back(kiosk: KioskUnderTest, resident: CardHolder) -> None:
    hundreds = kiosk.hoppers[100].level
    sign_in(kiosk, resident)
    order_juminhyo(kiosk, copies=1)
    kiosk.a4.paper_out = True
    kiosk.insert_coin(100)
    kiosk.insert_coin(100)
    kiosk.wait_step(Step.NOTICE)
    expected = Texts().notice(
        Notice(NoticeKind.PAPER_OUT, copies_ordered=1, fee_returned_yen=200, returned_yen=200)
    )
    assert kiosk.text("noticeMessage") == expected
    assert kiosk.hoppers[100].level == hundreds - 2
    assert kiosk.a4.tray == []
    kiosk.tap("noticeOkButton")
    kiosk.wait_step(Step.HOME)
    assert kiosk.window.kiosk.last_ending is Ending.ERROR


def test_server_unreachable(
    kiosk: KioskUnderTest, resident: CardHolder, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreachable() -> None:
        raise CenterUnavailableError("no route to the city")

    monkeypatch.setattr(kiosk.services.center, "start_authentication", unreachable)
    kiosk.tap("issueButton")
    kiosk.place_card(resident)
    kiosk.wait_step(Step.PIN)
    kiosk.type_keys("1234")
    kiosk.tap("pinOkButton")
    kiosk.wait_step(Step.NOTICE)
    text = Texts().notice(Notice(NoticeKind.SERVER_UNREACHABLE, take_card=True))
    assert kiosk.text("noticeMessage") == text
    assert kiosk.card is not None
    assert kiosk.card.tries_left == 3


def test_wrong_pin_tries_and_last_try_warning(kiosk: KioskUnderTest, resident: CardHolder) -> None:
    kiosk.tap("issueButton")
    kiosk.place_card(resident)
    kiosk.wait_step(Step.PIN)
    assert "3" in kiosk.text("triesLabel")
    assert kiosk.text("pinWarning") == ""
    for wrong, tries in (("1111", "2"), ("2222", "1")):
        kiosk.type_keys(wrong)
        kiosk.tap("pinOkButton")
        kiosk.qtbot.waitUntil(_shows(kiosk, "triesLabel", tries), timeout=20_000)
    assert Texts().notice(Notice(NoticeKind.WRONG_PIN)) in kiosk.text("pinWarning")
    assert kiosk.text("pinWarning").count("\n") == 1  # plus the last-try warning
    kiosk.type_keys("1234")
    kiosk.tap("pinOkButton")
    kiosk.wait_step(Step.REMOVE_CARD)
    assert kiosk.card is not None
    assert kiosk.card.tries_left == 3


def _shows(kiosk: KioskUnderTest, label: str, text: str) -> Callable[[], bool]:
    return lambda: text in kiosk.text(label)


def test_cancel_while_paying_returns_the_coins(kiosk: KioskUnderTest, resident: CardHolder) -> None:
    hundreds = kiosk.hoppers[100].level
    sign_in(kiosk, resident)
    order_juminhyo(kiosk, copies=1)
    kiosk.insert_coin(100)
    kiosk.qtbot.waitUntil(lambda: "100" in kiosk.text("creditLabel"), timeout=20_000)
    kiosk.tap("cancelButton")
    kiosk.wait_step(Step.NOTICE)
    assert kiosk.hoppers[100].level == hundreds - 1
    assert kiosk.a4.tray == []
    kiosk.tap("noticeOkButton")
    kiosk.wait_step(Step.HOME)
    assert kiosk.window.kiosk.last_ending is Ending.CANCELLED


def test_more_time_and_stop_voice_on_every_screen(
    kiosk: KioskUnderTest, resident: CardHolder
) -> None:
    sign_in(kiosk, resident)
    screen = kiosk.screen()
    banner = screen.findChild(QWidget, "moreTimePanel")
    assert banner is not None
    assert not banner.isVisible()
    with kiosk.qtbot.waitSignal(kiosk.window.inactivity.timed_out, timeout=5000):
        kiosk.window.inactivity.arm(20)
    kiosk.qtbot.waitUntil(banner.isVisible, timeout=5000)
    kiosk.tap("moreTimeButton")
    kiosk.qtbot.waitUntil(lambda: not banner.isVisible(), timeout=5000)
    assert kiosk.step is Step.MENU
    voice = kiosk.voice
    assert isinstance(voice, RecordingPrompter)
    stops = voice.stops
    kiosk.tap("stopVoiceButton")
    assert voice.stops == stops + 1
    assert kiosk.button("cancelButton").isEnabled()


def test_paper_out_with_empty_hoppers_prints_a_refund_slip(
    kiosk: KioskUnderTest, resident: CardHolder
) -> None:
    sign_in(kiosk, resident)
    order_juminhyo(kiosk, copies=1)
    for hopper in kiosk.hoppers.values():
        hopper.model.level = 0
    kiosk.a4.paper_out = True
    kiosk.insert_coin(100)
    kiosk.insert_coin(100)
    kiosk.wait_step(Step.NOTICE)
    expected = Texts().notice(
        Notice(NoticeKind.PAPER_OUT, copies_ordered=1, fee_returned_yen=200, refund_yen=200)
    )
    assert kiosk.text("noticeMessage") == expected
    kiosk.qtbot.waitUntil(lambda: len(kiosk.receipt.tray) == 1, timeout=20_000)
    slip = kiosk.receipt.tray[0].text
    assert "返金" in slip
    assert "200" in slip
    kiosk.tap("noticeOkButton")
    kiosk.wait_step(Step.HOME)


def _last_prompt(kiosk: KioskUnderTest) -> Prompt:
    """The prompt the voice played last."""
    voice = kiosk.voice
    assert isinstance(voice, RecordingPrompter)
    return voice.played[-1][0]


def _notice_shown(kiosk: KioskUnderTest) -> str:
    """Wait for the closing notice (its step signal), then return the text shown."""
    kiosk.wait_step(Step.NOTICE)
    return kiosk.text("noticeMessage")


def test_paper_out_after_one_of_two_copies_says_what_came_out_and_what_is_returned(
    kiosk: KioskUnderTest, resident: CardHolder
) -> None:
    hundreds = kiosk.hoppers[100].level
    sign_in(kiosk, resident)
    order_juminhyo(kiosk, copies=2)
    kiosk.a4.paper_sheets = 1  # the first copy's sheet, then the tray is empty
    kiosk.insert_coin(500)
    shown = _notice_shown(kiosk)
    assert [job.complete for job in kiosk.a4.take_all()] == [True]  # one copy, whole
    expected = Notice(
        NoticeKind.PAPER_OUT,
        copies_out=1,
        copies_ordered=2,
        fee_kept_yen=200,
        fee_returned_yen=200,
        returned_yen=200,
    )
    assert shown == Texts().notice(expected)
    told = "2通のうち1通を印刷しました。1通分の手数料200円をいただき、200円をお返しします。"
    assert told in shown
    assert kiosk.hoppers[100].level == hundreds - 3  # change 100, then the fee of one copy
    assert _last_prompt(kiosk) is Prompt.PRINTING_STOPPED
    kiosk.tap("noticeOkButton")
    kiosk.wait_step(Step.HOME)


def test_paper_out_before_the_first_of_two_copies_says_none_came_out(
    kiosk: KioskUnderTest, resident: CardHolder
) -> None:
    sign_in(kiosk, resident)
    order_juminhyo(kiosk, copies=2)
    kiosk.a4.paper_out = True
    kiosk.insert_coin(100)
    kiosk.insert_coin(100)
    kiosk.insert_coin(100)
    kiosk.insert_coin(100)
    shown = _notice_shown(kiosk)
    expected = Notice(
        NoticeKind.PAPER_OUT, copies_ordered=2, fee_returned_yen=400, returned_yen=400
    )
    assert shown == Texts().notice(expected)
    assert "ご注文の2通は印刷できませんでした。手数料400円を全額お返しします。" in shown
    assert "400 円を返却しました" in shown
    assert _last_prompt(kiosk) is Prompt.PRINTING_STOPPED
