"""Printer traffic: ipps:// with a pinned certificate, verified otherwise, and a warning whenever
certificates would cross a network in clear (issue 19 item 5)."""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import logging
from pathlib import Path
from typing import Any

import pytest

from drivers.printer.a4 import cups_queue_uri, open_a4_printer
from drivers.printer.errors import PrinterTlsError, PrinterUrlError
from drivers.printer.ipp import IppA4Printer
from drivers.printer.ipp_target import ipp_target
from drivers.printer.selftest import run, transport_findings
from drivers.selftest import Status
from tests.drivers.printer.fake_ipp import fake_ipp_printer, idle_printer, self_signed_certificate


def test_a_pinned_certificate_is_accepted(tmp_path: Path) -> None:
    context, fingerprint = self_signed_certificate(tmp_path)
    with fake_ipp_printer(lambda request: idle_printer(), tls=context) as printer:
        pinned = open_a4_printer(f"{printer.url}#sha256={fingerprint}")
        assert pinned.status().state == "idle"
    [request] = printer.requests
    sent_uri = request.first_operation_value("printer-uri")
    assert sent_uri == printer.url  # the pin is never sent


# aiohttp closes the refused TLS transport gracefully, after the event loop of the call has
# ended; its socket is then freed only by the garbage collector, run here.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_another_certificate_than_the_pinned_one_is_refused(tmp_path: Path) -> None:
    context, fingerprint = self_signed_certificate(tmp_path)
    other = ("0" if fingerprint[0] != "0" else "1") + fingerprint[1:]
    with (
        fake_ipp_printer(lambda request: idle_printer(), tls=context) as printer,
        pytest.raises(PrinterTlsError, match="not the pinned one"),
    ):
        open_a4_printer(f"{printer.url}#sha256={other}").status()
    assert printer.requests == []  # no request, so no document, went to the impostor
    gc.collect()


def test_an_unpinned_self_signed_certificate_is_refused(tmp_path: Path) -> None:
    context, _fingerprint = self_signed_certificate(tmp_path)
    with (
        fake_ipp_printer(lambda request: idle_printer(), tls=context) as printer,
        pytest.raises(PrinterTlsError, match="cannot be verified"),
    ):
        open_a4_printer(printer.url).status()
    assert printer.requests == []


def self_test(url: str) -> tuple[Status, dict[str, Any]]:
    """The printer self-test on the A4 printer at ``url`` (no test page): status and report."""
    result = run(argparse.Namespace(a4=url, receipt=None, test_page=False), no_test_sheet)
    return result.status, json.loads(result.as_json())


def no_test_sheet(_now: dt.datetime) -> bytes:
    """The test sheet of a self-test asked for no test page: never made."""
    raise AssertionError("no test page was asked for")


def test_the_self_test_shows_the_fingerprint_to_pin(tmp_path: Path) -> None:
    context, fingerprint = self_signed_certificate(tmp_path)
    with fake_ipp_printer(lambda request: idle_printer(), tls=context) as printer:
        status, report = self_test(printer.url)
    assert status is Status.CRITICAL
    assert any(f"sha256={fingerprint}" in finding for finding in report["findings"])


@pytest.mark.parametrize(
    ("url", "encrypted", "cleartext_remote"),
    [
        ("ipp://192.0.2.7/ipp/print", False, True),
        ("ipp://printer.example/ipp/print", False, True),
        ("ipp://127.0.0.1:631/printers/q", False, False),
        ("ipp://localhost/printers/q", False, False),
        ("ipp://[::1]:631/printers/q", False, False),
        ("ipps://192.0.2.7/ipp/print", True, False),
    ],
)
def test_cleartext_is_told_apart_from_loopback_and_tls(
    url: str, encrypted: bool, cleartext_remote: bool
) -> None:
    target = ipp_target(url)
    assert (target.encrypted, target.cleartext_remote) == (encrypted, cleartext_remote)
    status, words = transport_findings(target)
    assert (status is Status.WARNING) == cleartext_remote
    assert ("UNENCRYPTED" in words[0]) == cleartext_remote


def test_cleartext_over_a_network_is_logged_and_a_self_test_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="drivers.printer.ipp"):
        IppA4Printer("ipp://192.0.2.7/ipp/print")
    assert any("unencrypted to 192.0.2.7" in r.getMessage() for r in caplog.records)
    with fake_ipp_printer(lambda request: idle_printer()) as printer:
        remote_looking = printer.url.replace("127.0.0.1", "127.0.0.1.nip.invalid")
        assert ipp_target(remote_looking).cleartext_remote
        status, report = self_test(printer.url)
    assert status is Status.OK
    assert report["a4"]["encrypted"] is False
    assert "loopback" in report["findings"][0]


@pytest.mark.parametrize(
    "url",
    [
        "ipp://printer.example/ipp/print#sha256=" + "ab" * 32,  # a pin needs TLS
        "ipps://printer.example/ipp/print#sha256=abc",
        "ipps://printer.example/ipp/print#md5=" + "ab" * 16,
    ],
)
def test_bad_pins_are_url_errors(url: str) -> None:
    with pytest.raises(PrinterUrlError):
        open_a4_printer(url)


def test_a_remote_cups_server_can_be_pinned() -> None:
    pin = "AB:" * 31 + "AB"
    uri = cups_queue_uri(f"cups:kiosk-a4?server=cups.example:631&sha256={pin}")
    target = ipp_target(uri)
    assert target.printer_uri == "ipps://cups.example:631/printers/kiosk-a4"
    assert target.pin == bytes.fromhex("ab" * 32)
