"""The pictures on the session screens: the right one at each physical step, none moving on the
home screen (idle CPU), still with reduce motion."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from kiosk_app.accessibility import Accessibility
from kiosk_app.screens.pictures import Picture, PictureView
from kiosk_app.session.steps import Step
from tests.kiosk_app.gui.test_issuance import order_juminhyo
from tests.support.card_holders import CardHolder
from tests.support.gui import KioskUnderTest


def shown(kiosk: KioskUnderTest) -> list[Picture]:
    views = kiosk.screen().findChildren(PictureView)
    return [v.picture for v in views if v.picture is not None and v.isVisible()]


def moving(kiosk: KioskUnderTest) -> list[PictureView]:
    return [v for v in kiosk.window.findChildren(PictureView) if v.animating]


def test_each_physical_step_shows_its_picture_and_home_stays_still(
    qapp: QApplication, kiosk: KioskUnderTest, resident: CardHolder
) -> None:
    assert moving(kiosk) == []
    kiosk.tap("issueButton")
    kiosk.wait_step(Step.PLACE_CARD)
    assert shown(kiosk) == [Picture.PLACE_CARD]
    assert len(moving(kiosk)) == 1
    Accessibility.of(qapp).set_reduce_motion(True)
    assert moving(kiosk) == []  # still, but shown
    assert shown(kiosk) == [Picture.PLACE_CARD]
    Accessibility.of(qapp).set_reduce_motion(False)
    kiosk.place_card(resident)
    kiosk.wait_step(Step.PIN)
    assert shown(kiosk) == []
    kiosk.type_keys(resident.card.pin)
    kiosk.tap("pinOkButton")
    kiosk.wait_step(Step.REMOVE_CARD)
    assert shown(kiosk) == [Picture.REMOVE_CARD]
    kiosk.remove_card()
    kiosk.wait_step(Step.MENU)
    order_juminhyo(kiosk, copies=1)
    assert shown(kiosk) == [Picture.INSERT_COINS]
    kiosk.insert_coin(500)
    kiosk.wait_step(Step.TAKE_ITEMS)
    assert shown(kiosk) == [Picture.TAKE_CERTIFICATES, Picture.TAKE_RECEIPT, Picture.TAKE_CHANGE]
    kiosk.tap("doneButton")
    kiosk.wait_step(Step.HOME)
    qapp.processEvents()
    assert moving(kiosk) == []  # nothing moves while the kiosk waits on its home screen
    assert Accessibility.of(qapp).mode.reduce_motion is False
