"""A store kiosk's menu names the municipality the session is for."""

from __future__ import annotations

import msgspec
from pytestqt.qtbot import QtBot

from kiosk_app.config import Config
from kiosk_app.screens.issuance import MenuScreen
from kiosk_app.session.steps import Step
from tests.kiosk_app.session.conftest import Harness
from tests.kiosk_app.session.fakes import PIN


def test_the_menu_names_the_chosen_municipality(qtbot: QtBot, demo_config: Config) -> None:
    config = msgspec.structs.replace(
        demo_config, center=msgspec.structs.replace(demo_config.center, relay=True)
    )
    h = Harness(config)
    try:
        screen = MenuScreen(h.kiosk)
        qtbot.addWidget(screen)
        flow = h.kiosk.start_issuance()
        h.wait_step(Step.ROUTE)
        flow.choose_honseki()
        h.wait_step(Step.ROUTE_PREFECTURE)
        flow.choose_prefecture("架空県")
        flow.choose_municipality("999992")
        h.wait_step(Step.PLACE_CARD)
        h.kiosk.card_inserted()
        h.wait_step(Step.PIN)
        for digit in PIN:
            flow.press_digit(digit)
        flow.submit_pin()
        h.wait_step(Step.REMOVE_CARD)
        h.kiosk.card_removed()
        screen.refresh()
        assert screen.title.text() == "見本町: choose a certificate"
        flow.cancel()
        screen.clear()
        assert "見本町" not in screen.title.text()
    finally:
        h.executor.close()
