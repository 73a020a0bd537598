"""Fixtures for the ccTalk driver tests: links to in-process emulated buses."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import serial

from drivers.coin_acceptor.emulator import CcTalkBusEmulator
from drivers.coin_acceptor.link import CcTalkLink
from drivers.coin_acceptor.protocol_ccemu import Serial as EmulatorSerial
from drivers.coin_acceptor.protocol_ccemu import register

LinkFactory = Callable[..., tuple[CcTalkLink, CcTalkBusEmulator]]


@pytest.fixture
def emulated_link() -> Iterator[LinkFactory]:
    """Open ``ccemu://`` URLs through ``serial.serial_for_url``; closes them afterwards."""
    register()
    opened: list[CcTalkLink] = []

    def make(
        url: str = "ccemu://?hoppers=100", retries: int = 2
    ) -> tuple[CcTalkLink, CcTalkBusEmulator]:
        port = serial.serial_for_url(url)
        assert isinstance(port, EmulatorSerial)
        assert port.bus is not None
        link = CcTalkLink(port, checksum=port.bus.checksum, echo=port.echo, retries=retries)
        opened.append(link)
        return link, port.bus

    yield make
    for link in opened:
        link.close()
