"""The step indicator on the issuance and registration screens: current stage, every language,
readable in high contrast."""

from __future__ import annotations

import tomllib
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk_app.accessibility import Accessibility, DisplayMode
from kiosk_app.config import Language
from kiosk_app.session.steps import Step
from tests.kiosk_app.test_accessibility import AAA_CONTRAST, text_contrast
from tests.support.card_holders import CardHolder
from tests.support.gui import KioskUnderTest

CATALOG = Path(__file__).resolve().parents[3] / "resources" / "i18n" / "catalog.toml"


def current(kiosk: KioskUnderTest) -> str:
    """The objectName of the stage marked current on the screen shown."""
    indicator = kiosk.screen().step_indicator  # type: ignore[attr-defined]
    assert indicator.isVisible()
    label = indicator.current_label()
    assert label is not None
    assert label.property("state") == "current"
    assert label.text().startswith("▶")
    return str(label.objectName())


def test_the_issuance_screens_mark_where_the_person_is(
    qapp: QApplication, kiosk: KioskUnderTest, resident: CardHolder
) -> None:
    kiosk.tap("issueButton")
    kiosk.wait_step(Step.PLACE_CARD)
    assert current(kiosk) == "stage_card"
    kiosk.place_card(resident)
    kiosk.wait_step(Step.PIN)
    assert current(kiosk) == "stage_pin"
    kiosk.type_keys(resident.card.pin)
    kiosk.tap("pinOkButton")
    kiosk.wait_step(Step.REMOVE_CARD)
    kiosk.remove_card()
    kiosk.wait_step(Step.MENU)
    assert current(kiosk) == "stage_choose"
    indicator = kiosk.screen().step_indicator  # type: ignore[attr-defined]
    done = [label for label in indicator.labels if label.property("state") == "done"]
    assert [label.objectName() for label in done] == ["stage_card", "stage_pin"]
    assert all(label.text().startswith("✓") for label in done)
    catalog = tomllib.loads(CATALOG.read_text(encoding="utf-8"))
    for language in Language:
        kiosk.window.languages.switch_to(language)
        qapp.processEvents()
        expected = "Choose" if language is Language.EN else catalog["Choose"][language.value]
        assert indicator.current_label().text() == f"▶ {expected}", language
    kiosk.window.languages.switch_to(Language.JA)
    kiosk.tap("menu_juminhyo")
    kiosk.wait_step(Step.OPTIONS)
    kiosk.tap("optionsNextButton")
    kiosk.wait_step(Step.COPIES)
    kiosk.tap("copiesNextButton")
    kiosk.wait_step(Step.CONFIRM)
    assert current(kiosk) == "stage_confirm"
    access = Accessibility.of(qapp)
    try:
        for mode in (DisplayMode(), DisplayMode(high_contrast=True)):
            access.set_mode(mode)
            qapp.processEvents()
            labels = kiosk.screen().step_indicator.labels  # type: ignore[attr-defined]
            ratios = [text_contrast(label) for label in labels]
            if mode.high_contrast:
                assert min(ratios) >= AAA_CONTRAST, ratios
            else:
                assert min(ratios) >= 4.5, ratios  # AA in the standard look
    finally:
        access.reset()
    kiosk.tap("confirmButton")
    kiosk.wait_step(Step.PAYING)
    assert current(kiosk) == "stage_pay"
    kiosk.insert_coin(500)
    kiosk.wait_step(Step.TAKE_ITEMS)
    assert current(kiosk) == "stage_print"
    kiosk.tap("doneButton")
    kiosk.wait_step(Step.HOME)


def test_the_registration_screens_have_their_own_stages(kiosk: KioskUnderTest) -> None:
    kiosk.tap("registrationButton")
    kiosk.wait_step(Step.REG_TOWN)
    assert current(kiosk) == "stage_details"
    indicator = kiosk.screen().step_indicator  # type: ignore[attr-defined]
    assert [label.objectName() for label in indicator.labels] == [
        "stage_details",
        "stage_card",
        "stage_pin",
        "stage_confirm",
        "stage_done",
    ]
    kiosk.tap("cancelButton")
    kiosk.wait_step(Step.NOTICE)
    assert not kiosk.screen().step_indicator.isVisible()  # type: ignore[attr-defined]
    kiosk.tap("noticeOkButton")
    kiosk.wait_step(Step.HOME)
