"""One shape per device kind: an abstract interface that the backend and its simulator share."""

from __future__ import annotations

import inspect

import pytest

from drivers.coin_acceptor.acceptor import CcTalkCoinAcceptor, CoinAcceptor
from drivers.coin_acceptor.hopper import CcTalkHopper, Hopper
from drivers.coin_acceptor.sim import SimCoinAcceptor, SimHopper
from drivers.device import DeviceABC
from drivers.nfc.pcsc import PcscCardReader
from drivers.nfc.reader import CardReader
from drivers.nfc.sim import SimCardReader
from drivers.printer.a4 import A4Printer
from drivers.printer.a4_sim import SimA4Printer
from drivers.printer.ipp import IppA4Printer
from drivers.printer.receipt import EscposReceiptPrinter, ReceiptPrinter
from drivers.printer.receipt_sim import SimReceiptPrinter

KINDS: dict[type, tuple[type, type]] = {
    CardReader: (PcscCardReader, SimCardReader),
    CoinAcceptor: (CcTalkCoinAcceptor, SimCoinAcceptor),
    Hopper: (CcTalkHopper, SimHopper),
    A4Printer: (IppA4Printer, SimA4Printer),
    ReceiptPrinter: (EscposReceiptPrinter, SimReceiptPrinter),
}


@pytest.mark.parametrize("kind", list(KINDS), ids=lambda kind: kind.__name__)
def test_backend_and_simulator_share_their_kinds_abstract_interface(kind: type) -> None:
    assert inspect.isabstract(kind)
    assert issubclass(kind, DeviceABC)  # closable, and a context manager
    for implementation in KINDS[kind]:
        assert issubclass(implementation, kind)
        assert not inspect.isabstract(implementation), implementation.__abstractmethods__


def test_the_kinds_are_distinct() -> None:
    for kind in KINDS:
        others = [other for other in KINDS if other is not kind]
        assert not any(issubclass(kind, other) for other in others)
