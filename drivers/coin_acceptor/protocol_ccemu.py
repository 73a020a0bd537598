"""pyserial URL handler ``ccemu://``: the ccTalk emulator as an in-process serial port.

``ccemu://?hoppers=100,10&checksum=crc16&echo=1&pace=1&coin_period=0.05`` gives a port whose
``bus`` attribute is the :class:`CcTalkBusEmulator` (an acceptor at 2, hoppers from 3 up).
``pace=1`` releases bytes at 9600-baud speed (~1.04 ms/byte), ``pace=0`` at once.
"""

from __future__ import annotations

import threading
import time
import urllib.parse
from collections import deque
from typing import Any

import serial
from serial.serialutil import PortNotOpenError, SerialBase, SerialException

from drivers.coin_acceptor.emulator import (
    BYTE_TIME,
    AcceptorModel,
    CcTalkBusEmulator,
    DeviceModel,
    HopperModel,
)
from drivers.coin_acceptor.framing import HOPPER_ADDRESS, ChecksumMode

#: Delay between the end of a request and the first reply byte, in seconds.
REPLY_DELAY = 0.002

_PACKAGE = "drivers.coin_acceptor"


def register() -> None:
    """Let ``serial.serial_for_url`` open ``ccemu://`` URLs (idempotent)."""
    if _PACKAGE not in serial.protocol_handler_packages:
        serial.protocol_handler_packages.append(_PACKAGE)


def bus_from_url(url: str) -> tuple[CcTalkBusEmulator, bool, bool]:
    """The emulated bus, echo flag and pacing flag a ``ccemu://`` URL describes."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "ccemu":
        raise SerialException(f"expected a ccemu:// URL, got {url!r}")
    options = dict(urllib.parse.parse_qsl(parts.query))
    known = {"hoppers", "checksum", "echo", "pace", "coin_period", "acceptor", "level"}
    unknown = set(options) - known
    if unknown:
        raise SerialException(f"unknown ccemu option(s): {', '.join(sorted(unknown))}")
    try:
        devices: list[DeviceModel] = []
        if options.get("acceptor", "1") == "1":
            devices.append(AcceptorModel())
        period = float(options.get("coin_period", "0"))
        level = int(options.get("level", "0"))
        hopper_values = [int(v) for v in options.get("hoppers", "").split(",") if v]
        for offset, yen in enumerate(hopper_values):
            devices.append(HopperModel(yen, level, HOPPER_ADDRESS + offset, coin_period=period))
        mode = ChecksumMode(options.get("checksum", "simple"))
    except ValueError as exc:
        raise SerialException(f"bad ccemu URL {url!r}: {exc}") from exc
    bus = CcTalkBusEmulator(devices, mode)
    return bus, options.get("echo", "0") == "1", options.get("pace", "0") == "1"


class Serial(SerialBase):
    """An in-process serial port whose far end is a ccTalk bus emulator."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.bus: CcTalkBusEmulator | None = None
        self.echo = False
        self.pace = False
        self._pending: deque[tuple[float, int]] = deque()
        self._cond = threading.Condition()
        self._line_free_at = 0.0
        super().__init__(*args, **kwargs)

    @classmethod
    def for_bus(cls, bus: CcTalkBusEmulator, *, echo: bool = False, pace: bool = False) -> Serial:
        """An open port in front of an existing emulated bus."""
        port = cls(None)
        port.bus, port.echo, port.pace = bus, echo, pace
        port.port = "ccemu://bus"
        port.open()
        return port

    def open(self) -> None:
        """Build the emulator from the URL (unless given) and open."""
        if self.is_open:
            raise SerialException("Port is already open.")
        if self.port is None:
            raise SerialException("Port must be configured before it can be used.")
        if self.bus is None:
            self.bus, self.echo, self.pace = bus_from_url(str(self.port))
        self.is_open = True

    def close(self) -> None:
        """Close; a blocked read returns."""
        with self._cond:
            self.is_open = False
            self._cond.notify_all()

    def _reconfigure_port(self) -> None:
        """Line settings mean nothing to the emulator."""

    def _update_dtr_state(self) -> None:
        """No modem lines."""

    def _update_rts_state(self) -> None:
        """No modem lines."""

    @property
    def in_waiting(self) -> int:
        """Bytes whose arrival time has come."""
        if not self.is_open:
            raise PortNotOpenError()
        now = time.monotonic()
        with self._cond:
            return sum(1 for at, _ in self._pending if at <= now)

    def read(self, size: int = 1) -> bytes:
        """Up to ``size`` bytes, waiting at most the port's timeout."""
        if not self.is_open:
            raise PortNotOpenError()
        timeout = self.timeout
        deadline = None if timeout is None else time.monotonic() + timeout
        data = bytearray()
        with self._cond:
            while len(data) < size and self.is_open:
                now = time.monotonic()
                while self._pending and self._pending[0][0] <= now and len(data) < size:
                    data.append(self._pending.popleft()[1])
                if len(data) >= size or (deadline is not None and now >= deadline):
                    break
                wake = deadline
                if self._pending:
                    wake = self._pending[0][0] if wake is None else min(wake, self._pending[0][0])
                self._cond.wait(None if wake is None else max(0.0, wake - now))
        return bytes(data)

    def write(self, data: bytes) -> int:  # type: ignore[override]
        """Send bytes to the bus; queue the echo and the replies with their arrival times."""
        if not self.is_open or self.bus is None:
            raise PortNotOpenError()
        data = bytes(data)
        now = time.monotonic()
        step = BYTE_TIME if self.pace else 0.0
        at = max(now, self._line_free_at)
        with self._cond:
            if self.echo:
                for byte in data:
                    at += step
                    self._pending.append((at, byte))
            else:
                at += step * len(data)
            for reply in self.bus.receive(data, now):
                at += (REPLY_DELAY if self.pace else 0.0) + self.bus.faults.take_lateness()
                for byte in reply:
                    at += step
                    self._pending.append((at, byte))
            self._line_free_at = at
            self._cond.notify_all()
        return len(data)

    def reset_input_buffer(self) -> None:
        """Drop the bytes that have already arrived."""
        now = time.monotonic()
        with self._cond:
            while self._pending and self._pending[0][0] <= now:
                self._pending.popleft()

    def reset_output_buffer(self) -> None:
        """Nothing is buffered on the way out."""

    def flush(self) -> None:
        """Writes complete at once."""

    def inject(self, data: bytes) -> None:
        """Put bytes on the line from outside (noise that arrives unasked)."""
        now = time.monotonic()
        with self._cond:
            self._pending.extend((now, byte) for byte in data)
            self._cond.notify_all()
