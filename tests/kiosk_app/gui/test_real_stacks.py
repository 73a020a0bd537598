"""One whole issuance through the real stacks: pcscd + vpcd, ccTalk on a pty, IPP, ESC/POS TCP."""

from __future__ import annotations

from collections.abc import Iterator

import msgspec
import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from drivers.printer.escpos_emulator import EscPosTcpEmulator
from kiosk_app.config import Config
from kiosk_app.session.steps import Ending, Step
from tests.kiosk_app.gui.test_issuance import order_juminhyo
from tests.stacks.coin_pty import CoinPtyStack
from tests.stacks.ippeveprinter import IppEveStack
from tests.stacks.pcscd import PcscdStack
from tests.support.card_holders import CardHolder
from tests.support.gui import KioskUnderTest, running_kiosk


@pytest.fixture
def stack_kiosk(
    qtbot: QtBot,
    qapp: QApplication,
    kiosk_config: Config,
    pcscd_stack: PcscdStack,
    coin_pty_stack: CoinPtyStack,
    ippeveprinter: IppEveStack,
    escpos_emulator: EscPosTcpEmulator,
) -> Iterator[KioskUnderTest]:
    """The kiosk with every device URL pointing at a real service stack."""
    devices = msgspec.structs.replace(
        kiosk_config.devices,
        card_reader=pcscd_stack.reader_url(),
        coin_acceptor=coin_pty_stack.acceptor_url,
        hoppers={str(c): coin_pty_stack.hopper_url(c) for c in coin_pty_stack.hoppers},
        a4_printer=ippeveprinter.url,
        receipt_printer=escpos_emulator.url,
    )
    yield from running_kiosk(qtbot, qapp, msgspec.structs.replace(kiosk_config, devices=devices))


@pytest.mark.integration
def test_issuance_through_the_real_stacks(
    stack_kiosk: KioskUnderTest,
    resident: CardHolder,
    pcscd_stack: PcscdStack,
    coin_pty_stack: CoinPtyStack,
    ippeveprinter: IppEveStack,
    escpos_emulator: EscPosTcpEmulator,
) -> None:
    kiosk = stack_kiosk
    hundreds = coin_pty_stack.hoppers[100].level
    kiosk.tap("issueButton")
    kiosk.card_and_pin(resident, vpcd=pcscd_stack)
    kiosk.wait_step(Step.MENU)
    order_juminhyo(kiosk, copies=1)
    kiosk.insert_coin(500, slot=coin_pty_stack.acceptor)
    kiosk.wait_step(Step.TAKE_ITEMS, timeout=60_000)
    assert coin_pty_stack.hoppers[100].level == hundreds - 3  # 300 yen change
    received = ippeveprinter.received()
    assert len(received) == 1
    assert received[0].read_bytes().startswith(b"%PDF")
    attributes = ippeveprinter.job_attributes(received[0])
    assert attributes["IPP_JOB_NAME"] == "shomei-kiosk"  # never personal data
    assert attributes["IPP_SIDES"] == "two-sided-long-edge"
    assert len(escpos_emulator.device.wait_for_tickets(1, timeout=10)) == 1
    kiosk.tap("doneButton")
    kiosk.wait_step(Step.HOME)
    assert kiosk.window.kiosk.last_ending is Ending.SUCCESS
