"""ISO 7816-4 APDUs: build and parse commands (short and extended), split answers, safe traces."""

from __future__ import annotations

from dataclasses import dataclass

from drivers.nfc.errors import BadResponseError
from drivers.nfc.jpki import MAX_CERTIFICATE_LENGTH

INS_SELECT = 0xA4
INS_READ_BINARY = 0xB0
INS_VERIFY = 0x20
INS_SIGN = 0x2A
CLA_ISO = 0x00
CLA_PROPRIETARY = 0x80

SHORT_MAX_LE = 256
EXTENDED_MAX_LE = 65536


class MalformedCommandError(ValueError):
    """A command APDU whose length fields do not match its size (the card answers 67 00)."""


@dataclass(frozen=True)
class Command:
    """A parsed command APDU; ``le`` is None when no response data is expected."""

    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes = b""
    le: int | None = None
    extended: bool = False


def build_command(
    cla: int,
    ins: int,
    p1: int,
    p2: int,
    data: bytes | bytearray = b"",
    le: int | None = None,
    *,
    extended: bool = False,
) -> bytearray:
    """Encode a command APDU (cases 1–4, short or extended); a bytearray so secrets can be wiped."""
    max_le = EXTENDED_MAX_LE if extended else SHORT_MAX_LE
    max_lc = 65535 if extended else 255
    if len(data) > max_lc or (le is not None and not 1 <= le <= max_le):
        raise ValueError("APDU length field out of range")
    apdu = bytearray((cla, ins, p1, p2))
    if extended:
        if data:
            apdu += b"\x00" + len(data).to_bytes(2, "big") + data
        if le is not None:
            apdu += (b"" if data else b"\x00") + (le % EXTENDED_MAX_LE).to_bytes(2, "big")
    else:
        if data:
            apdu += bytes((len(data),)) + data
        if le is not None:
            apdu.append(le % SHORT_MAX_LE)
    return apdu


def parse_command(apdu: bytes | bytearray) -> Command:
    """Decode a command APDU; raise ``MalformedCommandError`` when its lengths are inconsistent."""
    if len(apdu) < 4:
        raise MalformedCommandError("shorter than a header")
    cla, ins, p1, p2 = apdu[0], apdu[1], apdu[2], apdu[3]
    body = bytes(apdu[4:])
    if not body:
        return Command(cla, ins, p1, p2)
    if len(body) == 1:
        return Command(cla, ins, p1, p2, le=body[0] or SHORT_MAX_LE)
    if body[0] != 0:
        lc = body[0]
        rest = body[1:]
        if len(rest) == lc:
            return Command(cla, ins, p1, p2, rest)
        if len(rest) == lc + 1:
            return Command(cla, ins, p1, p2, rest[:lc], rest[lc] or SHORT_MAX_LE)
        raise MalformedCommandError("Lc does not match the data")
    return _parse_extended(cla, ins, p1, p2, body)


def _parse_extended(cla: int, ins: int, p1: int, p2: int, body: bytes) -> Command:
    """Decode the body of an extended APDU (it starts with a zero byte)."""
    if len(body) == 3:
        le = int.from_bytes(body[1:3], "big") or EXTENDED_MAX_LE
        return Command(cla, ins, p1, p2, le=le, extended=True)
    if len(body) < 3:
        raise MalformedCommandError("truncated extended length")
    lc = int.from_bytes(body[1:3], "big")
    rest = body[3:]
    if lc == 0:
        raise MalformedCommandError("extended Lc of zero")
    if len(rest) == lc:
        return Command(cla, ins, p1, p2, rest, extended=True)
    if len(rest) == lc + 2:
        le = int.from_bytes(rest[lc:], "big") or EXTENDED_MAX_LE
        return Command(cla, ins, p1, p2, rest[:lc], le, extended=True)
    raise MalformedCommandError("extended Lc does not match the data")


def split_response(raw: bytes | bytearray) -> tuple[bytes, int]:
    """Split a response APDU into its data and status word; too short is a ``BadResponseError``."""
    if len(raw) < 2:
        raise BadResponseError(f"response of {len(raw)} bytes has no status word")
    return bytes(raw[:-2]), (raw[-2] << 8) | raw[-1]


def der_total_length(head: bytes) -> int:
    """Total size of the DER SEQUENCE that ``head`` starts, from its tag and length bytes."""
    if len(head) < 2 or head[0] != 0x30:
        raise BadResponseError("certificate does not start with a DER SEQUENCE")
    first = head[1]
    if first < 0x80:
        total = 2 + first
    else:
        count = first & 0x7F
        if count == 0 or count > 4:
            raise BadResponseError("unsupported DER length form")
        if len(head) < 2 + count:
            raise BadResponseError("truncated DER length")
        total = 2 + count + int.from_bytes(head[2 : 2 + count], "big")
    if total > MAX_CERTIFICATE_LENGTH:
        raise BadResponseError(f"certificate length {total} exceeds {MAX_CERTIFICATE_LENGTH}")
    return total


def describe_command(apdu: bytes | bytearray) -> str:
    """A trace line for a command that never shows a secret: only SELECT data is shown."""
    try:
        command = parse_command(apdu)
    except MalformedCommandError:
        return f"malformed command of {len(apdu)} bytes"
    text = f"{command.cla:02X} {command.ins:02X} {command.p1:02X} {command.p2:02X}"
    if command.data:
        if command.ins == INS_SELECT:
            text += f" [{command.data.hex().upper()}]"
        elif command.ins == INS_VERIFY:
            text += " [VERIFY data redacted]"
        else:
            text += f" [{len(command.data)} bytes]"
    if command.le is not None:
        text += f" Le={command.le}"
    return text


def describe_response(raw: bytes | bytearray) -> str:
    """A trace line for a response: its length and status word, never its data."""
    if len(raw) < 2:
        return f"malformed response of {len(raw)} bytes"
    return f"{len(raw) - 2} bytes, SW={raw[-2]:02X}{raw[-1]:02X}"
