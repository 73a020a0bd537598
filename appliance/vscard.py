"""The card side of libcacard's VSCard protocol: the virtual My Number Card in QEMU's USB reader.

QEMU's ``ccid-card-passthru`` (behind ``-device usb-ccid``) forwards the guest's APDUs over a
chardev in the VSCard protocol (libcacard's ``vscard_common.h``): a 12-byte big-endian header
(type, reader id, payload length) and a payload. This module is the client that owns the card.
"""

from __future__ import annotations

import contextlib
import enum
import logging
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

logger = logging.getLogger(__name__)

HEADER = struct.Struct(">III")
MAGIC = b"VSCD"
VERSION = 2
#: The reader id QEMU gives the one reader of a passthru card, and "no reader yet".
MINIMAL_READER_ID = 0
UNDEFINED_READER_ID = 0xFFFFFFFF
#: QEMU's passthru buffer is 64 KiB; a message never comes near it.
MAX_PAYLOAD = 65536 - HEADER.size


class MessageType(enum.IntEnum):
    """VSCMsgType of vscard_common.h."""

    INIT = 1
    ERROR = 2
    READER_ADD = 3
    READER_REMOVE = 4
    ATR = 5
    CARD_REMOVE = 6
    APDU = 7
    FLUSH = 8
    FLUSH_COMPLETE = 9


class ErrorCode(enum.IntEnum):
    """VSCErrorCode of vscard_common.h (the payload of an ERROR message)."""

    SUCCESS = 0
    GENERAL_ERROR = 1
    CANNOT_ADD_MORE_READERS = 2
    CARD_ALREADY_CONNECTED = 3


class VSCardProtocolError(Exception):
    """The peer sent something the protocol does not allow, or went away."""


@dataclass(frozen=True)
class Message:
    """One VSCard message."""

    type: MessageType
    reader_id: int
    payload: bytes = b""

    def encode(self) -> bytes:
        """Header and payload as sent on the wire."""
        return HEADER.pack(self.type, self.reader_id, len(self.payload)) + self.payload


def init_message() -> Message:
    """VSC_Init: magic, version, and no capabilities."""
    return Message(MessageType.INIT, UNDEFINED_READER_ID, MAGIC + struct.pack(">II", VERSION, 0))


def error_code(message: Message) -> ErrorCode:
    """The code an ERROR message carries (QEMU writes it big-endian like everything else)."""
    if message.type is not MessageType.ERROR or len(message.payload) < 4:
        raise VSCardProtocolError(f"not an error message: {message}")
    (code,) = struct.unpack(">I", message.payload[:4])
    try:
        return ErrorCode(code)
    except ValueError as error:
        raise VSCardProtocolError(f"unknown error code {code}") from error


class Decoder:
    """Splits a byte stream into messages, however the stream is chunked."""

    def __init__(self) -> None:
        self._buffer = bytearray()

    def feed(self, data: bytes) -> list[Message]:
        """The whole messages completed by ``data``."""
        self._buffer += data
        messages = []
        while len(self._buffer) >= HEADER.size:
            kind, reader_id, length = HEADER.unpack_from(self._buffer)
            if length > MAX_PAYLOAD:
                raise VSCardProtocolError(f"payload of {length} bytes is too long")
            if len(self._buffer) < HEADER.size + length:
                break
            try:
                message_type = MessageType(kind)
            except ValueError as error:
                raise VSCardProtocolError(f"unknown message type {kind}") from error
            payload = bytes(self._buffer[HEADER.size : HEADER.size + length])
            del self._buffer[: HEADER.size + length]
            messages.append(Message(message_type, reader_id, payload))
        return messages


#: Answers one command APDU (the virtual card's ``process_apdu``).
ApduHandler = Callable[[bytes], bytes]


class VSCardClient:
    """Owns the card of one QEMU passthru reader: handshake, insert (ATR), APDUs, remove."""

    def __init__(self, host: str, port: int) -> None:
        self._address = (host, port)
        self._sock: socket.socket | None = None
        self._decoder = Decoder()
        self._handler: ApduHandler | None = None
        self._replies: list[Message] = []
        self._condition = threading.Condition()
        self._thread: threading.Thread | None = None
        self.apdu_count = 0

    def connect(self, timeout_s: float = 10.0) -> None:
        """Connect (retrying while QEMU starts), exchange VSC_Init and add the reader."""
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                self._sock = socket.create_connection(self._address, timeout=1.0)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        self._sock.settimeout(None)
        self._thread = threading.Thread(target=self._serve, name="vscard", daemon=True)
        self._thread.start()
        self._send(init_message())
        reply = self._wait_for(MessageType.INIT, timeout_s)
        if reply.payload[:4] != MAGIC:
            raise VSCardProtocolError(f"bad magic in {reply}")
        self._send(Message(MessageType.READER_ADD, MINIMAL_READER_ID, b"shomei"))
        self._expect_success(timeout_s)

    def insert(self, atr: bytes, handler: ApduHandler, timeout_s: float = 10.0) -> None:
        """Put a card with ``atr`` in the reader; ``handler`` answers its APDUs."""
        with self._condition:
            self._handler = handler
        self._send(Message(MessageType.ATR, MINIMAL_READER_ID, atr))
        self._expect_success(timeout_s)

    def remove(self, timeout_s: float = 10.0) -> None:
        """Take the card out of the reader."""
        self._send(Message(MessageType.CARD_REMOVE, MINIMAL_READER_ID))
        self._expect_success(timeout_s)
        with self._condition:
            self._handler = None

    def close(self) -> None:
        """Drop the connection (QEMU then sees no card)."""
        sock, self._sock = self._sock, None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def _send(self, message: Message) -> None:
        if self._sock is None:
            raise VSCardProtocolError("not connected")
        self._sock.sendall(message.encode())

    def _expect_success(self, timeout_s: float) -> None:
        code = error_code(self._wait_for(MessageType.ERROR, timeout_s))
        if code is not ErrorCode.SUCCESS:
            raise VSCardProtocolError(f"QEMU answered {code.name}")

    def _wait_for(self, kind: MessageType, timeout_s: float) -> Message:
        deadline = time.monotonic() + timeout_s
        with self._condition:
            while True:
                for index, message in enumerate(self._replies):
                    if message.type is kind:
                        return self._replies.pop(index)
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self._sock is None:
                    raise VSCardProtocolError(f"no {kind.name} from QEMU")
                self._condition.wait(remaining)

    def _serve(self) -> None:
        """Read messages: APDUs are answered by the card, the rest wakes up waiters."""
        sock = self._sock
        while sock is not None:
            try:
                data = sock.recv(4096)
            except OSError:
                data = b""
            if not data:
                break
            for message in self._decoder.feed(data):
                if message.type is MessageType.APDU:
                    self._answer(message)
                else:
                    with self._condition:
                        self._replies.append(message)
                        self._condition.notify_all()
        with self._condition:
            self._sock = None
            self._condition.notify_all()

    def _answer(self, message: Message) -> None:
        with self._condition:
            handler = self._handler
        # A card taken out answers nothing; QEMU's guest sees the slot empty.
        if handler is None:
            return
        self.apdu_count += 1
        self._send(Message(MessageType.APDU, message.reader_id, handler(message.payload)))
