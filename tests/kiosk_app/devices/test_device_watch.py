"""The device services tell a watcher (the home screen) what the printer and acceptor can do."""

from __future__ import annotations

import queue
from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.coin_acceptor.sim import SimCoinAcceptor
from drivers.printer.a4_sim import SimA4Printer
from kiosk_app.availability import Device, DeviceState, Problem
from kiosk_app.config import Config
from kiosk_app.devices.opening import open_services
from kiosk_app.devices.services import DeviceServices
from kiosk_app.payment.journal import EntryKind
from kiosk_app.session.ports import ServiceError
from kiosk_app.session.steps import NoticeKind
from tests.support.gui import always_open


class Watcher:
    """Keeps what the services report (from any thread): in order, and queued per device."""

    def __init__(self) -> None:
        self.states: list[DeviceState] = []
        self.acceptor: queue.Queue[DeviceState] = queue.Queue()

    def emit_device_state(self, state: DeviceState) -> None:
        self.states.append(state)
        if state.device is Device.COIN_ACCEPTOR:
            self.acceptor.put(state)


@pytest.fixture
def watched(demo_config: Config, tmp_path: Path) -> Iterator[tuple[DeviceServices, Watcher]]:
    """The services on sim devices with a watcher."""
    services = open_services(always_open(demo_config, tmp_path))
    watcher = Watcher()
    services.watch(watcher)
    yield services, watcher
    services.close()


@pytest.mark.parametrize(
    ("switch", "kind", "problem"),
    [
        ("paper_out", NoticeKind.PAPER_OUT, Problem.PAPER_OUT),
        ("jam", NoticeKind.PRINTER_FAULT, Problem.FAULT),
        ("cover_open", NoticeKind.PRINTER_FAULT, Problem.FAULT),
        ("offline", NoticeKind.PRINTER_FAULT, Problem.FAULT),
    ],
)
def test_check_printers(
    watched: tuple[DeviceServices, Watcher], switch: str, kind: NoticeKind, problem: Problem
) -> None:
    services, watcher = watched
    assert isinstance(services.a4, SimA4Printer)
    services.check_printers()  # fine: no error
    setattr(services.a4, switch, True)
    with pytest.raises(ServiceError) as caught:
        services.check_printers()
    assert caught.value.notice.kind is kind
    assert caught.value.notice.before_payment
    setattr(services.a4, switch, False)
    services.check_printers()
    assert watcher.states == [
        DeviceState(Device.A4_PRINTER),
        DeviceState(Device.A4_PRINTER, problem),
        DeviceState(Device.A4_PRINTER),
    ]
    assert not any(e.kind is EntryKind.OPENED for e in services.payment.journal.entries())


def test_acceptor_offline_and_online_reach_the_watcher(
    watched: tuple[DeviceServices, Watcher],
) -> None:
    services, watcher = watched
    acceptor = services.payment.acceptor
    assert isinstance(acceptor, SimCoinAcceptor)
    acceptor.poll_interval = 0.01
    acceptor.link.retries = 0
    acceptor.faults.drop_replies = 1_000_000  # the acceptor stops answering
    assert watcher.acceptor.get(timeout=10) == DeviceState(Device.COIN_ACCEPTOR, Problem.OFFLINE)
    acceptor.faults.drop_replies = 0
    assert watcher.acceptor.get(timeout=10) == DeviceState(Device.COIN_ACCEPTOR)
