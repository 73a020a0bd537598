"""``shomei-selftest coin``: identity, coin table, inhibits, self-check, hoppers, live watch."""

from __future__ import annotations

import argparse
import re
import sys
import threading
from dataclasses import asdict
from typing import Any

from drivers.coin_acceptor.acceptor import CcTalkCoinAcceptor
from drivers.coin_acceptor.devices import LinkPool, open_coin_acceptor, open_hopper
from drivers.coin_acceptor.errors import CoinMechError, CoinUrlError
from drivers.coin_acceptor.events import (
    AcceptorEvent,
    AcceptorOffline,
    AcceptorReset,
    CoinCredited,
    CoinRejected,
    CreditLost,
)
from drivers.selftest import SelfTestResult, Status


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The coin self-test's options."""
    parser.add_argument(
        "--port",
        required=True,
        help="acceptor: a serial device (/dev/ttyUSB0), cctalk:///dev/ttyUSB0?... or sim:",
    )
    parser.add_argument(
        "--hopper",
        action="append",
        default=[],
        metavar="[YEN=]URL",
        help="a hopper to check (repeatable), e.g. 100=cctalk:///dev/ttyUSB0?address=3",
    )
    parser.add_argument(
        "--watch",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="enable every coin and report credits live for this long",
    )


#: Statuses from least to most severe.
_SEVERITY = (Status.OK, Status.WARNING, Status.UNKNOWN, Status.CRITICAL)


class _Report:
    """Collects the findings and the worst status."""

    def __init__(self) -> None:
        self.status = Status.OK
        self.findings: list[str] = []
        self.data: dict[str, Any] = {}

    def note(self, status: Status, finding: str) -> None:
        self.findings.append(finding)
        if _SEVERITY.index(status) > _SEVERITY.index(self.status):
            self.status = status

    def result(self) -> SelfTestResult:
        return SelfTestResult(self.status, self.data, self.findings)


def run(args: argparse.Namespace) -> SelfTestResult:
    """Run the checks; exit status 0 ok, 1 warning, 2 critical, 3 unknown."""
    report = _Report()
    pool = LinkPool()
    try:
        acceptor = open_coin_acceptor(args.port, pool)
    except CoinUrlError as exc:
        report.note(Status.UNKNOWN, f"bad acceptor URL: {exc}")
        return report.result()
    except CoinMechError as exc:
        report.note(Status.CRITICAL, f"acceptor not reachable: {exc}")
        return report.result()
    try:
        _check_acceptor(acceptor, report)
        for spec in args.hopper:
            _check_hopper(spec, pool, report)
        if args.watch > 0:
            try:
                _watch(acceptor, args.watch, report)
            except CoinMechError as exc:
                acceptor.stop_polling()
                report.note(Status.CRITICAL, f"acceptor stopped answering while watched: {exc}")
    finally:
        try:
            acceptor.set_accepted_values(())
        except CoinMechError as exc:
            report.note(Status.WARNING, f"could not inhibit the acceptor afterwards: {exc}")
        pool.close()
    return report.result()


def _check_acceptor(acceptor: CcTalkCoinAcceptor, report: _Report) -> None:
    try:
        identity = acceptor.identify()
        report.data["identity"] = {
            "category": identity.category,
            "manufacturer": identity.manufacturer,
            "product": identity.product,
            "serial": identity.serial,
            "software": identity.software,
        }
        report.note(
            Status.OK,
            f"{identity.category}: {identity.manufacturer} {identity.product} "
            f"serial {identity.serial} software {identity.software}",
        )
        report.data["coins"] = {
            str(p): {"coin_id": c.coin_id, "value_yen": c.value_yen}
            for p, c in sorted(acceptor.coins.items())
        }
        values = sorted({c.value_yen for c in acceptor.coins.values() if c.value_yen})
        if values:
            report.note(Status.OK, f"coin table: {', '.join(f'{v} yen' for v in values)}")
        else:
            report.note(Status.WARNING, "coin table holds no yen coins")
        acceptor.set_accepted_values(values)
        enabled = acceptor.read_inhibits()
        master = acceptor.read_master_inhibit()
        acceptor.set_accepted_values(())
        expected = {p for p, c in acceptor.coins.items() if c.value_yen in values}
        round_trip = enabled == expected and master == bool(expected)
        round_trip = round_trip and not acceptor.read_master_inhibit()
        report.data["inhibit_round_trip"] = round_trip
        report.note(
            Status.OK if round_trip else Status.CRITICAL,
            "inhibit round-trip "
            + ("ok" if round_trip else f"failed: read back {sorted(enabled)}"),
        )
        check = acceptor.self_check()
        report.data["self_check"] = {"fault_code": check.fault_code, "reason": check.reason}
        report.note(Status.OK if check.ok else Status.CRITICAL, f"self-check: {check.reason}")
    except CoinMechError as exc:
        report.note(Status.CRITICAL, f"acceptor check failed: {exc}")


def _check_hopper(spec: str, pool: LinkPool, report: _Report) -> None:
    match = re.fullmatch(r"(\d+)=(.+)", spec)
    yen_text, url = match.groups() if match else ("", spec)
    entry: dict[str, Any] = {"url": url}
    report.data.setdefault("hoppers", []).append(entry)
    try:
        coin_yen = int(yen_text) if yen_text else 0
        hopper = open_hopper(url, coin_yen, pool)
        identity = hopper.identify()
        status = hopper.status()
        flags = hopper.test()
    except ValueError as exc:  # CoinUrlError included
        report.note(Status.UNKNOWN, f"bad hopper argument {spec!r}: {exc}")
        return
    except CoinMechError as exc:
        report.note(Status.CRITICAL, f"hopper {url} failed: {exc}")
        return
    entry.update(
        coin_yen=coin_yen or None,
        identity={
            "manufacturer": identity.manufacturer,
            "product": identity.product,
            "serial": identity.serial,
            "software": identity.software,
        },
        status=asdict(status),
        flags=flags,
    )
    label = f"hopper {identity.product} serial {identity.serial}"
    if flags:
        report.note(Status.WARNING, f"{label}: {'; '.join(flags)}")
    else:
        report.note(Status.OK, f"{label}: ok, last payout {status.last_paid} paid")


def _watch(acceptor: CcTalkCoinAcceptor, seconds: float, report: _Report) -> None:
    events: list[dict[str, Any]] = []
    total = 0
    lock = threading.Lock()

    def on_event(event: AcceptorEvent) -> None:
        nonlocal total
        line: dict[str, Any] = {"event": type(event).__name__}
        if isinstance(event, CoinCredited):
            line.update(
                position=event.coin.position,
                coin_id=event.coin.coin_id,
                value_yen=event.coin.value_yen,
            )
        elif isinstance(event, CoinRejected):
            line.update(code=event.code, reason=event.reason)
        elif isinstance(event, CreditLost):
            line.update(missed=event.missed)
        elif isinstance(event, AcceptorOffline):
            line.update(reason=event.reason)
        with lock:
            events.append(line)
            if isinstance(event, CoinCredited):
                total += event.coin.value_yen or 0
        sys.stderr.write(f"{line}\n")
        sys.stderr.flush()

    values = {c.value_yen for c in acceptor.coins.values() if c.value_yen}
    acceptor.set_accepted_values(values)
    acceptor.start_polling(on_event)
    threading.Event().wait(seconds)
    acceptor.stop_polling()
    report.data["events"] = events
    report.data["credit_total_yen"] = total
    report.note(Status.OK, f"watched {seconds:g} s: {len(events)} events, {total} yen credited")
    lost = [
        e
        for e in events
        if e["event"] in {CreditLost.__name__, AcceptorReset.__name__, AcceptorOffline.__name__}
    ]
    if lost:
        report.note(Status.WARNING, f"{len(lost)} loss/reset/offline events while watching")
