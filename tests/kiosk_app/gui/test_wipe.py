"""Every way a session ends leaves nothing of the person: objects, widgets, clipboard, files."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QClipboard, QGuiApplication

from kiosk_app.config import Config
from kiosk_app.session.steps import Ending, Step
from tests.kiosk_app.gui.leaks import file_hits, live_hits, widget_texts
from tests.kiosk_app.gui.test_issuance import order_juminhyo, sign_in
from tests.kiosk_app.gui.test_registration import register
from tests.support.card_holders import CardHolder, find_person
from tests.support.gui import KioskUnderTest


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary directory the kiosk would use, private to this test."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    return tmp


def succeed(kiosk: KioskUnderTest, who: CardHolder) -> None:
    sign_in(kiosk, who)
    order_juminhyo(kiosk, copies=1)
    kiosk.insert_coin(100)
    kiosk.insert_coin(100)
    kiosk.wait_step(Step.TAKE_ITEMS)
    kiosk.a4.take_all()
    kiosk.receipt.take_all()
    kiosk.tap("doneButton")


def cancel(kiosk: KioskUnderTest, who: CardHolder) -> None:
    sign_in(kiosk, who)
    kiosk.tap("menu_juminhyo")
    kiosk.wait_step(Step.OPTIONS)
    kiosk.tap("cancelButton")
    kiosk.wait_step(Step.NOTICE)
    kiosk.tap("noticeOkButton")


def time_out(kiosk: KioskUnderTest, who: CardHolder) -> None:
    sign_in(kiosk, who)
    inactivity = kiosk.window.inactivity
    for step in (Step.MENU, Step.NOTICE, Step.HOME):  # more-time prompt, time-out, home
        with kiosk.qtbot.waitSignal(inactivity.timed_out, timeout=5000):
            inactivity.arm(20)
        kiosk.wait_step(step)


def fail(kiosk: KioskUnderTest, who: CardHolder) -> None:
    kiosk.tap("issueButton")
    kiosk.place_card(who)
    for tries_left in (2, 1, 0):
        kiosk.wait_step(Step.PIN)
        kiosk.type_keys("0000")
        kiosk.tap("pinOkButton")
        kiosk.qtbot.waitUntil(_tries_are(kiosk, tries_left), timeout=20_000)
    kiosk.wait_step(Step.NOTICE)
    kiosk.remove_card()
    kiosk.tap("noticeOkButton")


def _tries_are(kiosk: KioskUnderTest, tries_left: int) -> Callable[[], bool]:
    def check() -> bool:
        flow = kiosk.window.kiosk.flow
        return flow is None or flow.data.tries_left == tries_left or flow.step is Step.NOTICE

    return check


def remove_early(kiosk: KioskUnderTest, who: CardHolder) -> None:
    kiosk.tap("issueButton")
    kiosk.place_card(who)
    kiosk.wait_step(Step.PIN)
    kiosk.type_keys("12")
    kiosk.remove_card()
    kiosk.wait_step(Step.NOTICE)
    kiosk.tap("noticeOkButton")


ENDINGS: dict[Ending, Callable[[KioskUnderTest, CardHolder], None]] = {
    Ending.SUCCESS: succeed,
    Ending.CANCELLED: cancel,
    Ending.TIMED_OUT: time_out,
    Ending.ERROR: fail,
    Ending.CARD_REMOVED: remove_early,
}


@pytest.mark.parametrize("ending", list(ENDINGS))
def test_nothing_personal_survives(
    kiosk: KioskUnderTest, resident: CardHolder, private_tmp: Path, ending: Ending
) -> None:
    person = resident.person
    needles = [person.full_name, person.full_kana, person.individual_number]
    QGuiApplication.clipboard().setText(person.full_name, QClipboard.Mode.Clipboard)
    ENDINGS[ending](kiosk, resident)
    kiosk.wait_step(Step.HOME)
    kiosk.window.bridge.wait_for_jobs()
    assert kiosk.window.kiosk.last_ending is ending

    assert QGuiApplication.clipboard().text(QClipboard.Mode.Clipboard) == ""
    shown = widget_texts()
    assert not [t for t in shown if any(n in t for n in needles)]

    center = kiosk.services.center
    assert live_hits(needles, [getattr(center, "service", center), resident]) == []

    data_dir = kiosk.window.config.kiosk.data_dir
    assert file_hits([private_tmp, data_dir], needles, skip=[data_dir / "center"]) == []


def test_the_search_finds_a_live_session(kiosk: KioskUnderTest, resident: CardHolder) -> None:
    """The searches above can fail: mid-session the person's name is in the offers."""
    sign_in(kiosk, resident)
    kiosk.tap("menu_juminhyo")
    kiosk.wait_step(Step.OPTIONS)
    kiosk.tap("option_scope_selected")
    person = resident.person
    center = kiosk.services.center
    assert live_hits([person.full_name], [getattr(center, "service", center), resident]) != []
    assert any(person.full_name in text for text in widget_texts())
    kiosk.tap("cancelButton")


def test_nothing_of_a_registration_survives(kiosk: KioskUnderTest, kiosk_config: Config) -> None:
    """The usage registration's form (reading, phone, dates, security code) is wiped too."""
    who = find_person(kiosk_config, resident=False)
    register(kiosk, who)
    kiosk.tap("printSlipButton")
    kiosk.qtbot.waitUntil(lambda: len(kiosk.receipt.tray) == 1, timeout=20_000)
    kiosk.receipt.take_all()
    kiosk.tap("doneButton")
    kiosk.wait_step(Step.HOME)
    kiosk.window.bridge.wait_for_jobs()
    person = who.person
    needles = [person.family_kana, "0466000000", person.birth_date.strftime("%Y%m%d")]
    assert not [t for t in widget_texts() if any(n in t for n in needles)]
    center = kiosk.services.center
    assert live_hits(needles, [getattr(center, "service", center), who]) == []
