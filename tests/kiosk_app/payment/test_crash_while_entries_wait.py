"""A crash while money-journal entries wait (a full disk): no coin lost, none paid twice.

A real 512 KiB tmpfs fills after the first coin; the second coin cannot be journaled and the
payment ends with a refund slip. The kiosk process is then SIGKILLed at each moment of that
(full_disk_child.py), restarted on the same journal with the same coin mechanism (its ccTalk
event buffer kept, as a real acceptor keeps it) and hoppers, with the disk still full or freed.
Every yen the mechanism took must leave the kiosk exactly once: as coins from the hoppers or
on a refund slip (those handed out before the crash included), and the journal must say so.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from drivers.coin_acceptor.emulator import AcceptorModel
from kiosk_app.payment.journal import EntryKind, MoneyJournal
from kiosk_app.payment.outcomes import PaymentOutcome
from tests.kiosk_app.payment.full_disk_child import COINS
from tests.kiosk_app.payment.rig import Rig, build_rig, wait_until
from tests.kiosk_app.small_disk import SmallDisk, mounted_small_disk

ROOT = Path(__file__).resolve().parents[3]
KILL_POINTS = ["credited", "reserve-1", "reserve-2", "reserve-3", "slip"]


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[SmallDisk]:
    """A real 512 KiB file system for the journal, unmounted after the test."""
    with mounted_small_disk(tmp_path / "data") as disk:
        yield disk


def _killed_child(journal: Path, state: Path, kill_at: str) -> dict[str, Any]:
    module = "tests.kiosk_app.payment.full_disk_child"
    child = subprocess.run(
        [sys.executable, "-m", module, str(journal), str(state), kill_at], cwd=ROOT, timeout=60
    )
    assert child.returncode == -signal.SIGKILL, f"the child did not die at {kill_at}"
    loaded: dict[str, Any] = json.loads(state.read_text())
    return loaded


def _restarted(journal: Path, state: dict[str, Any]) -> Rig:
    """A fresh controller on the same journal, mechanism (event buffer) and hopper levels."""
    model = AcceptorModel()
    model.counter = state["counter"]
    model.events.extend(tuple(pair) for pair in state["events"])
    levels = {int(yen): level for yen, level in state["levels"].items()}
    rig = build_rig(journal, levels, acceptor_model=model)
    rig.controller.journal_retry_s = 3600.0
    return rig


def _recover(rig: Rig) -> list[PaymentOutcome]:
    """What the kiosk does at start-up: settle open payments, then poll the acceptor."""
    settled = rig.controller.settle_open_payments()
    polls = rig.acceptor.model.polls
    rig.acceptor.poll_interval = 0.01
    rig.controller.start()
    # two polls after the start: the first one's events have been handled
    wait_until(lambda: rig.acceptor.model.polls >= polls + 2, "two polls")
    rig.controller.stop()
    return settled


def _journal_slips(journal: MoneyJournal) -> dict[str, int]:
    """Slip number → yen of every refund owed in the journal (the number as it was printed)."""
    return {
        str(e.detail.get("slip", f"TEST-01-{e.seq:08d}")): e.amount_yen
        for e in journal.entries()
        if e.kind is EntryKind.REFUND_OWED
    }


@pytest.mark.parametrize("disk_at_restart", ["still_full", "freed"])
@pytest.mark.parametrize("kill_at", KILL_POINTS)
def test_a_crash_while_entries_wait_neither_loses_nor_pays_twice(
    tmp_path: Path, small_disk: SmallDisk, kill_at: str, disk_at_restart: str
) -> None:
    journal_path = small_disk.path / "money.sqlite3"
    before = _killed_child(journal_path, tmp_path / "devices.json", kill_at)
    assert sum(before["accepted"]) == sum(COINS), "the mechanism took both coins"
    if disk_at_restart == "freed":
        small_disk.free()

    rig = _restarted(journal_path, before)
    settled = _recover(rig)
    if disk_at_restart == "still_full":
        assert not rig.controller.journal_writable
        small_disk.free()
        assert rig.controller.retry_journal()
    journal = rig.journal

    slips = {s["number"]: s["yen"] for s in before["slips"]}
    printed = [o.refund_slip for o in [*settled, *rig.outcomes]] + rig.controller.reprints
    for slip in printed:
        if slip is not None:  # a slip printed again keeps its number: it counts once
            slips[slip.slip_number] = slip.refund_owed_yen
    paid_out = sum(
        yen * (before["levels"][str(yen)] - hopper.level) for yen, hopper in rig.hoppers.items()
    )
    # every yen taken leaves once: coins paid out plus slips handed out, no more, no less
    assert paid_out + sum(slips.values()) == sum(COINS), (paid_out, slips)
    totals = journal.totals()
    assert totals.inserted == sum(COINS), "every coin the mechanism took is journaled once"
    assert (totals.change, totals.refunds_owed, totals.fees) == (paid_out, sum(slips.values()), 0)
    assert _journal_slips(journal) == slips, "each slip handed out is in the journal, once"
    assert journal.balanced()
    assert journal.open_payments() == []
    rig.journal.close()
