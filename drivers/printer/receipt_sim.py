"""The simulated receipt printer: the real layouts and status path over an in-memory emulator."""

from __future__ import annotations

from escpos.escpos import Escpos

from drivers.printer.escpos_emulator import EmulatedReceiptPrinter, EscPosStream, Ticket
from drivers.printer.receipt import EscposReceiptPrinter


class _LoopbackEscpos(Escpos):  # type: ignore[misc]
    """A python-escpos printer whose bytes go straight into an emulated device."""

    def __init__(self, device: EmulatedReceiptPrinter) -> None:
        super().__init__()
        self._stream = EscPosStream(device)
        self._replies = bytearray()

    def open(self, raise_not_found: bool = True) -> None:
        """Nothing to open."""

    def close(self) -> None:
        """Nothing to close."""

    def _raw(self, msg: bytes) -> None:
        self._replies += self._stream.feed(msg)

    def _read(self) -> bytes:
        reply = bytes(self._replies[:1])
        del self._replies[:1]
        return reply


class SimReceiptPrinter(EscposReceiptPrinter):
    """A receipt printer in memory: printed tickets land in ``tray``; paper and cover switches."""

    def __init__(self) -> None:
        self.device = EmulatedReceiptPrinter()
        super().__init__(lambda: _LoopbackEscpos(self.device), "simulated receipt printer")

    @property
    def tray(self) -> list[Ticket]:
        """The tickets printed and cut so far."""
        return self.device.tickets

    def take_all(self) -> list[Ticket]:
        """Empty the tray (the user took the paper) and return what was in it."""
        with self.device.lock:
            taken = list(self.device.tickets)
            self.device.tickets.clear()
        return taken

    @property
    def paper_out(self) -> bool:
        """Whether the roll is empty."""
        return self.device.paper_end

    @paper_out.setter
    def paper_out(self, value: bool) -> None:
        self.device.paper_end = value

    @property
    def paper_near_end(self) -> bool:
        """Whether the roll is near its end."""
        return self.device.paper_near_end

    @paper_near_end.setter
    def paper_near_end(self, value: bool) -> None:
        self.device.paper_near_end = value

    @property
    def cover_open(self) -> bool:
        """Whether the cover is open."""
        return self.device.cover_open

    @cover_open.setter
    def cover_open(self, value: bool) -> None:
        self.device.cover_open = value

    @property
    def jam(self) -> bool:
        """Whether the auto-cutter is jammed."""
        return self.device.cutter_error

    @jam.setter
    def jam(self, value: bool) -> None:
        self.device.cutter_error = value
