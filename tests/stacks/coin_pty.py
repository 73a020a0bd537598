"""The ccTalk acceptor + hoppers emulator on a pty: the real serial path, for any test."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import pytest

from drivers.coin_acceptor.emulator import AcceptorModel, CcTalkBusEmulator, HopperModel
from drivers.coin_acceptor.framing import ACCEPTOR_ADDRESS, HOPPER_ADDRESS, ChecksumMode
from drivers.coin_acceptor.pty_emulator import PtyEmulator


@dataclass(frozen=True)
class CoinPtyStack:
    """A running emulator: its device models and the ``cctalk://`` URLs that reach them."""

    emulator: PtyEmulator
    acceptor: AcceptorModel
    hoppers: dict[int, HopperModel]
    options: str

    @property
    def bus(self) -> CcTalkBusEmulator:
        """The emulated bus (fault switches in ``bus.faults``)."""
        return self.emulator.bus

    @property
    def acceptor_url(self) -> str:
        """``devices.coin_acceptor`` for this stack."""
        return f"cctalk://{self.emulator.device_path}?{self.options}&address={ACCEPTOR_ADDRESS}"

    def hopper_url(self, coin_yen: int) -> str:
        """``devices.hoppers["<coin_yen>"]`` for this stack."""
        address = self.hoppers[coin_yen].address
        return f"cctalk://{self.emulator.device_path}?{self.options}&address={address}"


@contextmanager
def coin_pty(
    *,
    checksum: ChecksumMode = ChecksumMode.SIMPLE,
    echo: bool = True,
    hoppers: Sequence[int] = (100, 10),
    level: int = 20,
) -> Iterator[CoinPtyStack]:
    """An acceptor at address 2 and one hopper per value from address 3, served on a pty
    with echo and ~1 ms/byte pacing; stopped (descriptors closed) on exit."""
    acceptor = AcceptorModel()
    hopper_models = {
        yen: HopperModel(yen, level, HOPPER_ADDRESS + index) for index, yen in enumerate(hoppers)
    }
    bus = CcTalkBusEmulator([acceptor, *hopper_models.values()], checksum)
    options = f"checksum={checksum.value}&echo={int(echo)}"
    with PtyEmulator(bus, echo=echo) as emulator:
        yield CoinPtyStack(emulator, acceptor, hopper_models, options)


@pytest.fixture
def coin_pty_stack() -> Iterator[CoinPtyStack]:
    """A CRC-16, echoing ccTalk bus with 100 and 10 yen hoppers on a pty."""
    with coin_pty(checksum=ChecksumMode.CRC16) as stack:
        yield stack
