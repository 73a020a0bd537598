"""kill -9 of the real kiosk process at each step of an issuance, then a restart.

The kiosk (``kiosk_app.app.run`` on sim devices, embedded server) is driven by FLOW's scripted
driver to a step (tests/kiosk_app/crash_harness.py) and killed with SIGKILL. Then the real
``shomei-kiosk --config`` starts on the same data directory, and is stopped with SIGTERM once
ready. The restart must log the incident, settle an open payment (the money goes back), leave
the money journal closed and balanced, and no personal data may be on disk.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk_app.config import demo_config_text
from kiosk_app.payment.journal import MoneyJournal
from kiosk_app.unclean_stop import MARKER_NAME

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 90.0


def wait_for(condition: Callable[[], bool], what: str, process: subprocess.Popen[bytes]) -> None:
    """Poll ``condition``; fail if ``process`` exits first or after START_TIMEOUT_S."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while not condition():
        if process.poll() is not None:
            raise AssertionError(f"the process exited ({process.returncode}) before {what}")
        if time.monotonic() > deadline:
            raise AssertionError(f"no {what} within {START_TIMEOUT_S} s")
        time.sleep(0.05)


@pytest.fixture(scope="module")
def kiosk_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One kiosk's home: its config (every certificate at any hour) and data dir, kept across
    the crashes like a real kiosk's."""
    home = tmp_path_factory.mktemp("kiosk")
    text = demo_config_text().replace(
        'data_dir = "~/.local/share/shomei-kiosk-demo"',
        f'data_dir = "{home / "data"}"\nclosed_days = []',
    )
    text = re.sub(r"(?m)^(hours = .*|weekdays_only = true)\n", "", text)
    text = re.sub(r"(?m)^(\[certificates\.\w+\]\n)", r'\1hours = "00:00-24:00"\n', text)
    (home / "kiosk.toml").write_text(text)
    return home


def _environment(home: Path) -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home)}


def crash_at(home: Path, stop: str) -> str:
    """Drive the kiosk to ``stop``, kill -9 it; return the demo person's label."""
    out = home / f"harness-{stop}.out"
    with out.open("wb") as stdout, (home / f"harness-{stop}.err").open("wb") as stderr:
        harness = subprocess.Popen(
            [sys.executable, "-m", "tests.kiosk_app.crash_harness", str(home / "kiosk.toml"), stop],
            cwd=ROOT,
            env=_environment(home),
            stdout=stdout,
            stderr=stderr,
        )
    try:
        wait_for(lambda: re.search(rb"^(AT|FAILED) ", out.read_bytes(), re.M) is not None,
                 f"the kiosk at {stop}", harness)  # fmt: skip
    finally:
        harness.send_signal(signal.SIGKILL)
        harness.wait()
    text = out.read_text()
    assert f"AT {stop}" in text, text
    assert harness.returncode == -signal.SIGKILL
    return text.split("PERSON ", 1)[1].splitlines()[0]


def restart(home: Path) -> str:
    """Start the real shomei-kiosk on the same data, stop it cleanly once ready; its log."""
    log = home / "restart.err"
    with log.open("wb") as stderr:
        kiosk = subprocess.Popen(
            [sys.executable, "-m", "kiosk_app", "--config", str(home / "kiosk.toml")],
            cwd=ROOT,
            env=_environment(home),
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    try:
        # The window shows first; the devices open (and old payments settle) after it.
        wait_for(lambda: b"devices open" in log.read_bytes(), "devices open", kiosk)
        kiosk.send_signal(signal.SIGTERM)
        assert kiosk.wait(timeout=30) == 0
    finally:
        if kiosk.poll() is None:
            kiosk.kill()
            kiosk.wait()
    return log.read_text()


def personal_data_on_disk(data_dir: Path, label: str) -> list[Path]:
    """Kiosk files (the embedded municipal registry under center/ aside) naming the person."""
    name = label.split("（")[0].encode()
    kiosk_files = [
        path
        for path in data_dir.rglob("*")
        if path.is_file() and "center" not in path.relative_to(data_dir).parts
    ]
    assert kiosk_files  # the journal at least: the search looks somewhere
    return [path for path in kiosk_files if name in path.read_bytes()]


@pytest.mark.parametrize("stop", ["pin", "menu", "paying", "printing", "take_items"])
def test_kill_9_then_restart_settles_logs_and_leaves_nothing(kiosk_home: Path, stop: str) -> None:
    data = kiosk_home / "data"
    label = crash_at(kiosk_home, stop)
    assert (data / MARKER_NAME).exists()  # the killed run never stopped cleanly
    journal = MoneyJournal(data / "money.sqlite3")
    try:
        left_open = journal.open_payments()
        before = journal.totals()
    finally:
        journal.close()
    if stop == "paying":
        assert [p.credit_yen for p in left_open] == [100]

    log = restart(kiosk_home)

    assert "incident: the previous kiosk run" in log
    journal = MoneyJournal(data / "money.sqlite3")
    try:
        assert journal.open_payments() == []
        assert journal.balanced()
        after = journal.totals()
    finally:
        journal.close()
    if left_open:
        assert "settled an interrupted payment" in log
        returned = (after.change - before.change) + (after.refunds_owed - before.refunds_owed)
        # A payment left open delivered nothing: its fee is voided, all its credit goes back.
        assert returned == sum(p.credit_yen - p.change_yen - p.refund_owed_yen for p in left_open)
    assert not (data / MARKER_NAME).exists()  # this time the kiosk stopped cleanly
    assert personal_data_on_disk(data, label) == []
    assert label.split("（")[0] not in log


def test_kill_while_printing_gives_the_fee_back(kiosk_home: Path) -> None:
    """Paid, then killed before the sheet was out: nothing delivered, so the fee must go back."""
    crash_at(kiosk_home, "printing")
    journal = MoneyJournal(kiosk_home / "data" / "money.sqlite3")
    try:
        before = journal.totals()
    finally:
        journal.close()
    restart(kiosk_home)
    journal = MoneyJournal(kiosk_home / "data" / "money.sqlite3")
    try:
        after = journal.totals()
    finally:
        journal.close()
    given_back = (after.change + after.refunds_owed) - (before.change + before.refunds_owed)
    voided = before.fees - after.fees
    assert given_back == 200 or voided == 200, f"fee kept: {before} → {after}"
