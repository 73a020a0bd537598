"""The ESC/POS receipt printer emulator on a loopback TCP port, for tests of the receipt path."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from drivers.printer.escpos_emulator import EscPosTcpEmulator


@contextmanager
def running_escpos_emulator() -> Iterator[EscPosTcpEmulator]:
    """An emulated networked receipt printer; its ``url`` is an ``escpos+tcp://`` URL."""
    emulator = EscPosTcpEmulator()
    try:
        yield emulator
    finally:
        emulator.close()


@pytest.fixture
def escpos_emulator() -> Iterator[EscPosTcpEmulator]:
    """A fresh emulated receipt printer (paper loaded, cover closed) for one test."""
    with running_escpos_emulator() as emulator:
        yield emulator
