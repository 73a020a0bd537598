"""The ccTalk host link: one command, one validated reply, over any pyserial port."""

from __future__ import annotations

import logging
import termios
import threading
import time
from collections.abc import Callable
from typing import Protocol

import serial

from drivers.coin_acceptor.errors import (
    AddressError,
    BusyError,
    CommunicationError,
    EchoError,
    FrameError,
    NakError,
    PortError,
    ReplyTimeoutError,
    UnexpectedReplyError,
)
from drivers.coin_acceptor.framing import (
    HEADER_ACK,
    HEADER_BUSY,
    HEADER_NAK,
    HOST_ADDRESS,
    INTER_BYTE_GAP,
    MAX_DATA_LENGTH,
    ChecksumMode,
    Frame,
    FrameDecoder,
    encode_frame,
)

_log = logging.getLogger(__name__)

#: What a failing or vanished serial port raises (termios.error from tcflush on a dead pty).
_PORT_FAILURES = (serial.SerialException, OSError, ValueError, termios.error)

#: Reply time-out of ordinary commands, in seconds.
DEFAULT_REPLY_TIMEOUT = 0.25

#: How often an idempotent command is retried after a failed exchange.
DEFAULT_RETRIES = 2

#: Pause before retrying after a BUSY reply.
BUSY_BACKOFF = 0.05

#: Granularity of the read loop: the port's read timeout while a reply is awaited.
_READ_SLICE = 0.01


class SerialPort(Protocol):
    """The part of a pyserial port the link uses (``serial_for_url`` returns one)."""

    @property
    def port(self) -> str | None: ...

    @property
    def timeout(self) -> float | None: ...

    @timeout.setter
    def timeout(self, value: float | None) -> None: ...

    @property
    def in_waiting(self) -> int: ...

    def read(self, size: int = 1) -> bytes: ...

    def write(self, data: bytes, /) -> int | None: ...

    def flush(self) -> None: ...

    def reset_input_buffer(self) -> None: ...

    def close(self) -> None: ...


class CcTalkLink:
    """Sends commands to devices on one ccTalk bus and returns their validated reply data.

    Thread-safe: a lock serialises whole exchanges, so an acceptor poller and hoppers can share
    one bus. Only commands marked idempotent are retried (time-out, NAK, BUSY, bad frame).
    """

    def __init__(
        self,
        port: SerialPort,
        *,
        checksum: ChecksumMode = ChecksumMode.SIMPLE,
        echo: bool = False,
        host_address: int = HOST_ADDRESS,
        inter_byte_gap: float = INTER_BYTE_GAP,
        retries: int = DEFAULT_RETRIES,
        reply_timeout: float = DEFAULT_REPLY_TIMEOUT,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._port = port
        self.checksum = checksum
        self.echo = echo
        self.host_address = host_address
        self.inter_byte_gap = inter_byte_gap
        self.retries = retries
        self.reply_timeout = reply_timeout
        self._clock = clock
        self._lock = threading.RLock()
        #: The last exchange ended mid-stream: a late reply may still be on the line.
        self._line_unsettled = False
        try:
            self._port.timeout = _READ_SLICE
        except _PORT_FAILURES as exc:
            raise PortError(f"cannot configure {port.port}: {exc}") from exc

    @property
    def port_name(self) -> str:
        """The port or URL this link talks through."""
        return str(self._port.port)

    def transact(
        self,
        address: int,
        header: int,
        data: bytes = b"",
        *,
        timeout: float | None = None,
        idempotent: bool = True,
        reply_length: int | None = None,
        max_reply_length: int = MAX_DATA_LENGTH,
    ) -> bytes:
        """Send one command and return the reply's data bytes.

        ``reply_length`` (when the command's reply has a fixed size) or ``max_reply_length``
        tighten validation: a longer length byte is noise, skipped without waiting for it, and
        a fixed-size reply of another size is an unexpected reply.
        Non-idempotent commands are sent exactly once; their failure is raised at once.
        ``timeout`` defaults to the link's ``reply_timeout``.
        """
        wait = self.reply_timeout if timeout is None else timeout
        attempts = 1 + (self.retries if idempotent else 0)
        last_error: CommunicationError = ReplyTimeoutError("not attempted")
        for attempt in range(attempts):
            try:
                max_data = max_reply_length if reply_length is None else reply_length
                return self._exchange(address, header, data, wait, reply_length, max_data)
            except BusyError as exc:
                last_error = exc
                time.sleep(BUSY_BACKOFF)
            except CommunicationError as exc:
                last_error = exc
            _log.debug(
                "ccTalk %d→%d header %d attempt %d failed: %s",
                self.host_address,
                address,
                header,
                attempt + 1,
                last_error,
            )
            if not idempotent:
                break
        raise last_error

    def close(self) -> None:
        """Close the serial port."""
        with self._lock:
            try:
                self._port.close()
            except _PORT_FAILURES as exc:
                raise PortError(f"closing {self.port_name}: {exc}") from exc

    def _exchange(
        self,
        address: int,
        header: int,
        data: bytes,
        timeout: float,
        reply_length: int | None,
        max_data: int,
    ) -> bytes:
        request = encode_frame(Frame(address, self.host_address, header, data), self.checksum)
        with self._lock:
            if self._line_unsettled:
                self._await_quiet_line()
            deadline = self._clock() + timeout
            try:
                self._port.reset_input_buffer()
                self._port.write(request)
                self._port.flush()
            except _PORT_FAILURES as exc:
                raise PortError(f"writing to {self.port_name}: {exc}") from exc
            try:
                surplus = self._read_echo(request, deadline) if self.echo else b""
                reply = self._read_reply(address, deadline, max_data, surplus)
            except (ReplyTimeoutError, EchoError, FrameError):
                self._line_unsettled = True
                raise
        if reply.header == HEADER_NAK:
            raise NakError(f"device {address} answered NAK to header {header}")
        if reply.header == HEADER_BUSY:
            raise BusyError(f"device {address} answered BUSY to header {header}")
        if reply.header != HEADER_ACK:
            raise UnexpectedReplyError(f"reply header {reply.header} to header {header}")
        if reply_length is not None and len(reply.data) != reply_length:
            raise UnexpectedReplyError(
                f"header {header} reply has {len(reply.data)} data bytes, expected {reply_length}"
            )
        return reply.data

    def _await_quiet_line(self) -> None:
        """Resynchronise after a failed exchange: discard what arrives until the line has been
        quiet for the inter-byte gap, so that a reply which came after the time-out is not taken
        for the next command's echo or reply (at most ``reply_timeout``: a line that chatters
        longer fails the next exchange by itself)."""
        now = self._clock()
        give_up, quiet_since = now + self.reply_timeout, now
        while now - quiet_since < self.inter_byte_gap and now < give_up:
            if self._read():
                quiet_since = self._clock()
            now = self._clock()
        self._line_unsettled = False

    def _read(self) -> bytes:
        try:
            waiting = self._port.in_waiting
            return bytes(self._port.read(max(1, waiting)))
        except _PORT_FAILURES as exc:
            raise PortError(f"reading from {self.port_name}: {exc}") from exc

    def _read_echo(self, request: bytes, deadline: float) -> bytes:
        """Consume our own bytes; return whatever arrived after them (the reply's start)."""
        echo = bytearray()
        while len(echo) < len(request):
            if self._clock() > deadline:
                raise EchoError(f"echo incomplete: {len(echo)} of {len(request)} bytes")
            echo.extend(self._read())
            if not request.startswith(echo[: len(request)]):
                raise EchoError(f"echo {echo.hex(' ')} differs from {request.hex(' ')}")
        return bytes(echo[len(request) :])

    def _read_reply(self, address: int, deadline: float, max_data: int, surplus: bytes) -> Frame:
        decoder = FrameDecoder(self.checksum, self.inter_byte_gap, max_data)
        last_error: FrameError | None = None
        chunk = surplus
        last_rx = self._clock()
        while True:
            now = self._clock()
            if chunk:
                last_rx = now
            elif (
                last_error is not None
                and not decoder.pending
                and now - last_rx > self.inter_byte_gap
            ):
                raise last_error  # garbage, then a quiet line: no valid reply is coming
            if now > deadline:
                if last_error is not None:
                    raise last_error
                if decoder.pending:
                    raise ReplyTimeoutError(f"reply from {address} incomplete at the time-out")
                raise ReplyTimeoutError(f"no reply from device {address}")
            for item in decoder.feed(chunk, self._clock()):
                if isinstance(item, FrameError):
                    last_error = item
                    continue
                if item.destination != self.host_address or item.source not in (None, address):
                    last_error = AddressError(
                        f"frame {item.source}→{item.destination} while waiting for "
                        f"{address}→{self.host_address}"
                    )
                    continue
                return item
            chunk = self._read()
