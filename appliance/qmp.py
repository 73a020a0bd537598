"""A small QMP (QEMU Machine Protocol) client: commands, events, screen dumps and touch taps."""

from __future__ import annotations

import contextlib
import json
import socket
import time
from pathlib import Path
from typing import Any

#: usb-tablet's absolute axes run 0..0x7fff over the whole screen.
ABS_MAX = 0x7FFF


class QmpError(Exception):
    """QEMU answered a command with an error, or the monitor went away."""


def command(name: str, arguments: dict[str, Any] | None = None) -> bytes:
    """One QMP command as the line sent to QEMU."""
    message: dict[str, Any] = {"execute": name}
    if arguments:
        message["arguments"] = arguments
    return json.dumps(message, separators=(",", ":")).encode() + b"\n"


def scale(position: int, size: int) -> int:
    """A pixel coordinate on a ``size``-pixel axis as usb-tablet's absolute value."""
    if not 0 <= position < size:
        raise ValueError(f"{position} is outside 0..{size - 1}")
    return round(position * ABS_MAX / max(size - 1, 1))


def tap_events(x: int, y: int, width: int, height: int, down: bool) -> list[dict[str, Any]]:
    """input-send-event events: move the pointer to (x, y), then press or release."""
    return [
        {"type": "abs", "data": {"axis": "x", "value": scale(x, width)}},
        {"type": "abs", "data": {"axis": "y", "value": scale(y, height)}},
        {"type": "btn", "data": {"button": "left", "down": down}},
    ]


class Qmp:
    """A connected QMP monitor on a unix socket (``-qmp unix:PATH,server=on,wait=off``)."""

    def __init__(self, path: Path, timeout_s: float = 30.0) -> None:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self._sock.connect(str(path))
                break
            except OSError:
                self._sock.close()
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        self._sock.settimeout(timeout_s)
        self._file = self._sock.makefile("rb")
        self.events: list[dict[str, Any]] = []
        greeting = self._read()
        if "QMP" not in greeting:
            raise QmpError(f"no QMP greeting: {greeting}")
        self.execute("qmp_capabilities")

    def _read(self) -> dict[str, Any]:
        line = self._file.readline()
        if not line:
            raise QmpError("QEMU closed the monitor")
        reply: dict[str, Any] = json.loads(line)
        return reply

    def execute(self, name: str, arguments: dict[str, Any] | None = None) -> Any:
        """Run a command and return its result (events that arrive meanwhile are kept)."""
        self._sock.sendall(command(name, arguments))
        while True:
            reply = self._read()
            if "event" in reply:
                self.events.append(reply)
                continue
            if "error" in reply:
                raise QmpError(f"{name}: {reply['error']}")
            return reply.get("return")

    def screendump(self, path: Path) -> None:
        """The guest's screen as a PNG file."""
        self.execute("screendump", {"filename": str(path), "format": "png"})

    def tap(self, x: int, y: int, width: int, height: int) -> None:
        """A finger tap at pixel (x, y) of a ``width`` x ``height`` screen (usb-tablet)."""
        self.execute("input-send-event", {"events": tap_events(x, y, width, height, True)})
        self.execute("input-send-event", {"events": tap_events(x, y, width, height, False)})

    def quit(self) -> None:
        """Power off at once (no shutdown in the guest)."""
        with contextlib.suppress(QmpError, OSError):
            self.execute("quit")

    def close(self) -> None:
        """Close the monitor connection."""
        self._file.close()
        self._sock.close()
