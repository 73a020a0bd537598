"""Frames: the specification's examples, both checksum modes, and the resynchronising decoder."""

from __future__ import annotations

import pytest

from drivers.coin_acceptor.errors import (
    ChecksumError,
    FrameLengthError,
    TruncatedFrameError,
)
from drivers.coin_acceptor.framing import (
    ChecksumMode,
    Frame,
    FrameDecoder,
    decode_frame,
    encode_frame,
    simple_checksum,
)


def test_simple_poll_and_ack_match_the_specification() -> None:
    assert encode_frame(Frame(2, 1, 254), ChecksumMode.SIMPLE) == bytes.fromhex("020001feff")
    assert encode_frame(Frame(1, 2, 0), ChecksumMode.SIMPLE) == bytes.fromhex("01000200fd")


def test_crc16_reset_example_matches_the_specification() -> None:
    assert encode_frame(Frame(40, None, 1), ChecksumMode.CRC16) == bytes.fromhex("280046013f")


def test_simple_checksum_never_yields_256() -> None:
    assert simple_checksum(b"\x00\x00") == 0
    assert simple_checksum(b"\x80\x80") == 0


@pytest.mark.parametrize("mode", list(ChecksumMode))
def test_round_trip_with_data(mode: ChecksumMode) -> None:
    frame = Frame(1, 2 if mode is ChecksumMode.SIMPLE else None, 0, bytes(range(11)))
    assert decode_frame(encode_frame(frame, mode), mode) == frame


@pytest.mark.parametrize("mode", list(ChecksumMode))
def test_a_flipped_bit_is_a_checksum_error(mode: ChecksumMode) -> None:
    raw = bytearray(encode_frame(Frame(1, 2, 0, b"JP100A"), mode))
    raw[5] ^= 0x01
    with pytest.raises(ChecksumError):
        decode_frame(bytes(raw), mode)


def test_decoder_finds_a_reply_after_noise_and_reports_the_noise_once() -> None:
    decoder = FrameDecoder(ChecksumMode.SIMPLE, max_data_length=1)
    reply = encode_frame(Frame(1, 2, 0, b"\x07"), ChecksumMode.SIMPLE)
    results = decoder.feed(b"\x55\x01\x33" + reply, now=0.0)
    assert results[-1] == Frame(1, 2, 0, b"\x07")
    assert [type(r) for r in results[:-1]] == [ChecksumError]


def test_decoder_drops_a_partial_frame_after_the_inter_byte_gap() -> None:
    decoder = FrameDecoder(ChecksumMode.SIMPLE)
    reply = encode_frame(Frame(1, 2, 0, b"\x07"), ChecksumMode.SIMPLE)
    assert decoder.feed(reply[:3], now=0.0) == []
    results = decoder.feed(reply, now=0.051)
    assert isinstance(results[0], TruncatedFrameError)
    assert results[1] == Frame(1, 2, 0, b"\x07")


def test_decoder_waits_within_the_gap() -> None:
    decoder = FrameDecoder(ChecksumMode.SIMPLE)
    reply = encode_frame(Frame(1, 2, 0), ChecksumMode.SIMPLE)
    assert decoder.feed(reply[:2], now=0.0) == []
    assert decoder.feed(reply[2:], now=0.049) == [Frame(1, 2, 0)]


def test_decoder_treats_an_absurd_length_as_noise() -> None:
    decoder = FrameDecoder(ChecksumMode.SIMPLE, max_data_length=11)
    reply = encode_frame(Frame(1, 2, 0), ChecksumMode.SIMPLE)
    results = decoder.feed(b"\x01\xfa" + reply, now=0.0)
    assert isinstance(results[0], FrameLengthError)
    assert results[-1] == Frame(1, 2, 0)


def test_truncated_and_oversized_frames_are_typed_errors() -> None:
    with pytest.raises(TruncatedFrameError):
        decode_frame(b"\x01\x00", ChecksumMode.SIMPLE)
    with pytest.raises(TruncatedFrameError):
        decode_frame(b"\x01\x03\x02\x00\x00", ChecksumMode.SIMPLE)
    with pytest.raises(FrameLengthError):
        decode_frame(b"\x01\xff\x02\x00" + bytes(256), ChecksumMode.SIMPLE)
    with pytest.raises(FrameLengthError):
        encode_frame(Frame(1, 2, 0, bytes(253)), ChecksumMode.SIMPLE)
