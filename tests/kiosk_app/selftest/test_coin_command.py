"""``shomei-selftest coin`` over the pty emulator: JSON report, live watch and exit codes."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from drivers.coin_acceptor.devices import parse_device_url
from kiosk_app.selftest_cli import main
from tests.stacks.coin_pty import CoinPtyStack

pytestmark = pytest.mark.integration


def test_json_report_over_the_pty(
    coin_pty_stack: CoinPtyStack, capsys: pytest.CaptureFixture[str]
) -> None:
    hopper = f"100={coin_pty_stack.hopper_url(100)}"
    code = main(["coin", "--port", coin_pty_stack.acceptor_url, "--hopper", hopper, "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0, report["findings"]
    assert report["status"] == "ok"
    assert report["identity"]["product"] == "EMU-CA"
    assert set(report["identity"]) >= {"manufacturer", "product", "serial", "software"}
    assert report["coins"]["3"] == {"coin_id": "JP100A", "value_yen": 100}
    assert report["inhibit_round_trip"] is True
    assert report["hoppers"][0]["status"]["event_counter"] == 0
    assert not coin_pty_stack.acceptor.master_accept  # left inhibited


def test_watch_reports_the_coins_dropped(
    coin_pty_stack: CoinPtyStack, capsys: pytest.CaptureFixture[str]
) -> None:
    model = coin_pty_stack.acceptor

    def drop_coins() -> None:
        for _ in range(400):  # until the watch has enabled the coins
            if model.master_accept:
                model.insert_coin(100)
                model.insert_coin(500)
                return
            threading.Event().wait(0.005)

    dropper = threading.Thread(target=drop_coins)
    dropper.start()
    code = main(["coin", "--port", coin_pty_stack.acceptor_url, "--watch", "1", "--json"])
    dropper.join()
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert code == 0
    assert report["credit_total_yen"] == 600
    assert [e["value_yen"] for e in report["events"]] == [100, 500]
    assert "JP500B" in captured.err  # reported live


def test_an_acceptor_that_stops_answering_when_watched_is_critical(
    coin_pty_stack: CoinPtyStack,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The bus goes silent as the watch enables the coins: a finding, not a crashed self-test."""
    model, bus = coin_pty_stack.acceptor, coin_pty_stack.bus
    answer = model.handle_specific
    enables = 0

    def go_silent_at_the_second_enable(header: int, data: bytes) -> bytes:
        nonlocal enables
        if header == 228 and data == b"\x01":  # master inhibit off: the check, then the watch
            enables += 1
            if enables == 2:
                bus.faults.drop_replies = 1_000
        return answer(header, data)

    monkeypatch.setattr(model, "handle_specific", go_silent_at_the_second_enable)
    code = main(["coin", "--port", coin_pty_stack.acceptor_url, "--watch", "1", "--json"])
    report = json.loads(capsys.readouterr().out)
    assert (code, report["status"]) == (2, "critical")
    assert any(f.startswith("acceptor stopped answering while watched") for f in report["findings"])


def test_a_faulty_acceptor_is_critical(
    coin_pty_stack: CoinPtyStack, capsys: pytest.CaptureFixture[str]
) -> None:
    coin_pty_stack.acceptor.jam()
    assert main(["coin", "--port", coin_pty_stack.acceptor_url]) == 2
    assert "self-check: fault on credit sensor" in capsys.readouterr().out


def test_a_hopper_flag_is_a_warning(
    coin_pty_stack: CoinPtyStack, capsys: pytest.CaptureFixture[str]
) -> None:
    coin_pty_stack.hoppers[10].fault_flags = 0x02
    url = coin_pty_stack.hopper_url(10)
    assert main(["coin", "--port", coin_pty_stack.acceptor_url, "--hopper", url]) == 1
    assert "payout timeout" in capsys.readouterr().out


def test_missing_port_is_critical_and_bad_url_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coin", "--port", "cctalk:///dev/no-such-coin-mech"]) == 2
    assert main(["coin", "--port", "usb:coin", "--json"]) == 3
    report = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert report["status"] == "unknown"
    assert report["findings"] == ["bad acceptor URL: 'usb:coin': expected cctalk://PORT or sim:"]


def test_a_bare_device_path_is_the_cctalk_port_and_no_device_names_the_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As a field engineer types it: ``--port /dev/ttyUSB0 --json`` with no device there."""
    absent = tmp_path / "ttyUSB0"
    assert main(["coin", "--port", str(absent), "--json"]) == 2
    report = json.loads(capsys.readouterr().out)
    assert report["status"] == "critical"
    [finding] = report["findings"]
    assert finding.startswith(f"acceptor not reachable: cannot open {absent}")


def test_a_bare_device_path_talks_cctalk_with_the_defaults(coin_pty_stack: CoinPtyStack) -> None:
    parsed = parse_device_url(coin_pty_stack.acceptor_url)
    bare = parse_device_url(parsed.port)
    assert (bare.scheme, bare.port, bare.options) == ("cctalk", parsed.port, {})
