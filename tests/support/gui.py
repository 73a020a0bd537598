"""The whole kiosk window on ``sim:`` devices and the embedded server, for end-to-end GUI tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from drivers.coin_acceptor.emulator import AcceptorModel
from drivers.coin_acceptor.sim import SimCoinAcceptor, SimHopper
from drivers.nfc.sim import SimCardReader
from drivers.nfc.virtual_card import VirtualMyNumberCard
from drivers.nfc.vpcd import VpcdCardClient
from drivers.printer.a4_sim import SimA4Printer
from drivers.printer.receipt_sim import SimReceiptPrinter
from kiosk_app.app import build_window
from kiosk_app.config import Config, Language
from kiosk_app.devices.opening import open_services
from kiosk_app.devices.services import DeviceServices
from kiosk_app.main_window import KioskWindow
from kiosk_app.session.steps import Step
from kiosk_app.voice.prompter import RecordingPrompter
from tests.configs import around_the_clock
from tests.stacks.pcscd import PcscdStack
from tests.support.card_holders import CardHolder, find_person

#: GUI waits: generous, since the two cores are shared with the other tests.
WAIT_MS = 20_000


def always_open(config: Config, tmp_path: Path) -> Config:
    """The demo configuration with every certificate available at any hour on any day."""
    config = around_the_clock(config)
    kiosk = msgspec.structs.replace(config.kiosk, data_dir=tmp_path / "data")
    return msgspec.structs.replace(config, kiosk=kiosk)


class KioskUnderTest:
    """The window and its simulated devices, with helpers to touch and wait."""

    def __init__(self, qtbot: QtBot, window: KioskWindow, services: DeviceServices) -> None:
        self.qtbot = qtbot
        self.window = window
        self.services = services
        self.voice = window.kiosk.voice
        self.card: VirtualMyNumberCard | None = None
        self._vpcd: VpcdCardClient | None = None

    # -- the simulated devices (``sim:`` URLs) -------------------------------------------------
    @property
    def reader(self) -> SimCardReader:
        """The simulated card reader."""
        assert isinstance(self.services.reader, SimCardReader)
        return self.services.reader

    @property
    def acceptor(self) -> SimCoinAcceptor:
        """The simulated coin acceptor."""
        assert isinstance(self.services.payment.acceptor, SimCoinAcceptor)
        return self.services.payment.acceptor

    @property
    def a4(self) -> SimA4Printer:
        """The simulated A4 printer."""
        assert isinstance(self.services.a4, SimA4Printer)
        return self.services.a4

    @property
    def receipt(self) -> SimReceiptPrinter:
        """The simulated receipt printer."""
        assert isinstance(self.services.receipt, SimReceiptPrinter)
        return self.services.receipt

    @property
    def hoppers(self) -> dict[int, SimHopper]:
        """The simulated change hoppers by coin."""
        hoppers = self.services.payment.hoppers.items()
        return {coin: h for coin, h in hoppers if isinstance(h, SimHopper)}

    @property
    def step(self) -> Step:
        """The kiosk's step now."""
        return self.window.kiosk.step

    def wait_step(self, step: Step, timeout: int = WAIT_MS) -> None:
        """Wait (processing events) until the kiosk shows ``step``."""
        try:
            self.qtbot.waitUntil(lambda: self.step is step, timeout=timeout)
        except Exception as exc:
            raise AssertionError(f"waiting for {step}, stuck at {self.step}") from exc

    def insert_coin(self, yen: int, slot: AcceptorModel | None = None) -> None:
        """Drop a coin once the payment is open (coins are refused before)."""
        payment = self.services.payment
        self.qtbot.waitUntil(lambda: payment.current is not None, timeout=WAIT_MS)
        credit = payment.current.credit_yen if payment.current else 0
        assert (slot or self.acceptor.model).insert_coin(yen)
        self.qtbot.waitUntil(
            lambda: payment.current is None or payment.current.credit_yen > credit,
            timeout=WAIT_MS,
        )

    def button(self, name: str) -> QPushButton:
        """The visible button ``name`` on the current screen."""
        screen = self.window.current_screen()
        assert screen is not None
        found = [b for b in screen.findChildren(QPushButton, name) if b.isVisibleTo(screen)]
        assert found, f"no button {name} on {screen.objectName()}"
        return found[0]

    def tap(self, name: str) -> None:
        """Touch the button ``name`` on the current screen."""
        button = self.button(name)
        assert button.isEnabled(), f"{name} is disabled"
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def text(self, name: str) -> str:
        """The text of label ``name`` on the current screen."""
        label = self.screen().findChild(QLabel, name)
        assert label is not None, name
        return label.text()

    def type_keys(self, keys: str) -> None:
        """Touch keypad keys."""
        for key in keys:
            self.tap("key_hyphen" if key == "-" else f"key_{key}")

    def place_card(self, who: CardHolder, vpcd: PcscdStack | None = None) -> None:
        """Put the person's virtual card on the reader (the sim one, or a vpcd slot)."""
        card = who.card.make_card()
        assert isinstance(card, VirtualMyNumberCard)
        self.card = card
        if vpcd is None:
            self.reader.insert(card)
        else:
            self._vpcd = vpcd.card_client(card)
            self._vpcd.insert()

    def card_and_pin(self, who: CardHolder, vpcd: PcscdStack | None = None) -> None:
        """From "place your card": card, the demo PIN on the keypad, remove the card when asked."""
        self.wait_step(Step.PLACE_CARD)
        self.place_card(who, vpcd)
        self.wait_step(Step.PIN)
        assert "暗証番号" in self.text("screenTitle")  # Japanese by default
        self.type_keys(who.card.pin)
        self.tap("pinOkButton")
        self.wait_step(Step.REMOVE_CARD)
        self.remove_card()

    def remove_card(self) -> None:
        """Take the card off the reader."""
        if self._vpcd is not None:
            self._vpcd.remove()
            self._vpcd = None
        else:
            self.reader.remove()

    def check_status(self, number: str) -> str:
        """From home: the status check of ``number``; returns what it says, then home again."""
        self.tap("statusButton")
        self.wait_step(Step.STATUS_ENTRY)
        self.type_keys(number)
        self.tap("statusSubmitButton")
        self.wait_step(Step.STATUS_RESULT)
        result = self.text("statusResult")
        self.tap("doneButton")
        self.wait_step(Step.HOME)
        return result

    def screen(self) -> QWidget:
        """The current screen."""
        screen = self.window.current_screen()
        assert screen is not None
        return screen


@pytest.fixture
def kiosk_config(demo_config: Config, tmp_path: Path) -> Config:
    """A demo configuration where every certificate is available now."""
    return always_open(demo_config, tmp_path)


def running_kiosk(
    qtbot: QtBot, qapp: QApplication, config: Config, desktop: bool = False
) -> Iterator[KioskUnderTest]:
    """A kiosk window on the devices the configuration names, shown; shut down afterwards."""
    services = open_services(config, desktop=desktop)
    window = build_window(
        qapp, config, services=services, voice=RecordingPrompter(), desktop=desktop
    )
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    yield KioskUnderTest(qtbot, window, services)
    window.shutdown()
    window.languages.switch_to(Language.EN)


@pytest.fixture
def kiosk(qtbot: QtBot, qapp: QApplication, kiosk_config: Config) -> Iterator[KioskUnderTest]:
    """The kiosk window on simulated devices, shown, in Japanese."""
    yield from running_kiosk(qtbot, qapp, kiosk_config, desktop=False)


@pytest.fixture
def desktop(qtbot: QtBot, qapp: QApplication, kiosk_config: Config) -> Iterator[KioskUnderTest]:
    """Desktop mode: registration and status only, in a normal window."""
    yield from running_kiosk(qtbot, qapp, kiosk_config, desktop=True)


@pytest.fixture
def resident(kiosk_config: Config) -> CardHolder:
    """An adult resident of the demo city."""
    return find_person(kiosk_config, resident=True)
