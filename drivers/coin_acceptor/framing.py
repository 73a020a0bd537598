"""ccTalk frames: simple checksum and CRC-16 (XMODEM) encoding and a resynchronising decoder."""

from __future__ import annotations

import binascii
from dataclasses import dataclass
from enum import Enum

from drivers.coin_acceptor.errors import (
    ChecksumError,
    FrameError,
    FrameLengthError,
    TruncatedFrameError,
)

#: Bus addresses fixed by the ccTalk specification.
HOST_ADDRESS = 1
ACCEPTOR_ADDRESS = 2
HOPPER_ADDRESS = 3
BROADCAST_ADDRESS = 0

#: Data of header 164 that enables a hopper.
HOPPER_ENABLE_KEY = 0xA5

#: Reply headers.
HEADER_ACK = 0
HEADER_NAK = 5
HEADER_BUSY = 6

#: The largest data length a frame can announce; longer announcements are noise.
MAX_DATA_LENGTH = 252

#: More than this many seconds between two received bytes aborts a frame (resynchronisation).
INTER_BYTE_GAP = 0.050

#: Bytes besides the data: destination, length, source/CRC-low, header, checksum/CRC-high.
FRAME_OVERHEAD = 5


class ChecksumMode(Enum):
    """How a frame is protected; the device's label says which."""

    SIMPLE = "simple"
    CRC16 = "crc16"


@dataclass(frozen=True)
class Frame:
    """One ccTalk message; ``source`` is None in CRC-16 mode, where that byte carries the CRC."""

    destination: int
    source: int | None
    header: int
    data: bytes = b""


def simple_checksum(body: bytes) -> int:
    """The byte that makes the sum of ``body`` plus itself ≡ 0 (mod 256)."""
    return -sum(body) & 0xFF


def crc16(body: bytes) -> int:
    """CRC-16/XMODEM (CCITT polynomial 0x1021, initial value 0), as ccTalk uses it."""
    return binascii.crc_hqx(body, 0)


def encode_frame(frame: Frame, mode: ChecksumMode) -> bytes:
    """The bytes on the wire for ``frame``."""
    if not 0 <= len(frame.data) <= MAX_DATA_LENGTH:
        raise FrameLengthError(f"frame data of {len(frame.data)} bytes is too long")
    if mode is ChecksumMode.SIMPLE:
        source = HOST_ADDRESS if frame.source is None else frame.source
        body = bytes([frame.destination, len(frame.data), source, frame.header]) + frame.data
        return body + bytes([simple_checksum(body)])
    crc = crc16(bytes([frame.destination, len(frame.data), frame.header]) + frame.data)
    return (
        bytes([frame.destination, len(frame.data), crc & 0xFF, frame.header])
        + frame.data
        + bytes([crc >> 8])
    )


def decode_frame(raw: bytes, mode: ChecksumMode) -> Frame:
    """Check and split one complete frame; raise a ``FrameError`` subclass if it is not one."""
    if len(raw) < FRAME_OVERHEAD:
        raise TruncatedFrameError(f"{len(raw)} bytes are too few for a frame")
    length = raw[1]
    if length > MAX_DATA_LENGTH:
        raise FrameLengthError(f"absurd data length {length}")
    if len(raw) != length + FRAME_OVERHEAD:
        raise TruncatedFrameError(f"length byte says {length + FRAME_OVERHEAD}, got {len(raw)}")
    data = bytes(raw[4:-1])
    if mode is ChecksumMode.SIMPLE:
        if sum(raw) & 0xFF:
            raise ChecksumError(f"bad simple checksum in {raw.hex(' ')}")
        return Frame(raw[0], raw[2], raw[3], data)
    expected = crc16(bytes([raw[0], length, raw[3]]) + data)
    if raw[2] | (raw[-1] << 8) != expected:
        raise ChecksumError(f"bad CRC-16 in {raw.hex(' ')}")
    return Frame(raw[0], None, raw[3], data)


class FrameDecoder:
    """Turns a byte stream into frames and typed errors, resynchronising after noise and gaps.

    Bytes are fed with the time they arrived. A gap longer than ``gap`` seconds inside a frame
    discards the partial frame. Bytes that do not start a valid frame are dropped one at a
    time, so a reply that follows noise is still found; one error is reported per garbage run.
    """

    def __init__(
        self,
        mode: ChecksumMode,
        gap: float = INTER_BYTE_GAP,
        max_data_length: int = MAX_DATA_LENGTH,
    ) -> None:
        self._mode = mode
        self._gap = gap
        self._max_data = max_data_length
        self._buffer = bytearray()
        self._last_byte_at: float | None = None
        self._in_garbage = False

    @property
    def pending(self) -> int:
        """How many bytes of an incomplete frame are buffered."""
        return len(self._buffer)

    def feed(self, data: bytes, now: float) -> list[Frame | FrameError]:
        """Add bytes that arrived at ``now`` (monotonic seconds); return what they completed."""
        results: list[Frame | FrameError] = []
        self._check_gap(now, results)
        if data:
            self._buffer.extend(data)
            self._last_byte_at = now
            self._scan(results)
        return results

    def _check_gap(self, now: float, results: list[Frame | FrameError]) -> None:
        if self._buffer and self._last_byte_at is not None and now - self._last_byte_at > self._gap:
            results.append(
                TruncatedFrameError(
                    f"{len(self._buffer)} bytes then silence: resynchronised "
                    f"({self._buffer.hex(' ')})"
                )
            )
            self._buffer.clear()
            self._in_garbage = False

    def _scan(self, results: list[Frame | FrameError]) -> None:
        while len(self._buffer) >= 2:
            length = self._buffer[1]
            if length > self._max_data:
                self._drop(FrameLengthError(f"absurd data length {length}"), results)
                continue
            size = length + FRAME_OVERHEAD
            if len(self._buffer) < size:
                return
            try:
                frame = decode_frame(bytes(self._buffer[:size]), self._mode)
            except FrameError as exc:
                self._drop(exc, results)
                continue
            del self._buffer[:size]
            self._in_garbage = False
            results.append(frame)

    def _drop(self, error: FrameError, results: list[Frame | FrameError]) -> None:
        del self._buffer[0]
        if not self._in_garbage:
            results.append(error)
            self._in_garbage = True
