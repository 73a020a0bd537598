"""``shomei-selftest all``: every device of the configured kiosk and the issuance server link.

Each check runs with the device URLs of the configuration (``--config PATH`` or ``--demo``) in a
worker thread with a time limit, and the report holds one entry per check. The exit status is the
most severe one: CRITICAL, then UNKNOWN, then WARNING, then OK. Checks whose driver has no
self-test in this build are listed as skipped.

The ``data_dir`` check wants room for the money journal (CRITICAL below 16 MiB free, WARNING
below 256 MiB) and the ``clock`` check a synchronised system clock (WARNING when not: the kiosk
prints dates on legal documents); both are in ``kiosk_app.host_checks``.

The ``voice`` check is ``shomei-selftest voice`` for the configured languages, without playing
anything: a missing or corrupt recording is CRITICAL (the kiosk must speak the take-your-card and
take-your-papers reminders), no sound output a WARNING (the screen still shows them); the reasons
are in ``kiosk_app.voice.selftest``. It runs in a child process, killed after
``VOICE_TIMEOUT_S``: Qt Multimedia wants its own application object and finds the sound server
once per process, and a sound server that hangs cannot hang ``all`` (a thread cannot be killed).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from drivers.selftest import SelfTestResult, Status
from issuance_contract.toml_schema import ConfigError
from kiosk_app.cli import add_config_arguments, config_from_arguments
from kiosk_app.config import Config

log = logging.getLogger(__name__)

#: The voice check's child process is killed after this long (it takes about 3 s) unless
#: ``--check-timeout`` gives it another limit (:func:`checks_within`).
VOICE_TIMEOUT_S = 30.0

#: Most severe first: a critical fault must not hide behind an unknown.
SEVERITY = (Status.CRITICAL, Status.UNKNOWN, Status.WARNING, Status.OK)


@dataclass(frozen=True)
class Check:
    """One part of the whole-kiosk self-test."""

    name: str
    module: str  # the module whose presence means the check can run
    run: Callable[[Config], SelfTestResult]


def _check_card_reader(config: Config) -> SelfTestResult:
    """The reader must answer; a card on it is checked too, but none is needed."""
    from drivers.nfc.reader import open_card_reader
    from drivers.nfc.selftest import check_reader

    readers: list[str] = []
    if config.devices.card_reader.startswith("pcsc:"):
        from drivers.nfc.errors import NoReaderError
        from drivers.nfc.pcsc import reader_names

        try:
            readers = reader_names()
        except NoReaderError:
            readers = []
    reader = open_card_reader(config.devices.card_reader)
    try:
        result = check_reader(reader, 0.0, readers=readers)
    finally:
        reader.close()
    no_card = result.report.get("reader") is not None and result.report.get("card_type") is None
    if result.status is Status.UNKNOWN and no_card:
        findings = [f for f in result.findings if not f.startswith("no card presented")]
        return SelfTestResult(Status.OK, result.report, [*findings, "no card on the reader"])
    return result


def _run_module(module_name: str, argv: list[str]) -> SelfTestResult:
    """A device's own ``shomei-selftest`` subcommand, run with ``argv`` (no watching, no prints)."""
    module = importlib.import_module(module_name)
    parser = argparse.ArgumentParser(prog=module_name)
    module.add_arguments(parser)
    result: SelfTestResult = module.run(parser.parse_args(argv))
    return result


def _check_coins(config: Config) -> SelfTestResult:
    """The coin acceptor and every configured change hopper."""
    devices = config.devices
    hoppers = [f"--hopper={yen}={url}" for yen, url in sorted(devices.hoppers.items())]
    return _run_module(
        "drivers.coin_acceptor.selftest", [f"--port={devices.coin_acceptor}", *hoppers]
    )


def _check_printer(option: str, key: str) -> Callable[[Config], SelfTestResult]:
    """The printer self-test for one printer (``--a4`` or ``--receipt``), its part unwrapped."""

    def check(config: Config) -> SelfTestResult:
        url = getattr(config.devices, f"{key}_printer")
        result = _run_module("kiosk_app.printing.selftest", [f"{option}={url}"])
        part = result.report.get(key)
        return SelfTestResult(
            result.status, part if isinstance(part, dict) else {}, result.findings
        )

    return check


def _check_center(config: Config) -> SelfTestResult:
    """A real round trip: ask the issuance server for an authentication challenge."""
    from issuance_contract.errors import CenterError
    from kiosk_app.center.opening import open_center_link

    center = config.center
    report: dict[str, Any] = {"url": center.url}
    try:
        link = open_center_link(
            center.url,
            config.kiosk.id,
            config=config,
            timeout=config.timeouts.server,
            client_certificate=center.client_certificate,
            client_key=center.client_key,
            server_ca=center.server_ca,
        )
        try:
            challenge = link.start_authentication()
        finally:
            link.close()
    except CenterError as exc:
        report["error"] = type(exc).__name__
        return SelfTestResult(Status.CRITICAL, report, [f"issuance server: {exc}"])
    if len(challenge.nonce) < 16:
        return SelfTestResult(Status.CRITICAL, report, ["issuance server: short challenge"])
    return SelfTestResult(Status.OK, report, [f"issuance server {center.url} answers"])


def _check_voice(config: Config, limit_s: float | None = None) -> SelfTestResult:
    """``shomei-selftest voice`` for the configured languages in a child process (plays nothing),
    killed after ``limit_s`` (default ``VOICE_TIMEOUT_S``)."""
    from kiosk_app.voice.selftest import assess

    limit_s = VOICE_TIMEOUT_S if limit_s is None else limit_s

    languages = [language.value for language in config.kiosk.languages]
    command = [sys.executable, "-m", "kiosk_app.selftest_cli", "voice", "--json"]
    try:
        done = subprocess.run(
            [*command, "--languages", *languages],
            capture_output=True,
            text=True,
            timeout=limit_s,
            check=False,
        )
    except subprocess.TimeoutExpired:
        message = f"the voice check did not finish within {limit_s:g} s"
        return SelfTestResult(Status.UNKNOWN, {"error": message}, [message])
    log.debug("voice self-test stderr: %s", done.stderr.strip())
    try:
        report = json.loads(done.stdout)
        report.pop("status")
        report.pop("findings", None)  # assess() words them again
        return assess(report)
    except (ValueError, KeyError, TypeError) as exc:
        error = f"unreadable voice self-test output (exit {done.returncode}): {exc!r}"
        return SelfTestResult(Status.UNKNOWN, {"error": error}, [error])


def _check_data_dir(config: Config) -> SelfTestResult:
    """Room for the money journal: a full disk takes issuance out of service."""
    from kiosk_app.host_checks import check_data_dir

    return check_data_dir(config.kiosk.data_dir.expanduser())


def _check_clock(_config: Config) -> SelfTestResult:
    """The system clock is synchronised (receipts and certificates carry the date)."""
    from kiosk_app.host_checks import check_clock, read_clock_state

    return check_clock(read_clock_state())


CHECKS: tuple[Check, ...] = (
    Check("data_dir", "kiosk_app.host_checks", _check_data_dir),
    Check("clock", "kiosk_app.host_checks", _check_clock),
    Check("card_reader", "drivers.nfc.selftest", _check_card_reader),
    Check("coins", "drivers.coin_acceptor.selftest", _check_coins),
    Check("a4_printer", "drivers.printer.selftest", _check_printer("--a4", "a4")),
    Check("receipt_printer", "drivers.printer.selftest", _check_printer("--receipt", "receipt")),
    Check("center", "kiosk_app.center.opening", _check_center),
    Check("voice", "kiosk_app.voice.selftest", _check_voice),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--config PATH`` or ``--demo``, and the time limit of each check."""
    add_config_arguments(parser)
    parser.add_argument(
        "--check-timeout",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="give up on a check after this long (default 60)",
    )


def run(args: argparse.Namespace) -> SelfTestResult:
    """Run every check on the configured kiosk; a bad configuration is CRITICAL (exit 2) with
    one line on stderr."""
    try:
        config = config_from_arguments(args)
    except ConfigError as exc:
        sys.stderr.write(f"shomei-selftest all: {exc}\n")
        return SelfTestResult(Status.CRITICAL, {"error": str(exc)}, [f"configuration: {exc}"])
    return run_checks(config, checks_within(args.check_timeout), args.check_timeout)


def checks_within(limit_s: float) -> tuple[Check, ...]:
    """CHECKS with the voice check's child process given the time limit of every check (a
    second less, so that it is killed rather than left running when the check is given up on)
    instead of its fixed default: ``--check-timeout`` holds for it too, as on a slow PC."""
    voice = partial(_check_voice, limit_s=max(limit_s - 1.0, limit_s / 2))
    return tuple(
        Check(check.name, check.module, voice) if check.name == "voice" else check
        for check in CHECKS
    )


def run_checks(config: Config, checks: tuple[Check, ...], timeout: float) -> SelfTestResult:
    """Run ``checks`` one after another and combine them into one result."""
    results: dict[str, dict[str, Any]] = {}
    findings: list[str] = []
    statuses: list[Status] = []
    skipped: list[str] = []
    for check in checks:
        if importlib.util.find_spec(check.module) is None:
            skipped.append(check.name)
            findings.append(f"{check.name}: skipped (no self-test for it in this build)")
            continue
        result = _run_bounded(check, config, timeout)
        statuses.append(result.status)
        # A device's own "status" (e.g. the receipt printer's paper state) is kept aside.
        part = {"device_status" if k == "status" else k: v for k, v in result.report.items()}
        results[check.name] = {
            "status": result.status.name.lower(),
            **part,
            "findings": result.findings,
        }
        findings.append(f"{check.name}: {result.status.name}")
        findings.extend(f"  {finding}" for finding in result.findings)
        if result.status is not Status.OK:
            log.warning(
                "self-test %s: %s — %s", check.name, result.status.name, "; ".join(result.findings)
            )
    status = worst(statuses)
    report = {"kiosk_id": config.kiosk.id, "checks": results, "skipped": skipped}
    return SelfTestResult(status, report, findings)


def worst(statuses: list[Status]) -> Status:
    """The most severe of ``statuses`` (OK for none)."""
    for status in SEVERITY:
        if status in statuses:
            return status
    return Status.OK


def _run_bounded(check: Check, config: Config, timeout: float) -> SelfTestResult:
    """Run one check in a worker thread; an exception or overrun makes it UNKNOWN."""
    outcome: list[SelfTestResult] = []

    def work() -> None:
        try:
            outcome.append(check.run(config))
        except Exception as exc:
            log.debug("self-test %s failed", check.name, exc_info=True)
            error = f"{type(exc).__name__}: {exc}"
            outcome.append(SelfTestResult(Status.UNKNOWN, {"error": error}, [f"failed: {error}"]))

    worker = threading.Thread(target=work, name=f"selftest-{check.name}", daemon=True)
    worker.start()
    worker.join(timeout)
    if not outcome:
        message = f"did not finish within {timeout:g} s"
        return SelfTestResult(Status.UNKNOWN, {"error": message}, [message])
    return outcome[0]
