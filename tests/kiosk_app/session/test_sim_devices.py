"""The whole issuance without Qt: the flow on the real device services with ``sim:`` devices."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.coin_acceptor.sim import SimCoinAcceptor
from drivers.nfc.sim import SimCardReader
from drivers.nfc.virtual_card import VirtualMyNumberCard
from drivers.printer.a4_sim import SimA4Printer
from issuance_contract.certificates import CertificateType
from kiosk_app.config import Config
from kiosk_app.devices.opening import open_services
from kiosk_app.devices.services import DeviceServices
from kiosk_app.session.kiosk import Kiosk
from kiosk_app.session.loop import LoopExecutor
from kiosk_app.session.model import PaymentProgress, PaymentResult
from kiosk_app.session.steps import Ending, Step
from kiosk_app.voice.prompter import RecordingPrompter
from tests.support.card_holders import find_person
from tests.support.gui import always_open


class LoopEvents:
    """Device events posted to the kiosk through the loop (what the Qt bridge does with signals)."""

    def __init__(self, executor: LoopExecutor, kiosk: Kiosk) -> None:
        self.executor, self.kiosk = executor, kiosk

    def emit_card_inserted(self) -> None:
        self.executor.post(self.kiosk.card_inserted)

    def emit_card_removed(self) -> None:
        self.executor.post(self.kiosk.card_removed)

    def emit_payment_update(self, state: PaymentProgress) -> None:
        self.executor.post(lambda: self.kiosk.payment_updated(state))

    def emit_payment_finished(self, result: PaymentResult) -> None:
        self.executor.post(lambda: self.kiosk.payment_finished(result))


@pytest.fixture
def config(demo_config: Config, tmp_path: Path) -> Config:
    return always_open(demo_config, tmp_path)


@pytest.fixture
def running(config: Config) -> Iterator[tuple[Kiosk, LoopExecutor, DeviceServices]]:
    services = open_services(config)
    executor = LoopExecutor()
    kiosk = Kiosk(config, services, executor, RecordingPrompter())
    services.attach(LoopEvents(executor, kiosk))
    yield kiosk, executor, services
    executor.close()  # the background jobs (a session's end at the server) first, as the app does
    services.close()


def test_issuance_on_sim_devices_without_qt(
    running: tuple[Kiosk, LoopExecutor, DeviceServices], config: Config
) -> None:
    kiosk, loop, services = running
    reader, a4 = services.reader, services.a4
    assert isinstance(reader, SimCardReader)
    assert isinstance(a4, SimA4Printer)

    def reach(step: Step) -> None:
        assert loop.pump(lambda: kiosk.step is step, timeout=20), kiosk.step

    flow = kiosk.start_issuance()
    card = find_person(config, resident=True).card.make_card()
    assert isinstance(card, VirtualMyNumberCard)
    reader.insert(card)
    reach(Step.PIN)
    for digit in "1234":
        flow.press_digit(digit)
    flow.submit_pin()
    reach(Step.REMOVE_CARD)
    reader.remove()
    reach(Step.MENU)
    assert flow.choose(CertificateType.INKAN)
    flow.copies_done()
    flow.confirm()
    reach(Step.PAYING)
    assert loop.pump(lambda: services.payment.current is not None, timeout=20)
    acceptor = services.payment.acceptor
    assert isinstance(acceptor, SimCoinAcceptor)
    assert acceptor.insert_coin(500)
    reach(Step.TAKE_ITEMS)
    assert flow.data.change_yen == 300
    assert [job.complete for job in a4.take_all()] == [True]
    flow.acknowledge()
    assert kiosk.last_ending is Ending.SUCCESS
    assert flow.data.token is None
