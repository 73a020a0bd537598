"""One person gets certificates through the touch screens, on simulated devices."""

from __future__ import annotations

from kiosk_app.session.steps import Ending, Step
from tests.support.card_holders import CardHolder
from tests.support.gui import KioskUnderTest


def sign_in(kiosk: KioskUnderTest, who: CardHolder) -> None:
    """Home → place card → PIN → remove card → menu."""
    kiosk.tap("issueButton")
    kiosk.card_and_pin(who)
    kiosk.wait_step(Step.MENU)


def order_juminhyo(kiosk: KioskUnderTest, copies: int) -> None:
    """Menu → 住民票 → options → copies → confirm → pay screen."""
    kiosk.tap("menu_juminhyo")
    kiosk.wait_step(Step.OPTIONS)
    kiosk.tap("optionsNextButton")
    kiosk.wait_step(Step.COPIES)
    for _ in range(copies - 1):
        kiosk.tap("copiesPlus")
    assert str(copies) in kiosk.text("copiesLabel")
    kiosk.tap("copiesNextButton")
    kiosk.wait_step(Step.CONFIRM)
    kiosk.tap("confirmButton")
    kiosk.wait_step(Step.PAYING)


def test_issuance_of_a_juminhyo_end_to_end(kiosk: KioskUnderTest, resident: CardHolder) -> None:
    hundreds = kiosk.hoppers[100].level
    sign_in(kiosk, resident)
    order_juminhyo(kiosk, copies=2)
    assert "400" in kiosk.text("dueLabel")
    kiosk.insert_coin(500)
    kiosk.wait_step(Step.TAKE_ITEMS)
    printed = kiosk.a4.take_all()
    assert len(printed) == 2
    assert all(job.complete and job.job_name == "shomei-kiosk" for job in printed)
    assert len(kiosk.receipt.take_all()) == 1
    assert kiosk.hoppers[100].level == hundreds - 1
    kiosk.tap("doneButton")
    kiosk.wait_step(Step.HOME)
    assert kiosk.window.kiosk.last_ending is Ending.SUCCESS
    assert kiosk.window.current_screen() is kiosk.window.home
