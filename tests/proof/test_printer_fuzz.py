"""Property-based fuzzing of the printers' status parsers: IPP replies and ESC/POS status bytes.

Arbitrary ESC/POS status replies are a target of tests/fuzz (with the other parsers).
"""

from __future__ import annotations

import contextlib
import struct

from hypothesis import example, given, settings
from hypothesis import strategies as st

from drivers.printer import status_bits as sb
from drivers.printer.errors import PrinterError, PrinterReplyError
from drivers.printer.ipp_wire import decode_reply
from drivers.printer.reasons import FAULT_REASONS, fault_in, keyword_of
from drivers.printer.receipt import read_status
from tests.fuzz.targets import ScriptedEscpos

FUZZ = settings(max_examples=300, deadline=None)

#: Printer-state-reasons as printers write them, plus arbitrary text.
REASONS = st.lists(
    st.one_of(
        st.builds(
            "{}{}".format,
            st.sampled_from([*sorted(FAULT_REASONS), "none", "other", "toner-low", ""]),
            st.sampled_from(["", "-error", "-warning", "-report"]),
        ),
        st.text(max_size=40),
    ),
    max_size=8,
)


@FUZZ
@given(REASONS, st.booleans())
def test_ipp_reasons_give_a_known_fault_or_none(reasons: list[str], during_job: bool) -> None:
    found = fault_in(reasons, during_job=during_job)
    if found is None:
        return
    error, keyword = found
    assert issubclass(error, PrinterError)
    assert FAULT_REASONS[keyword] is error
    assert any(keyword_of(r) == keyword and not r.endswith("-report") for r in reasons)


@FUZZ
@given(st.binary(max_size=200))
@example(struct.pack(">bbhi", 2, 0, 0, 1) + b"\x04\x44\x00\x01x\xff\xf6abc\x03")  # issue 19: hung
def test_ipp_replies_parse_or_raise_a_printer_reply_error(data: bytes) -> None:
    """Every IPP reply the driver reads goes through decode_reply: a reply or PrinterReplyError."""
    try:
        reply = decode_reply(data)
    except PrinterReplyError:
        return
    assert isinstance(reply.status, int)
    assert all(isinstance(tag, int) and isinstance(values, dict) for tag, values in reply.groups)


def _attribute(name: bytes, value: bytes, tag: int) -> bytes:
    head = bytes([tag]) + struct.pack(">h", len(name)) + name
    return head + struct.pack(">h", len(value)) + value


#: Attributes with values valid for their tag: (name, value, tag) for integer, enum, keyword.
ATTRIBUTES = st.lists(
    st.tuples(
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz-", min_size=1, max_size=12).map(str.encode),
        st.integers(min_value=0, max_value=2**31 - 1).map(lambda n: n.to_bytes(4, "big")),
        st.sampled_from([0x21, 0x23]),
    )
    | st.tuples(
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz-", min_size=1, max_size=12).map(str.encode),
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz-", max_size=12).map(str.encode),
        st.just(0x44),
    ),
    max_size=6,
)


@FUZZ
@given(ATTRIBUTES, st.integers(min_value=0, max_value=40))
@example(attributes=[(b"status-code", b"\x00\x00\x00\x08", 35)], cut=0)  # issue 13: ValueError
def test_truncated_ipp_replies_never_escape_as_other_errors(
    attributes: list[tuple[bytes, bytes, int]], cut: int
) -> None:
    """Well-formed replies parse whole (unknown enum values as integers); cut short anywhere
    they raise only PrinterReplyError."""
    body = b"".join(_attribute(n, v, t) for n, v, t in attributes)
    data = struct.pack(">bbhi", 2, 0, 0x0406, 1) + b"\x04" + body + b"\x03"
    if not cut:
        reply = decode_reply(data)
        assert reply.status == 0x0406
        assert [tag for tag, _values in reply.groups] == [4]
        assert set(reply.groups[0][1]) == {n.decode() for n, _v, _t in attributes}
        return
    with contextlib.suppress(PrinterReplyError):
        decode_reply(data[: len(data) - cut])


@FUZZ
@given(st.lists(st.integers(min_value=0, max_value=255), min_size=4, max_size=4))
def test_valid_status_bytes_are_read_bit_by_bit(values: list[int]) -> None:
    replies = [bytes([(v & ~sb.FIXED_MASK) | sb.FIXED_BITS]) for v in values]
    status = read_status(ScriptedEscpos(replies))
    printer, offline, error, paper = (r[0] for r in replies)
    assert status.online == (not printer & sb.PRINTER_OFFLINE)
    assert status.cover_open == bool(offline & sb.COVER_OPEN)
    assert status.cutter_error == bool(error & sb.AUTOCUTTER_ERROR)
    paper_end = bool(paper & sb.PAPER_END or offline & sb.PAPER_END_STOP)
    assert (status.paper.name == "END") == paper_end
