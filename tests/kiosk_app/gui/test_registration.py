"""Usage registration and status check through the screens (kiosk and desktop mode)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import pytest

from kiosk_app.config import Config
from kiosk_app.screens.texts import Texts
from kiosk_app.session.steps import Ending, Step
from tests.support.card_holders import CardHolder, find_person
from tests.support.gui import KioskUnderTest


@pytest.fixture
def non_resident(kiosk_config: Config) -> CardHolder:
    """Someone whose 本籍 is in the city but who lives elsewhere (非住登者)."""
    return find_person(kiosk_config, resident=False)


def kana(kiosk: KioskUnderTest, text: str) -> None:
    """Type ``text`` on the kana keyboard: ボ as ホ then ゛, ャ as ヤ then 小."""
    marks = {"\u3099": "kana_dakuten", "\u309a": "kana_handakuten"}
    for char in text:
        if char == "　":
            kiosk.tap("kana_space")
            continue
        decomposed = unicodedata.normalize("NFD", char)
        base, mark = decomposed[0], decomposed[1:]
        small = unicodedata.name(base).replace("SMALL ", "")
        if small != unicodedata.name(base):
            kiosk.tap(f"kana_{ord(unicodedata.lookup(small)):04X}")
            kiosk.tap("kana_small")
        else:
            kiosk.tap(f"kana_{ord(base):04X}")
        for m in mark:
            kiosk.tap(marks[m])


def register(
    kiosk: KioskUnderTest,
    who: CardHolder,
    route: Callable[[KioskUnderTest], None] = lambda _kiosk: None,
) -> str:
    """From home, the whole registration; ``route``: a store kiosk's choice of the 本籍地."""
    person, card = who.person, who.card
    kiosk.tap("registrationButton")
    route(kiosk)
    kiosk.wait_step(Step.REG_TOWN)
    kiosk.qtbot.waitUntil(lambda: kiosk.button("town_0").text() != "", timeout=20_000)
    kiosk.tap("town_0")
    kiosk.wait_step(Step.REG_BANCHI)
    kiosk.type_keys("12-3")
    kiosk.tap("fieldNextButton")
    kiosk.wait_step(Step.REG_READING)
    kana(kiosk, person.family_kana)
    assert kiosk.text("fieldValue") == person.family_kana
    kiosk.tap("fieldNextButton")
    for step, keys in (
        (Step.REG_PHONE, "0466000000"),
        (Step.REG_BIRTH_DATE, person.birth_date.strftime("%Y%m%d")),
        (Step.REG_CARD_EXPIRY, card.expires_on.strftime("%Y%m%d")),
        (Step.REG_SECURITY_CODE, card.security_code),
    ):
        kiosk.wait_step(step)
        kiosk.type_keys(keys)
        kiosk.tap("fieldNextButton")
    kiosk.card_and_pin(who)
    kiosk.wait_step(Step.REG_CONFIRM)
    assert person.family_kana in kiosk.text("registrationSummary")
    kiosk.tap("registrationConfirmButton")
    kiosk.wait_step(Step.REG_DONE)
    return kiosk.text("applicationNumber")


def test_registration_with_slip_then_status(
    kiosk: KioskUnderTest, non_resident: CardHolder
) -> None:
    number = register(kiosk, non_resident)
    assert number
    kiosk.tap("printSlipButton")
    kiosk.qtbot.waitUntil(lambda: len(kiosk.receipt.tray) == 1, timeout=20_000)
    kiosk.tap("doneButton")
    kiosk.wait_step(Step.HOME)
    assert kiosk.window.kiosk.last_ending is Ending.SUCCESS
    assert kiosk.check_status(number) == Texts().status("pending")
    assert kiosk.check_status("9999-999999") == Texts().status("not_found")


def test_desktop_mode_offers_registration_and_status_only(
    desktop: KioskUnderTest, non_resident: CardHolder
) -> None:
    home = desktop.window.home
    assert not home.issue_button.isVisibleTo(home)
    number = register(desktop, non_resident)
    desktop.tap("doneButton")
    desktop.wait_step(Step.HOME)
    assert desktop.check_status(number) == Texts().status("pending")
