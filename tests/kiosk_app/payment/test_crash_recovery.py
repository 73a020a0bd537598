"""SIGKILL at every journal step of a payment; after restart every yen is accounted for."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk_app.payment.journal import EntryKind, MoneyJournal
from tests.kiosk_app.payment.payment_child import LEVELS
from tests.kiosk_app.payment.rig import build_rig

ROOT = Path(__file__).resolve().parents[3]
MAX_STEPS = 30


def _start_child(journal: Path, scenario: str, kill_at: int) -> subprocess.Popen[bytes]:
    module = "tests.kiosk_app.payment.payment_child"
    return subprocess.Popen(
        [sys.executable, "-m", module, str(journal), scenario, str(kill_at)], cwd=ROOT
    )


@pytest.mark.parametrize("scenario", ["change", "cancel", "empty", "deliver"])
def test_killed_at_every_step_then_settled_balances_to_the_yen(
    tmp_path: Path, scenario: str
) -> None:
    full = tmp_path / "full.sqlite3"
    assert _start_child(full, scenario, 0).wait(timeout=60) == 0
    reference = MoneyJournal(full)
    steps = len(reference.entries())
    assert reference.balanced()
    assert reference.open_payments() == []
    reference.close()
    assert 5 < steps < MAX_STEPS

    paths = {kill_at: tmp_path / f"killed-{kill_at}.sqlite3" for kill_at in range(1, steps + 1)}
    children = {k: _start_child(path, scenario, k) for k, path in paths.items()}
    for kill_at, child in children.items():
        assert child.wait(timeout=60) == -signal.SIGKILL, kill_at

    for kill_at, path in paths.items():
        journal = MoneyJournal(path)
        assert len(journal.entries()) == kill_at
        journal.close()

        rig = build_rig(path, LEVELS)  # restart: fresh devices, same journal
        rig.controller.settle_open_payments()
        totals = rig.journal.totals()
        assert totals.inserted == totals.fees + totals.change + totals.refunds_owed, (
            kill_at,
            totals,
        )
        assert rig.journal.open_payments() == []
        kinds = [e.kind for e in rig.journal.entries()]
        assert kinds.count(EntryKind.CLOSED) == 1
        # a fee stays charged only when the payment was closed before the crash, or for the
        # documents journaled as delivered
        closed_before_crash = kill_at == steps
        if scenario == "deliver":
            delivered = sum(e.amount_yen for e in rig.journal.entries()[:kill_at]
                            if e.kind is EntryKind.DELIVERED)  # fmt: skip
            assert totals.fees == delivered, (kill_at, totals)
        else:
            assert (totals.fees > 0) == (closed_before_crash and scenario != "cancel")
        rig.journal.close()
