"""The APDU codec: short and extended encodings, response splitting, DER lengths, safe traces."""

from __future__ import annotations

import pytest

from drivers.nfc.apdu import (
    Command,
    MalformedCommandError,
    build_command,
    der_total_length,
    describe_command,
    describe_response,
    parse_command,
    split_response,
)
from drivers.nfc.errors import BadResponseError


@pytest.mark.parametrize(
    ("apdu", "expected"),
    [
        (
            "00A4040C0AD392F000260100000001",
            Command(0, 0xA4, 4, 0x0C, bytes.fromhex("D392F000260100000001")),
        ),
        ("00B0010000", Command(0, 0xB0, 1, 0, le=256)),
        ("00B0000020", Command(0, 0xB0, 0, 0, le=0x20)),
        ("00200080", Command(0, 0x20, 0, 0x80)),
        ("00B00000000000", Command(0, 0xB0, 0, 0, le=65536, extended=True)),
        ("802A0080000002AABB0100", Command(0x80, 0x2A, 0, 0x80, b"\xaa\xbb", 256, extended=True)),
        ("802A008002AABB00", Command(0x80, 0x2A, 0, 0x80, b"\xaa\xbb", 256)),
    ],
)
def test_parse_command_reads_every_case(apdu: str, expected: Command) -> None:
    assert parse_command(bytes.fromhex(apdu)) == expected


@pytest.mark.parametrize(
    "apdu", ["00A4", "00A4040C05D392", "00A4040C0000", "00B000000000", "00B000000001"]
)
def test_parse_command_refuses_inconsistent_lengths(apdu: str) -> None:
    with pytest.raises(MalformedCommandError):
        parse_command(bytes.fromhex(apdu))


@pytest.mark.parametrize(
    ("data", "le", "extended"),
    [
        (b"", None, False),
        (b"\x01\x02", None, False),
        (b"", 256, False),
        (b"\x01", 1, False),
        (b"", 65536, True),
        (b"\x05" * 300, 256, True),
        (b"\x07", None, True),
    ],
)
def test_build_then_parse_round_trips(data: bytes, le: int | None, extended: bool) -> None:
    command = parse_command(build_command(0x80, 0x2A, 0, 0x80, data, le, extended=extended))
    assert (command.data, command.le) == (data, le)


def test_build_command_refuses_out_of_range_lengths() -> None:
    with pytest.raises(ValueError, match="out of range"):
        build_command(0, 0xB0, 0, 0, le=257)
    with pytest.raises(ValueError, match="out of range"):
        build_command(0, 0xD6, 0, 0, b"\x00" * 256)


def test_split_response_needs_a_status_word() -> None:
    assert split_response(b"\x01\x02\x90\x00") == (b"\x01\x02", 0x9000)
    with pytest.raises(BadResponseError):
        split_response(b"\x90")


@pytest.mark.parametrize(
    ("head", "total"),
    [("3003", 5), ("308180", 0x83), ("30820640", 0x644), ("3083000100", 0x105)],
)
def test_der_total_length(head: str, total: int) -> None:
    assert der_total_length(bytes.fromhex(head)) == total


@pytest.mark.parametrize(
    "head", ["", "30", "0482", "3080", "3085", "3082", "3082FFFF", "308400010000"]
)
def test_der_total_length_refuses_bad_or_oversized_heads(head: str) -> None:
    with pytest.raises(BadResponseError):
        der_total_length(bytes.fromhex(head))


def test_traces_never_show_verify_data_or_response_data() -> None:
    verify = describe_command(bytes.fromhex("002000800431323334"))
    assert "3132" not in verify
    assert "redacted" in verify
    assert "D392F000260100000001" in describe_command(
        bytes.fromhex("00A4040C0AD392F000260100000001")
    )
    response = describe_response(b"secret" + b"\x90\x00")
    assert "secret" not in response
    assert "SW=9000" in response
