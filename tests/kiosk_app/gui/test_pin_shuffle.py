"""The optional shuffled PIN keypad: a new digit order for each PIN entry, off by default."""

from __future__ import annotations

import random
from collections.abc import Iterator

import msgspec
import pytest
from PySide6.QtWidgets import QApplication, QGridLayout
from pytestqt.qtbot import QtBot

from kiosk_app.config import Config
from kiosk_app.screens import widgets
from kiosk_app.screens.common import PinScreen
from kiosk_app.screens.widgets import DIGIT_ORDER, Keypad
from kiosk_app.session.steps import Step
from tests.support.card_holders import CardHolder
from tests.support.gui import KioskUnderTest, running_kiosk


def layout_order(keypad: Keypad) -> str:
    """The digits as they stand on the keypad: row by row, then the slot under the grid."""
    grid = keypad.layout()
    assert isinstance(grid, QGridLayout)
    places: dict[tuple[int, int], str] = {}
    for digit, key in keypad.keys.items():
        if digit.isdigit():
            position = grid.getItemPosition(grid.indexOf(key))
            assert isinstance(position, tuple)
            places[(int(position[0]), int(position[1]))] = digit
    return "".join(places[place] for place in sorted(places))


def test_a_keypad_arranges_its_keys_and_each_still_types_its_digit(qtbot: QtBot) -> None:
    keypad = Keypad()
    qtbot.addWidget(keypad)
    assert layout_order(keypad) == DIGIT_ORDER
    keypad.arrange("0987654321")
    assert layout_order(keypad) == "0987654321"
    with qtbot.waitSignal(keypad.key_pressed) as pressed:
        keypad.keys["7"].click()
    assert pressed.args == ["7"]
    with pytest.raises(ValueError, match="not an order"):
        keypad.arrange("1123456789")


@pytest.fixture
def shuffling(
    qtbot: QtBot, qapp: QApplication, kiosk_config: Config, monkeypatch: pytest.MonkeyPatch
) -> Iterator[KioskUnderTest]:
    monkeypatch.setattr(widgets, "_RANDOM", random.Random(18))  # a known sequence of orders
    config = msgspec.structs.replace(
        kiosk_config,
        kiosk=msgspec.structs.replace(kiosk_config.kiosk, shuffle_pin_keypad=True),
    )
    yield from running_kiosk(qtbot, qapp, config)


def pin_keypad(kiosk: KioskUnderTest) -> Keypad:
    screen = kiosk.screen()
    assert isinstance(screen, PinScreen)
    return screen.keypad


def test_each_pin_entry_gets_a_new_order(shuffling: KioskUnderTest, resident: CardHolder) -> None:
    kiosk = shuffling
    kiosk.tap("issueButton")
    kiosk.place_card(resident)
    kiosk.wait_step(Step.PIN)
    first = layout_order(pin_keypad(kiosk))
    assert first != DIGIT_ORDER
    assert sorted(first) == sorted(DIGIT_ORDER)
    kiosk.type_keys("99")  # typing does not move the keys under the finger
    assert layout_order(pin_keypad(kiosk)) == first
    kiosk.tap("key_clear")
    kiosk.type_keys("1111")
    kiosk.tap("pinOkButton")
    kiosk.qtbot.waitUntil(lambda: "2" in kiosk.text("triesLabel"), timeout=20_000)
    second = layout_order(pin_keypad(kiosk))
    assert second not in (first, DIGIT_ORDER)
    kiosk.type_keys(resident.card.pin)  # keys are found by their digit, wherever they are
    kiosk.tap("pinOkButton")
    kiosk.wait_step(Step.REMOVE_CARD)
    kiosk.remove_card()
    kiosk.wait_step(Step.MENU)
    kiosk.tap("cancelButton")
    kiosk.wait_step(Step.NOTICE)
    kiosk.tap("noticeOkButton")
    kiosk.wait_step(Step.HOME)
    kiosk.tap("issueButton")
    kiosk.place_card(resident)
    kiosk.wait_step(Step.PIN)
    assert layout_order(pin_keypad(kiosk)) not in (second, DIGIT_ORDER)  # the next person's


def test_the_keypad_keeps_its_order_by_default(kiosk: KioskUnderTest, resident: CardHolder) -> None:
    assert kiosk.window.kiosk.config.kiosk.shuffle_pin_keypad is False
    kiosk.tap("issueButton")
    kiosk.place_card(resident)
    kiosk.wait_step(Step.PIN)
    assert layout_order(pin_keypad(kiosk)) == DIGIT_ORDER
