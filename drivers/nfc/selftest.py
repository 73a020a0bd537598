"""``shomei-selftest nfc``: find the reader, wait for a card, report it; no PIN try is used."""

from __future__ import annotations

import argparse
import datetime as dt
import threading
from typing import Any
from urllib.parse import quote

from cryptography import x509

from drivers.nfc.errors import NfcError, NoReaderError, NotMyNumberCardError
from drivers.nfc.pcsc import reader_names
from drivers.nfc.reader import CardReader, open_card_reader
from drivers.selftest import SelfTestResult, Status

EXPIRY_WARNING = dt.timedelta(days=30)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The subcommand's options (``--json`` is added by ``shomei-selftest`` itself)."""
    parser.add_argument("--reader", help="PC/SC reader name or prefix (default: the first reader)")
    parser.add_argument(
        "--wait", type=float, default=10.0, metavar="SECONDS", help="how long to wait for a card"
    )


def run(args: argparse.Namespace) -> SelfTestResult:
    """Run the self-test on the PC/SC reader the arguments name."""
    url = "pcsc:" + (f"?reader={quote(args.reader)}" if args.reader else "")
    try:
        attached = reader_names()
    except NoReaderError:
        attached = []
    reader = open_card_reader(url)
    try:
        return check_reader(reader, args.wait, readers=attached)
    finally:
        reader.close()


def _empty_report(readers: list[str]) -> dict[str, Any]:
    """The report with every key present, so its JSON shape never changes."""
    return {
        "readers": readers,
        "reader": None,
        "atr": None,
        "card_type": None,
        "certificate": None,
        "pin_tries_left": None,
    }


def _wait_for_card(reader: CardReader, wait_s: float) -> bool:
    """Whether a card is on the reader now or arrives within ``wait_s`` seconds."""
    arrived = threading.Event()
    reader.start_monitoring(arrived.set, lambda: None)
    try:
        return reader.card_present() or arrived.wait(wait_s)
    finally:
        reader.stop_monitoring()


def check_reader(
    reader: CardReader,
    wait_s: float,
    *,
    readers: list[str] | None = None,
    now: dt.datetime | None = None,
) -> SelfTestResult:
    """Check ``reader`` and the card on it; the status is that of the weightiest finding."""
    report = _empty_report(readers if readers is not None else [])
    findings = [f"readers attached: {', '.join(readers)}"] if readers else []
    try:
        report["reader"] = reader.name
    except NoReaderError as exc:
        findings.append(f"no card reader: {exc}")
        return SelfTestResult(Status.CRITICAL, report, findings)
    findings.append(f"reader: {report['reader']}")
    try:
        if not _wait_for_card(reader, wait_s):
            findings.append(f"no card presented within {wait_s:g} s")
            return SelfTestResult(Status.UNKNOWN, report, findings)
        card = reader.connect()
    except NotMyNumberCardError as exc:
        report["card_type"] = "other"
        findings.append(f"not a My Number Card: {exc}")
        return SelfTestResult(Status.CRITICAL, report, findings)
    except NfcError as exc:
        findings.append(f"card could not be read: {exc}")
        return SelfTestResult(Status.UNKNOWN, report, findings)
    report["atr"] = card.atr.hex(" ").upper()
    report["card_type"] = "my_number_card"
    findings.append(f"My Number Card, ATR {report['atr']}")
    try:
        der = card.read_auth_certificate()
        tries = card.pin_tries_left()
    except NfcError as exc:
        findings.append(f"card could not be read: {exc}")
        return SelfTestResult(Status.UNKNOWN, report, findings)
    finally:
        card.disconnect()
    report["pin_tries_left"] = tries
    return _judge(report, findings, der, tries, now or dt.datetime.now(dt.UTC))


def _judge(
    report: dict[str, Any], findings: list[str], der: bytes, tries: int, now: dt.datetime
) -> SelfTestResult:
    """Weigh the certificate's validity and the PIN tries into one status."""
    status = Status.OK
    try:
        certificate = x509.load_der_x509_certificate(der)
    except ValueError:
        findings.append("the authentication certificate is not valid DER")
        return SelfTestResult(Status.CRITICAL, report, findings)
    not_before, not_after = certificate.not_valid_before_utc, certificate.not_valid_after_utc
    report["certificate"] = {
        "subject": certificate.subject.rfc4514_string(),
        "serial": certificate.serial_number,
        "not_before": not_before.isoformat(),
        "not_after": not_after.isoformat(),
    }
    findings.append(f"certificate valid {not_before:%Y-%m-%d} to {not_after:%Y-%m-%d}")
    if now > not_after or now < not_before:
        status = Status.CRITICAL
        findings.append("the authentication certificate is expired or not yet valid")
    elif not_after - now <= EXPIRY_WARNING:
        status = Status.WARNING
        findings.append(f"the authentication certificate expires within {EXPIRY_WARNING.days} days")
    findings.append(f"PIN tries left: {tries}")
    if tries == 0:
        status = Status.CRITICAL
        findings.append("the authentication PIN is locked (municipal window needed)")
    elif tries == 1:
        status = max(status, Status.WARNING)
        findings.append("only one PIN try left")
    return SelfTestResult(status, report, findings)
