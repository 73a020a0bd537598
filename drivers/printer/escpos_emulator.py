"""An ESC/POS receipt printer emulator: parses the byte stream into tickets and answers DLE EOT.

`EmulatedReceiptPrinter` is the device (paper, cover and cutter state, printed tickets);
`EscPosStream` parses one connection's bytes; `EscPosTcpEmulator` serves the device on a
loopback TCP port (like a networked printer on port 9100). The sim receipt printer and the tests
use the same parser, so what a test reads is what the byte stream says.
"""

from __future__ import annotations

import logging
import socketserver
import threading
from dataclasses import dataclass, field
from types import TracebackType

from drivers.printer import status_bits as sb

logger = logging.getLogger(__name__)

ESC, GS, FS, DLE, LF, CR = 0x1B, 0x1D, 0x1C, 0x10, 0x0A, 0x0D
#: ESC/GS commands the parser skips, with the number of argument bytes each takes.
_ESC_ARGS = {
    ord("-"): 1, ord("M"): 1, ord("{"): 1, ord("t"): 1, ord("G"): 1, ord("V"): 1,
    ord("2"): 0, ord("3"): 1, ord("J"): 1, ord("d"): 1, ord("R"): 1, ord("c"): 2,
}  # fmt: skip
_GS_ARGS = {
    ord("b"): 1, ord("B"): 1, ord("L"): 2, ord("W"): 2, ord("h"): 1, ord("w"): 1,
    ord("H"): 1, ord("f"): 1, ord("a"): 1,
}  # fmt: skip
_ALIGN = {0: "left", 1: "center", 2: "right", 48: "left", 49: "center", 50: "right"}
_QR_ECC = {48: "L", 49: "M", 50: "Q", 51: "H"}


@dataclass(frozen=True)
class PrintedLine:
    """One printed text line and how it was formatted."""

    text: str
    align: str = "left"
    bold: bool = False
    double_width: bool = False
    double_height: bool = False


@dataclass(frozen=True)
class PrintedQr:
    """A QR code printed with GS ( k: its data, module size and error-correction level."""

    data: str
    module_size: int
    error_correction: str


@dataclass
class Ticket:
    """What came out of the printer up to one cut."""

    items: list[PrintedLine | PrintedQr] = field(default_factory=list)
    cut: bool = False

    @property
    def lines(self) -> list[PrintedLine]:
        """The text lines, in order."""
        return [item for item in self.items if isinstance(item, PrintedLine)]

    @property
    def text(self) -> str:
        """The text lines joined by newlines."""
        return "\n".join(line.text for line in self.lines)

    @property
    def qr_codes(self) -> list[PrintedQr]:
        """The QR codes, in order."""
        return [item for item in self.items if isinstance(item, PrintedQr)]


@dataclass
class _Format:
    align: str = "left"
    bold: bool = False
    double_width: bool = False
    double_height: bool = False


class EmulatedReceiptPrinter:
    """The emulated device: paper and cover switches, finished tickets, the ticket in progress."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self._cut = threading.Condition(self.lock)
        self.paper_end = False
        self.paper_near_end = False
        self.cover_open = False
        self.cutter_error = False
        self.tickets: list[Ticket] = []
        self.current = Ticket()
        self.unknown_commands: list[bytes] = []
        self.dropped_bytes = 0
        self.status_requests: list[int] = []

    @property
    def offline(self) -> bool:
        """Whether the printer has stopped (paper end, cover open or an error)."""
        return self.paper_end or self.cover_open or self.cutter_error

    def status_byte(self, kind: int) -> int:
        """The answer to DLE EOT ``kind``."""
        value = sb.FIXED_BITS
        if kind == sb.StatusKind.PRINTER and self.offline:
            value |= sb.PRINTER_OFFLINE
        elif kind == sb.StatusKind.OFFLINE_CAUSE:
            value |= sb.COVER_OPEN if self.cover_open else 0
            value |= sb.PAPER_END_STOP if self.paper_end else 0
            value |= sb.ERROR_OCCURRED if self.cutter_error else 0
        elif kind == sb.StatusKind.ERROR_CAUSE and self.cutter_error:
            value |= sb.AUTOCUTTER_ERROR
        elif kind == sb.StatusKind.PAPER_SENSOR:
            value |= sb.PAPER_NEAR_END if self.paper_near_end or self.paper_end else 0
            value |= sb.PAPER_END if self.paper_end else 0
        return value

    def add(self, item: PrintedLine | PrintedQr) -> None:
        """Put a line or QR code on the ticket in progress (unless the printer has stopped)."""
        if not self.offline:
            self.current.items.append(item)

    def cut(self) -> None:
        """Finish the ticket in progress."""
        if not self.offline:
            self.current.cut = True
            self.tickets.append(self.current)
            self.current = Ticket()
            self._cut.notify_all()

    def wait_for_tickets(self, count: int, timeout: float = 5.0) -> list[Ticket]:
        """Wait until ``count`` tickets have been cut (bytes arrive asynchronously over TCP)."""
        with self._cut:
            self._cut.wait_for(lambda: len(self.tickets) >= count, timeout)
            return list(self.tickets)


class EscPosStream:
    """Parses one connection's ESC/POS bytes into the device; returns the status answers."""

    def __init__(self, device: EmulatedReceiptPrinter) -> None:
        self.device = device
        self._buffer = bytearray()
        self._format = _Format()
        self._line_format: _Format | None = None
        self._segments: list[tuple[bytes, bool]] = []
        self._kanji = False
        self._qr_data = b""
        self._qr_size = 3
        self._qr_ecc = "L"

    def feed(self, data: bytes) -> bytes:
        """Parse ``data`` (any split of the stream); returns the bytes the printer sends back."""
        self._buffer += data
        replies = bytearray()
        with self.device.lock:
            while self._buffer:
                used, reply = self._parse_one()
                if used == 0:
                    break
                if self.device.offline and reply is None and self._buffer[0] != DLE:
                    self.device.dropped_bytes += used
                del self._buffer[:used]
                if reply is not None:
                    replies.append(reply)
        return bytes(replies)

    # -- one command ---------------------------------------------------------------------------
    def _parse_one(self) -> tuple[int, int | None]:
        """Parse the command at the buffer's start: (bytes used, 0 if incomplete; status reply)."""
        buf = self._buffer
        first = buf[0]
        if first == LF:
            self._end_line()
            return 1, None
        if first == CR:
            return 1, None
        if first == DLE:
            return self._dle(buf)
        if first == ESC:
            return self._esc(buf), None
        if first == GS:
            return self._gs(buf), None
        if first == FS:
            return self._fs(buf), None
        if first < 0x20:
            self.device.unknown_commands.append(bytes(buf[:1]))
            return 1, None
        end = 1
        while end < len(buf) and buf[end] >= 0x20 and buf[end] != 0x7F:
            end += 1
        if self._line_format is None:
            self._line_format = _Format(**vars(self._format))
        self._segments.append((bytes(buf[:end]), self._kanji))
        return end, None

    def _dle(self, buf: bytearray) -> tuple[int, int | None]:
        if len(buf) < 3:
            return 0, None
        if buf[1] == 0x04:
            self.device.status_requests.append(buf[2])
            return 3, self.device.status_byte(buf[2])
        self.device.unknown_commands.append(bytes(buf[:3]))
        return 3, None

    def _esc(self, buf: bytearray) -> int:
        if len(buf) < 2:
            return 0
        command = buf[1]
        if command == ord("@"):
            self._format = _Format()
            self._kanji = False
            return 2
        if command in (ord("!"), ord("E"), ord("a")):
            if len(buf) < 3:
                return 0
            value = buf[2]
            if command == ord("!"):
                self._format.bold = bool(value & 0x08)
                self._format.double_height = bool(value & 0x10)
                self._format.double_width = bool(value & 0x20)
            elif command == ord("E"):
                self._format.bold = bool(value & 1)
            else:
                self._format.align = _ALIGN.get(value, "left")
            return 3
        return self._skip(buf, _ESC_ARGS.get(command))

    def _gs(self, buf: bytearray) -> int:
        if len(buf) < 2:
            return 0
        command = buf[1]
        if command == ord("!"):
            if len(buf) < 3:
                return 0
            self._format.double_width = (buf[2] >> 4) > 0
            self._format.double_height = (buf[2] & 0x0F) > 0
            return 3
        if command == ord("V"):
            if len(buf) < 3:
                return 0
            needs = 4 if buf[2] in (65, 66) else 3
            if len(buf) < needs:
                return 0
            self._end_line(only_if_pending=True)
            self.device.cut()
            return needs
        if command == ord("("):
            return self._gs_paren(buf)
        return self._skip(buf, _GS_ARGS.get(command))

    def _gs_paren(self, buf: bytearray) -> int:
        if len(buf) < 5:
            return 0
        length = buf[3] | buf[4] << 8
        if len(buf) < 5 + length:
            return 0
        body = bytes(buf[5 : 5 + length])
        if buf[2] == ord("k") and len(body) >= 2 and body[0] == ord("1"):
            self._qr_function(body[1], body[2:])
        else:
            self.device.unknown_commands.append(bytes(buf[:3]))
        return 5 + length

    def _qr_function(self, function: int, args: bytes) -> None:
        if function == ord("C") and args:
            self._qr_size = args[0]
        elif function == ord("E") and args:
            self._qr_ecc = _QR_ECC.get(args[0], "?")
        elif function == ord("P"):
            self._qr_data = args[1:]
        elif function == ord("Q"):
            self._end_line(only_if_pending=True)
            data = self._qr_data.decode("utf-8", "replace")
            self.device.add(PrintedQr(data, self._qr_size, self._qr_ecc))

    def _fs(self, buf: bytearray) -> int:
        if len(buf) < 2:
            return 0
        command = buf[1]
        if command == ord("&"):
            self._kanji = True
            return 2
        if command == ord("."):
            self._kanji = False
            return 2
        return self._skip(buf, {ord("C"): 1, ord("!"): 1, ord("-"): 1}.get(command))

    def _skip(self, buf: bytearray, arguments: int | None) -> int:
        if arguments is None:
            self.device.unknown_commands.append(bytes(buf[:2]))
            return 2
        if len(buf) < 2 + arguments:
            return 0
        return 2 + arguments

    def _end_line(self, *, only_if_pending: bool = False) -> None:
        if only_if_pending and not self._segments:
            return
        runs: list[tuple[bytearray, bool]] = []
        for chunk, kanji in self._segments:
            if runs and runs[-1][1] == kanji:
                runs[-1][0].extend(chunk)
            else:
                runs.append((bytearray(chunk), kanji))
        text = "".join(
            chunk.decode("cp932" if kanji else "latin-1", "replace") for chunk, kanji in runs
        )
        fmt = self._line_format or self._format
        self.device.add(PrintedLine(text, fmt.align, fmt.bold, fmt.double_width, fmt.double_height))
        self._segments = []
        self._line_format = None


class _Handler(socketserver.BaseRequestHandler):
    """One TCP connection: bytes in, parsed into the device, status answers out."""

    server: _Server

    def handle(self) -> None:
        stream = EscPosStream(self.server.device)
        while True:
            try:
                data = self.request.recv(4096)
            except OSError:
                return
            if not data:
                return
            reply = stream.feed(data)
            if reply:
                self.request.sendall(reply)


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, device: EmulatedReceiptPrinter) -> None:
        self.device = device
        super().__init__(("127.0.0.1", 0), _Handler)


class EscPosTcpEmulator:
    """The emulated receipt printer served on a free loopback port until closed."""

    def __init__(self) -> None:
        self.device = EmulatedReceiptPrinter()
        self._server = _Server(self.device)
        self.port: int = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), name="escpos-emulator", daemon=True
        )
        self._thread.start()
        logger.debug("ESC/POS emulator on 127.0.0.1:%d", self.port)

    @property
    def url(self) -> str:
        """The receipt printer URL that reaches this emulator."""
        return f"escpos+tcp://127.0.0.1:{self.port}"

    def close(self) -> None:
        """Stop serving and close the listening socket."""
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> EscPosTcpEmulator:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
