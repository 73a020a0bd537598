"""``shomei-selftest printer``: A4 state and reasons, receipt printer status, test prints."""

from __future__ import annotations

import argparse
import datetime as dt
import socket
from collections.abc import Callable
from typing import Any

from drivers.printer.a4 import A4Printer, open_a4_printer, print_blocker
from drivers.printer.errors import PrinterError, PrinterTlsError
from drivers.printer.ipp import IppA4Printer
from drivers.printer.ipp_target import IppTarget, server_fingerprint
from drivers.printer.receipt import PaperLevel, ReceiptPrinter, open_receipt_printer
from drivers.printer.slips import Receipt, ReceiptLine
from drivers.selftest import SelfTestResult, Status

TEST_PAGE_TIMEOUT_S = 180.0

#: Makes the A4 test sheet (print-ready PDF bytes) for a moment: the application hands its own.
TestSheet = Callable[[dt.datetime], bytes]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The subcommand's options (``--json`` is added by ``shomei-selftest`` itself)."""
    parser.add_argument(
        "--a4", metavar="URL", help="A4 printer: ipp://…, ipps://…, cups:QUEUE, sim:"
    )
    parser.add_argument(
        "--receipt",
        metavar="URL",
        help="receipt printer: escpos+tcp://…, escpos+serial://…, a serial device (/dev/ttyS0), …",
    )
    parser.add_argument(
        "--test-page", action="store_true", help="also print a test sheet and a test receipt"
    )


def transport_findings(target: IppTarget) -> tuple[Status, list[str]]:
    """How certificates travel to the printer: a warning when they cross a network in clear."""
    if target.cleartext_remote:
        return Status.WARNING, [
            f"A4 printer: certificates travel UNENCRYPTED to {target.http_url.host} (ipp://); "
            "use ipps:// with the printer's certificate pinned (#sha256=…)"
        ]
    if target.pin is not None:
        return Status.OK, ["A4 printer: TLS, certificate pinned"]
    if target.encrypted:
        return Status.OK, ["A4 printer: TLS, certificate verified against the system CAs"]
    return Status.OK, ["A4 printer: on this machine (loopback), no network crossed"]


def _tls_hint(target: IppTarget) -> list[str]:
    """The certificate's fingerprint the printer shows now, to pin after checking it."""
    fingerprint = server_fingerprint(target)
    if fingerprint is None:
        return []
    return [f"A4 printer: its certificate now has sha256={fingerprint}; compare it with the "
            "printer's own display or web page before pinning it (#sha256=…)"]  # fmt: skip


def make_test_receipt(now: dt.datetime, kiosk_id: str) -> Receipt:
    """A zero-yen receipt that says it is a test."""
    return Receipt(
        municipality="試験印刷 TEST",
        issued_at=now,
        lines=[ReceiptLine("試験印刷", 1, 0)],
        total_yen=0,
        inserted_yen=0,
        change_yen=0,
        kiosk_id=kiosk_id,
        transaction_id="SELFTEST",
    )


def check_a4(
    printer: A4Printer, test_sheet: TestSheet | None
) -> tuple[Status, dict[str, Any], list[str]]:
    """State and reasons of an A4 printer; given a ``test_sheet``, also print it."""
    report: dict[str, Any] = {"state": None, "reasons": [], "test_page": None, "error": None}
    try:
        status = printer.status()
    except PrinterTlsError as exc:
        report["error"] = str(exc)
        hint = _tls_hint(printer.target) if isinstance(printer, IppA4Printer) else []
        return Status.CRITICAL, report, [f"A4 printer: {exc}", *hint]
    except PrinterError as exc:
        report["error"] = str(exc)
        return Status.CRITICAL, report, [f"A4 printer: {exc}"]
    report.update(state=status.state, reasons=list(status.reasons))
    findings = [f"A4 printer: {status.state}, reasons: {', '.join(status.reasons) or 'none'}"]
    if print_blocker(status) is not None:  # what the kiosk's home screen decides too
        verdict = Status.CRITICAL
    elif status.reasons:
        verdict = Status.WARNING
    else:
        verdict = Status.OK
    if test_sheet is not None and verdict is not Status.CRITICAL:
        try:
            result = printer.print_document(
                test_sheet(dt.datetime.now()),
                "selftest",
                lambda done, total: None,
                TEST_PAGE_TIMEOUT_S,
            )
        except PrinterError as exc:
            report["test_page"] = {"printed": False, "error": str(exc)}
            findings.append(f"A4 test sheet failed: {exc}")
            return Status.CRITICAL, report, findings
        report["test_page"] = {"printed": result.completed, "sheets": result.sheets_printed}
        findings.append("A4 test sheet printed (both sides)")
    return verdict, report, findings


def check_receipt(
    printer: ReceiptPrinter, test_page: bool
) -> tuple[Status, dict[str, Any], list[str]]:
    """DLE EOT status of a receipt printer; with ``test_page`` also print a test receipt."""
    report: dict[str, Any] = {"status": None, "test_receipt": None, "error": None}
    try:
        status = printer.status()
    except PrinterError as exc:
        report["error"] = str(exc)
        return Status.CRITICAL, report, [f"receipt printer: {exc}"]
    report["status"] = status.as_dict()
    findings = [f"receipt printer: {'ready' if status.ready else 'NOT ready'}, {status.as_dict()}"]
    if not status.ready:
        return Status.CRITICAL, report, findings
    verdict = Status.WARNING if status.paper is PaperLevel.NEAR_END else Status.OK
    if test_page:
        try:
            printer.print_receipt(make_test_receipt(dt.datetime.now(), socket.gethostname()[:32]))
        except PrinterError as exc:
            report["test_receipt"] = {"printed": False, "error": str(exc)}
            findings.append(f"test receipt failed: {exc}")
            return Status.CRITICAL, report, findings
        report["test_receipt"] = {"printed": True}
        findings.append("test receipt printed")
    return verdict, report, findings


def run(args: argparse.Namespace, test_sheet: TestSheet) -> SelfTestResult:
    """Check the printers the arguments name (``--test-page`` prints ``test_sheet``); the status
    is the weightiest finding."""
    if not args.a4 and not args.receipt:
        return SelfTestResult(
            Status.UNKNOWN, {"a4": None, "receipt": None}, ["give --a4 URL and/or --receipt URL"]
        )
    verdicts: list[Status] = []
    report: dict[str, Any] = {"a4": None, "receipt": None}
    findings: list[str] = []
    part: dict[str, Any]
    if args.a4:
        try:
            a4 = open_a4_printer(args.a4)
        except PrinterError as exc:
            verdict, part, found = Status.UNKNOWN, {"error": str(exc)}, [f"A4 printer: {exc}"]
        else:
            verdict, part, found = check_a4(a4, test_sheet if args.test_page else None)
            if isinstance(a4, IppA4Printer):
                transport, words = transport_findings(a4.target)
                verdict = max(verdict, transport)
                part["encrypted"] = a4.target.encrypted
                found = [*words, *found]
        verdicts.append(verdict)
        report["a4"] = {"url": args.a4, **part}
        findings.extend(found)
    if args.receipt:
        try:
            receipt = open_receipt_printer(args.receipt)
        except PrinterError as exc:
            verdict, part, found = Status.UNKNOWN, {"error": str(exc)}, [f"receipt printer: {exc}"]
        else:
            verdict, part, found = check_receipt(receipt, args.test_page)
        verdicts.append(verdict)
        report["receipt"] = {"url": args.receipt, **part}
        findings.extend(found)
    return SelfTestResult(max(verdicts), report, findings)
