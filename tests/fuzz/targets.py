"""One fuzz target per parser that reads bytes or text from outside: what it is fed, and what it
must do with it (return a value or raise its own typed error, nothing else, never hang)."""

from __future__ import annotations

import struct
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pydantic
from hypothesis import strategies as st

from drivers.coin_acceptor.errors import FrameError
from drivers.coin_acceptor.framing import ChecksumMode, Frame, FrameDecoder, encode_frame
from drivers.nfc.apdu import MalformedCommandError, der_total_length, parse_command
from drivers.nfc.errors import BadResponseError
from drivers.printer.errors import PrinterError, PrinterReplyError
from drivers.printer.ipp_wire import IppReply, decode_reply
from drivers.printer.receipt import ReceiptStatus, raise_unless_ready, read_status
from issuance_contract import messages
from issuance_contract.toml_schema import ConfigError
from kiosk_app.config import Config, demo_config_text, parse_config


@dataclass(frozen=True)
class FuzzTarget:
    """A parser, the inputs to feed it, the check of one input, and falsifying examples found
    once (kept so that they run first, every time)."""

    name: str
    inputs: st.SearchStrategy[Any]
    check: Callable[[Any], None]
    examples: tuple[Any, ...] = ()


# -- APDU ------------------------------------------------------------------------------------
def check_apdu(data: bytes) -> None:
    """A command APDU (virtual card side) and a certificate head (reader side)."""
    try:
        command = parse_command(data)
    except MalformedCommandError:
        pass
    else:
        assert len(command.data) <= len(data)
    try:
        total = der_total_length(data[:8])
    except BadResponseError:
        return
    assert total >= 2


# -- ccTalk frames ---------------------------------------------------------------------------
def check_cctalk(chunks: list[tuple[bytes, float]]) -> None:
    """The decoder yields frames or frame errors and finds a good frame after silence."""
    decoder = FrameDecoder(ChecksumMode.SIMPLE)
    now = 0.0
    for data, pause in chunks:
        now += pause
        for item in decoder.feed(data, now):
            assert isinstance(item, Frame | FrameError)
    frame = Frame(1, 2, 0, b"\x01\x02")
    assert decoder.feed(encode_frame(frame, ChecksumMode.SIMPLE), now + 1.0)[-1] == frame


# -- IPP replies -----------------------------------------------------------------------------
def _ipp_attribute(tag: int, name: bytes, value: bytes, length: int) -> bytes:
    return bytes([tag]) + struct.pack(">h", len(name)) + name + struct.pack(">h", length) + value


_names = st.sampled_from(
    [b"", b"status-code", b"job-state", b"printer-state", b"printer-state-reasons", b"x"]
)
_ipp_attributes = st.builds(
    _ipp_attribute,
    st.sampled_from([0x10, 0x13, 0x21, 0x22, 0x23, 0x30, 0x31, 0x33, 0x34, 0x35, 0x37, 0x44, 0x4A]),
    _names,
    st.binary(max_size=12),
    st.integers(min_value=-(2**15), max_value=2**15 - 1),
)


def _ipp_reply(status: int, groups: list[tuple[int, list[bytes]]], cut: int) -> bytes:
    data = struct.pack(">bbHi", 2, 0, status, 1)
    for tag, attributes in groups:
        data += bytes([tag]) + b"".join(attributes)
    data += b"\x03"
    return data[: max(0, len(data) - cut)]


_ipp_replies = st.one_of(
    st.binary(max_size=300),
    st.builds(
        _ipp_reply,
        st.integers(min_value=0, max_value=0xFFFF),
        st.lists(
            st.tuples(st.sampled_from([1, 2, 4, 5, 7]), st.lists(_ipp_attributes, max_size=6)),
            max_size=3,
        ),
        st.integers(min_value=0, max_value=8),
    ),
)


def check_ipp(data: bytes) -> None:
    """A reply decodes to groups of named values, or is a PrinterReplyError."""
    try:
        reply = decode_reply(data)
    except PrinterReplyError:
        return
    assert isinstance(reply, IppReply)
    assert all(isinstance(tag, int) and isinstance(values, dict) for tag, values in reply.groups)


# -- ESC/POS status --------------------------------------------------------------------------
class ScriptedEscpos:
    """A python-escpos printer that answers status requests with scripted bytes."""

    def __init__(self, replies: list[bytes]) -> None:
        self._replies = list(replies)

    def query_status(self, _request: bytes) -> bytes:
        return self._replies.pop(0) if self._replies else b""


def check_escpos(replies: list[bytes]) -> None:
    """DLE EOT answers give a status (ready or a printer error) or a printer error."""
    try:
        status = read_status(ScriptedEscpos(replies))
    except PrinterError:
        return
    assert isinstance(status, ReceiptStatus)
    try:
        raise_unless_ready(status)
    except PrinterError:
        assert not status.ready
    else:
        assert status.ready


# -- server API bodies -----------------------------------------------------------------------
#: The bodies the server reads from kiosks, and those the kiosk reads from the server.
API_MODELS: tuple[type[pydantic.BaseModel], ...] = (
    messages.AuthenticationRequest,
    messages.IssueRequest,
    messages.OutcomeReport,
    messages.RegistrationForm,
    messages.Challenge,
    messages.AuthSession,
    messages.Issuance,
)
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)
_field_names = st.sampled_from(
    sorted({name for model in API_MODELS for name in model.model_fields} | {"x"})
)
_bodies = st.one_of(
    st.binary(max_size=200),
    _json.map(lambda value: pydantic.TypeAdapter(Any).dump_json(value)),
    st.dictionaries(_field_names, _json, max_size=6).map(
        lambda value: pydantic.TypeAdapter(Any).dump_json(value)
    ),
)


def check_api_body(body: bytes) -> None:
    """Every API model validates a body or raises pydantic's ValidationError."""
    for model in API_MODELS:
        try:
            model.model_validate_json(body)
        except pydantic.ValidationError:
            continue


# -- configuration files ---------------------------------------------------------------------
_demo_lines = demo_config_text().splitlines()


def _edited_demo(edits: list[tuple[int, str]]) -> str:
    lines = list(_demo_lines)
    for line, text in edits:
        lines[line % len(lines)] = text
    return "\n".join(lines)


_config_texts = st.one_of(
    st.text(max_size=400),
    st.builds(
        _edited_demo,
        st.lists(
            st.tuples(st.integers(min_value=0, max_value=10_000), st.text(max_size=40)), max_size=4
        ),
    ),
)


def check_config(text: str) -> None:
    """A configuration text is a Config or one ConfigError line naming the file."""
    try:
        config = parse_config(text, "fuzz.toml")
    except ConfigError as exc:
        message = str(exc)
        assert message.startswith("fuzz.toml: ")
        assert "\n" not in message
        return
    assert isinstance(config, Config)


TARGETS: tuple[FuzzTarget, ...] = (
    FuzzTarget("APDU", st.binary(max_size=300), check_apdu),
    FuzzTarget(
        "ccTalk frames",
        st.lists(st.tuples(st.binary(max_size=40), st.floats(0, 0.2)), max_size=8),
        check_cctalk,
    ),
    FuzzTarget(
        "IPP replies",
        _ipp_replies,
        check_ipp,
        examples=(
            # issue 13: an unknown enum value (status-code 8) raised ValueError in pyipp
            _ipp_reply(0x0406, [(4, [_ipp_attribute(0x23, b"status-code", b"\0\0\0\x08", 4)])], 0),
            # issue 19: a negative value-length made pyipp's parser step back forever
            _ipp_reply(0, [(4, [_ipp_attribute(0x44, b"x", b"abc", -10)])], 0),
        ),
    ),
    FuzzTarget("ESC/POS status", st.lists(st.binary(max_size=3), max_size=5), check_escpos),
    FuzzTarget("server API bodies", _bodies, check_api_body),
    FuzzTarget("configuration files", _config_texts, check_config),
)
