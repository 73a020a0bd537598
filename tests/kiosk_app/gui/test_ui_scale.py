"""The kiosk at ``ui_scale = 1.5`` (a 144-dpi panel) in 1920×1080: 15 mm buttons that fit."""

from __future__ import annotations

from collections.abc import Iterator

import msgspec
import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk_app.accessibility import ASSUMED_DPI, Accessibility, DisplayMode, touch_px
from kiosk_app.automation import interactive_widgets
from kiosk_app.config import Config, Language
from kiosk_app.session.steps import Step
from tests.support.card_holders import CardHolder
from tests.support.gui import KioskUnderTest, running_kiosk

SCALE = 1.5
PANEL = QSize(1920, 1080)
#: 15 mm at the density the scale stands for (86 px at 144 dpi).
MINIMUM = touch_px(ASSUMED_DPI * SCALE)
MODES = (DisplayMode(), DisplayMode(high_contrast=True, large_text=True))


@pytest.fixture
def scaled(qtbot: QtBot, qapp: QApplication, kiosk_config: Config) -> Iterator[KioskUnderTest]:
    """The kiosk configured with ui_scale 1.5, full-panel size; the look is put back after."""
    access = Accessibility.of(qapp)
    base, scale = access.base, access.scale
    config = msgspec.structs.replace(
        kiosk_config, kiosk=msgspec.structs.replace(kiosk_config.kiosk, ui_scale=SCALE)
    )
    for kiosk in running_kiosk(qtbot, qapp, config):
        kiosk.window.resize(PANEL)
        yield kiosk
    access.reset()
    access.set_base(base, scale)


def settle(qapp: QApplication) -> None:
    """Let nested layouts take the sizes the stylesheet asks for (they are posted events)."""
    for _ in range(3):
        qapp.processEvents()


def check_screen(qapp: QApplication, kiosk: KioskUnderTest, mode: DisplayMode) -> int:
    """Every visible button on the current screen is at least 15 mm at 144 dpi and inside the
    1920×1080 window (which did not have to grow); returns how many buttons were measured."""
    settle(qapp)
    window, screen = kiosk.window, kiosk.screen()
    where = f"{screen.objectName()} in {mode}, {kiosk.window.languages.current}"
    assert window.size() == PANEL, (where, window.size())
    buttons = [
        w for w in interactive_widgets(screen) if isinstance(w, QAbstractButton) and w.isVisible()
    ]
    inside = QRect(0, 0, PANEL.width(), PANEL.height())
    for button in buttons:
        what = (where, button.objectName(), button.size().toTuple(), MINIMUM)
        assert button.height() >= MINIMUM, what
        assert button.width() >= MINIMUM, what
        assert inside.contains(QRect(button.mapTo(window, button.rect().topLeft()), button.size()))
    return len(buttons)


def check_step_indicator(kiosk: KioskUnderTest, where: str) -> None:
    """Every stage of the indicator is shown whole, on one line."""
    indicator = kiosk.screen().step_indicator  # type: ignore[attr-defined]
    assert indicator.isVisible(), where
    for label in indicator.labels:
        advance = label.fontMetrics().horizontalAdvance(label.text())
        assert not label.wordWrap()
        assert label.width() >= advance, (where, label.text(), label.width(), advance)


def test_every_button_is_15_mm_at_144_dpi_on_every_screen_in_every_language(
    qapp: QApplication, scaled: KioskUnderTest
) -> None:
    window = scaled.window
    assert Accessibility.of(qapp).scale == SCALE
    screens: list[QWidget] = window.build_every_screen()
    for language in Language:  # the Chinese and Korean fonts have the tallest lines
        window.languages.switch_to(language)
        for mode in MODES:
            Accessibility.of(qapp).set_mode(mode)
            for screen in screens:
                window.stack.setCurrentWidget(screen)
                assert check_screen(qapp, scaled, mode), (language, screen.objectName())


def test_large_text_scales_fonts_on_top_of_the_panel_scale(
    qapp: QApplication, scaled: KioskUnderTest
) -> None:
    button = scaled.window.home.issue_button
    settle(qapp)
    assert button.font().pixelSize() == 51  # the primary button's 34 px × 1.5
    Accessibility.of(qapp).set_large_text(True)
    settle(qapp)
    assert button.font().pixelSize() == 66  # × 1.3
    assert button.height() >= MINIMUM


def test_the_keyboards_and_the_pin_keypad_fit_the_panel(
    qapp: QApplication, scaled: KioskUnderTest, resident: CardHolder
) -> None:
    access = Accessibility.of(qapp)
    scaled.tap("registrationButton")
    scaled.wait_step(Step.REG_TOWN)
    town = "town_0"  # the town buttons show once the city's list came (a queued show)
    scaled.qtbot.waitUntil(
        lambda: any(b.isVisible() for b in scaled.screen().findChildren(QAbstractButton, town))
    )
    scaled.tap(town)
    scaled.wait_step(Step.REG_BANCHI)
    scaled.type_keys("12-3")
    for mode in MODES:
        access.set_mode(mode)
        assert check_screen(qapp, scaled, mode) >= 15  # the 番地 keypad with its "-"
    scaled.tap("fieldNextButton")
    scaled.wait_step(Step.REG_READING)
    for char in "カソウ":
        scaled.tap(f"kana_{ord(char):04X}")
    for mode in MODES:
        access.set_mode(mode)
        assert check_screen(qapp, scaled, mode) >= 50  # the 50音 keyboard
    scaled.tap("cancelButton")
    scaled.wait_step(Step.NOTICE)
    scaled.tap("noticeOkButton")
    scaled.wait_step(Step.HOME)
    scaled.tap("issueButton")
    scaled.wait_step(Step.PLACE_CARD)
    scaled.place_card(resident)
    scaled.wait_step(Step.PIN)
    scaled.type_keys("1")
    for mode in MODES:
        access.set_mode(mode)
        assert check_screen(qapp, scaled, mode) >= 12  # the PIN keypad
    for language in Language:  # the six issuance stages beside the footer's buttons
        scaled.window.languages.switch_to(language)
        for mode in MODES:
            access.set_mode(mode)
            check_screen(qapp, scaled, mode)
            check_step_indicator(scaled, f"{language} {mode}")
    scaled.window.languages.switch_to(Language.JA)
    scaled.tap("cancelButton")
