"""The strict IPP reply decoder and the client around it: hostile replies end as printer errors,
and every request carries a natural language a current cupsd accepts."""

from __future__ import annotations

import struct
import threading

import pytest
from pyipp.enums import IppTag
from pyipp.serializer import construct_attribute

from drivers.printer.errors import PrinterOfflineError, PrinterReplyError
from drivers.printer.ipp import IppA4Printer
from drivers.printer.ipp_wire import (
    MAX_REPLY_BYTES,
    NATURAL_LANGUAGE_PATTERN,
    IppReply,
    decode_reply,
    encode_request,
)
from tests.drivers.printer.fake_ipp import fake_ipp_printer, idle_printer, reply
from tests.support.sample_pdf import certificate_pdf

HEADER = struct.pack(">bbhi", 2, 0, 0, 1)


def attribute(tag: int, name: bytes, value: bytes, value_length: int | None = None) -> bytes:
    """One attribute; ``value_length`` overrides the length field (to lie about it)."""
    length = len(value) if value_length is None else value_length
    return bytes([tag]) + struct.pack(">h", len(name)) + name + struct.pack(">h", length) + value


def test_a_well_formed_reply_keeps_groups_lists_collections_and_types() -> None:
    data = HEADER + b"\x04"
    data += construct_attribute("printer-state", 3, IppTag.ENUM)
    data += construct_attribute("printer-state-reasons", ["media-empty", "other"], IppTag.KEYWORD)
    data += construct_attribute("printer-is-accepting-jobs", False, IppTag.BOOLEAN)
    data += attribute(0x34, b"media-col", b"")
    data += attribute(0x4A, b"", b"media-size")
    data += attribute(0x34, b"", b"")
    data += attribute(0x4A, b"", b"x-dimension") + attribute(0x21, b"", struct.pack(">i", 21000))
    data += attribute(0x37, b"", b"")
    data += attribute(0x37, b"", b"")
    data += attribute(0x35, b"printer-info", b"\x00\x02en\x00\x02hi")
    data += b"\x03"

    decoded = decode_reply(data)

    printer = decoded.first(IppTag.PRINTER)
    assert printer["printer-state"] == 3
    assert printer["printer-state-reasons"] == ["media-empty", "other"]
    assert printer["printer-is-accepting-jobs"] is False
    assert printer["media-col"] == {"media-size": {"x-dimension": 21000}}
    assert printer["printer-info"] == "hi"


def test_an_unknown_status_code_enum_stays_an_integer() -> None:
    """The fuzz case of issue 13: status-code 8 is no IppStatus member."""
    data = HEADER + b"\x04" + attribute(0x23, b"status-code", b"\x00\x00\x00\x08") + b"\x03"
    assert decode_reply(data).first(IppTag.PRINTER) == {"status-code": 8}


@pytest.mark.parametrize(
    "body",
    [
        attribute(0x44, b"a", b"xyz", value_length=-3),  # steps back: pyipp loops forever
        attribute(0x44, b"a", b"xyz", value_length=-11),
        bytes([0x44]) + struct.pack(">h", -5) + b"abcdefgh",  # negative name length
        attribute(0x23, b"job-state", b"\x00\x09"),  # an enum of two bytes
        attribute(0x35, b"t", b"\xff\xf0en\x00\x00"),  # negative language length
        attribute(0x44, b"", b"x"),  # an additional value with nothing before it
        attribute(0x37, b"", b""),  # endCollection outside a collection
        attribute(0x34, b"c", b"") + attribute(0x21, b"", b"\x00\x00\x00\x01"),  # no member name
        attribute(0x34, b"c", b""),  # a collection never ended
        attribute(0x44, b"a", b"x"),  # no end-of-attributes tag
    ],
)
def test_malformed_replies_are_printer_reply_errors(body: bytes) -> None:
    with pytest.raises(PrinterReplyError):
        decode_reply(HEADER + b"\x04" + body)


@pytest.mark.parametrize("cut", range(0, 8))
def test_a_reply_cut_in_its_header_is_a_printer_reply_error(cut: int) -> None:
    with pytest.raises(PrinterReplyError):
        decode_reply(HEADER[:cut])


def test_an_oversized_reply_is_refused_unread() -> None:
    with pytest.raises(PrinterReplyError, match="longer"):
        decode_reply(HEADER + b"\x04" + b"\x00" * MAX_REPLY_BYTES + b"\x03")


def test_nesting_beyond_the_bound_is_refused() -> None:
    nested = (
        attribute(0x34, b"c", b"") + (attribute(0x4A, b"", b"m") + attribute(0x34, b"", b"")) * 40
    )
    with pytest.raises(PrinterReplyError, match="deep"):
        decode_reply(HEADER + b"\x04" + nested)


def test_a_request_is_an_ipp_message_the_decoder_reads_back() -> None:
    data = encode_request(
        0x000B,
        [(IppTag.OPERATION, [("requested-attributes", IppTag.KEYWORD, ["a", "b"])])],
        b"%PDF",
    )
    assert data.endswith(b"\x03%PDF")
    assert decode_reply(data).first(IppTag.OPERATION) == {"requested-attributes": ["a", "b"]}


def _natural_languages(requests: list[IppReply]) -> list[str]:
    return [r.first(IppTag.OPERATION).get("attributes-natural-language", "") for r in requests]


def test_every_request_of_a_print_job_carries_a_lower_case_natural_language() -> None:
    """cupsd 2.4.2-3+deb12u11 answers client-error-bad-request to ``en-US`` (issue 13)."""
    operations: list[int] = []

    def answer(request: IppReply) -> bytes:
        operations.append(request.status)  # a request's operation-id sits where a status is
        if request.status == 0x000B:
            return idle_printer()
        if request.status == 0x0016:
            return reply(
                0, [(IppTag.SUBSCRIPTION, [("notify-subscription-id", IppTag.INTEGER, 5)])]
            )
        if request.status == 0x0002:
            return reply(0, [(IppTag.JOB, [("job-id", IppTag.INTEGER, 7)])])
        if request.status == 0x0009:
            job = [("job-state", IppTag.ENUM, 9), ("job-impressions-completed", IppTag.INTEGER, 2)]
            return reply(0, [(IppTag.JOB, job)])
        return reply(0, [])

    with fake_ipp_printer(answer) as printer:
        result = IppA4Printer(printer.url, poll_interval=0.01).print_document(
            certificate_pdf(1), "cert-1", lambda done, total: None, 10
        )
    assert result.completed
    assert {0x000B, 0x0016, 0x0002, 0x0009, 0x001B} <= set(operations)
    languages = _natural_languages(printer.requests)
    assert languages
    assert all(NATURAL_LANGUAGE_PATTERN.fullmatch(lang) for lang in languages)


def test_the_natural_language_pattern_refuses_what_cupsd_refuses() -> None:
    assert not NATURAL_LANGUAGE_PATTERN.fullmatch("en-US")
    assert NATURAL_LANGUAGE_PATTERN.fullmatch("en-us")


def test_a_reply_that_would_hang_pyipp_ends_as_a_printer_error_at_once() -> None:
    """Issue 19 item 3: a negative value-length kept status() at 100 % CPU for good."""
    # 16 bytes: a keyword "a" whose value-length -6 sends pyipp 0.17.2 back to the attribute
    hostile = bytes.fromhex("02000000000000010444000161fffa03")
    outcome: list[BaseException] = []

    def ask() -> None:
        try:
            IppA4Printer(printer.url).status()
        except BaseException as exc:
            outcome.append(exc)

    with fake_ipp_printer(lambda request: hostile) as printer:
        worker = threading.Thread(target=ask, daemon=True)
        worker.start()
        worker.join(10)
    assert not worker.is_alive()
    assert len(outcome) == 1
    assert isinstance(outcome[0], PrinterReplyError)
    assert isinstance(outcome[0], PrinterOfflineError)  # the kiosk marks the printer faulty
