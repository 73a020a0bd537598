"""The ccTalk emulator as the device end of a pseudo-terminal, with echo and 9600-baud pacing."""

from __future__ import annotations

import logging
import os
import pty
import select
import threading
import time
import tty
from types import TracebackType

from drivers.coin_acceptor.emulator import BYTE_TIME, CcTalkBusEmulator

_log = logging.getLogger(__name__)

#: Delay between the end of a request and the first reply byte, in seconds.
REPLY_DELAY = 0.002


class PtyEmulator:
    """Serves ``bus`` on a pty; the host opens :attr:`device_path` like a USB-serial adapter.

    With ``echo`` the host's own bytes come back first, as on the single-wire bus; every byte
    is written ``byte_time`` seconds after the previous one (about 1.04 ms at 9600 baud).
    """

    def __init__(
        self, bus: CcTalkBusEmulator, *, echo: bool = True, byte_time: float = BYTE_TIME
    ) -> None:
        self.bus = bus
        self.echo = echo
        self.byte_time = byte_time
        self._master, self._slave = pty.openpty()
        tty.setraw(self._slave)
        self.device_path = os.ttyname(self._slave)
        self._wake_r, self._wake_w = os.pipe()
        self._stopping = threading.Event()
        self._write_lock = threading.Lock()
        self._thread = threading.Thread(target=self._serve, name="cctalk-pty-emulator", daemon=True)
        self._unplugged = False

    def __enter__(self) -> PtyEmulator:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def start(self) -> None:
        """Start serving in a thread."""
        self._thread.start()

    def stop(self) -> None:
        """Stop serving and close every descriptor."""
        self._stopping.set()
        os.write(self._wake_w, b"x")
        if self._thread.is_alive():
            self._thread.join()
        for fd in (self._wake_r, self._wake_w, self._slave):
            os.close(fd)
        self.unplug()

    def unplug(self) -> None:
        """Close the device side: the host's next read fails as with a pulled USB adapter."""
        with self._write_lock:
            if not self._unplugged:
                self._unplugged = True
                os.close(self._master)

    def inject(self, data: bytes) -> None:
        """Send bytes the host did not ask for (line noise)."""
        self._send(data, time.monotonic())

    def _serve(self) -> None:
        while not self._stopping.is_set():
            try:
                ready, _, _ = select.select([self._master, self._wake_r], [], [], 0.5)
                if self._master not in ready or self._stopping.is_set():
                    continue
                data = os.read(self._master, 512)
            except (OSError, ValueError):
                return
            now = time.monotonic()
            start = now + len(data) * self.byte_time
            if self.echo:
                self._send(data, now)
            for reply in self.bus.receive(data, start):
                late = self.bus.faults.take_lateness()
                self._send(reply, time.monotonic() + REPLY_DELAY + late)

    def _send(self, data: bytes, start: float) -> None:
        """Write ``data`` paced at ``byte_time`` per byte, beginning at ``start``."""
        for index in range(len(data)):
            delay = start + index * self.byte_time - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            with self._write_lock:
                if self._unplugged:
                    return
                try:
                    os.write(self._master, data[index : index + 1])
                except OSError as exc:
                    _log.debug("pty write failed: %s", exc)
                    return
