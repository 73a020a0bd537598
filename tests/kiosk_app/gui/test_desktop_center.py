"""Desktop mode of a store kiosk: the 利用登録 goes through the relay center to the 本籍地
municipality chosen on the screens, and the status check finds it there by its 申請番号."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from issuance_contract.messages import RegistrationState
from issuance_server.demo_data import demo_cards
from issuance_server.demo_movers import movers
from issuance_server.settings import TOKYO
from kiosk_app.center.https_link import HttpsCenterLink
from kiosk_app.config import Config
from kiosk_app.demo_network import DemoNetwork, running_network
from kiosk_app.screens.texts import Texts
from kiosk_app.session.steps import Ending, Step
from tests.kiosk_app.gui.test_registration import register
from tests.support.card_holders import CardHolder
from tests.support.gui import KioskUnderTest, running_kiosk

#: A Friday within every demo municipality's hours (the municipality servers' clock).
NOW = dt.datetime(2026, 11, 27, 10, 0, tzinfo=TOKYO)


@pytest.fixture
def network(kiosk_config: Config, tmp_path: Path) -> Iterator[DemoNetwork]:
    """The relay center and the three demo municipalities, on loopback with mutual TLS."""
    pki = kiosk_config.kiosk.data_dir / "center"
    with running_network(
        tmp_path / "network", pki, [kiosk_config.kiosk.id], clock=lambda: NOW
    ) as running:
        yield running


@pytest.fixture
def store_desktop(
    qtbot: QtBot, qapp: QApplication, kiosk_config: Config, network: DemoNetwork
) -> Iterator[KioskUnderTest]:
    """``shomei-kiosk --desktop`` whose ``center.url`` names the relay center."""
    center = network.center_config(kiosk_config.kiosk.id)
    config = msgspec.structs.replace(kiosk_config, center=center)
    yield from running_kiosk(qtbot, qapp, config, desktop=True)


def _unregistered_mover(pki: Path) -> tuple[CardHolder, str]:
    """Someone living in one demo municipality with 本籍 in another, not registered there;
    with the 本籍地's code."""
    mover = next(m for m in movers() if m.registration is None)
    honseki = mover.honseki
    cards = demo_cards(pki, honseki.seed, honseki.card_serial_base)
    card = next(c for c in cards if c.person_id == mover.person.id)
    return CardHolder(mover.person, card), honseki.code


def _choose(kiosk: KioskUnderTest, label: str) -> None:
    """Touch the place button that says ``label`` (a prefecture or a municipality)."""
    kiosk.qtbot.waitUntil(lambda: any(b.text() == label for b in _places(kiosk)), timeout=20_000)
    button = next(b for b in _places(kiosk) if b.text() == label)
    kiosk.tap(button.objectName())


def _places(kiosk: KioskUnderTest) -> list[QPushButton]:
    """The place buttons shown now."""
    screen = kiosk.screen()
    return [
        b
        for b in screen.findChildren(QPushButton)
        if b.objectName().startswith("place_") and b.isVisibleTo(screen)
    ]


def test_desktop_registration_goes_to_the_chosen_honseki_through_the_center(
    store_desktop: KioskUnderTest, network: DemoNetwork, kiosk_config: Config
) -> None:
    kiosk = store_desktop
    assert isinstance(kiosk.services.center, HttpsCenterLink)
    who, code = _unregistered_mover(kiosk_config.kiosk.data_dir / "center")
    site = network.sites[code]

    def choose_honseki(k: KioskUnderTest) -> None:
        k.wait_step(Step.ROUTE_PREFECTURE)
        _choose(k, site.demo.prefecture)
        k.wait_step(Step.ROUTE_MUNICIPALITY)
        _choose(k, site.demo.name)

    number = register(kiosk, who, choose_honseki)
    kiosk.tap("doneButton")
    kiosk.wait_step(Step.HOME)
    assert kiosk.window.kiosk.last_ending is Ending.SUCCESS
    assert number.startswith(code)  # the 申請番号 names its municipality
    for sent in network.sites.values():
        filed = [r for r in sent.service.store.registrations() if r.card_serial == who.card.serial]
        if sent is site:
            assert [(r.number, r.state) for r in filed] == [
                (int(number[6:]), RegistrationState.PENDING)
            ]
        else:
            assert filed == []
    assert kiosk.check_status(number) == Texts().status("pending")
