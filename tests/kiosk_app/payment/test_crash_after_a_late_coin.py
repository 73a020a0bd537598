"""A coin the mechanism credits with no payment open, then a crash before the poll: counted.

The acceptor keeps its ccTalk event counter and buffer across a kiosk restart (only a power loss
or reset puts the counter back to 0, its buffer empty). At start-up polling resumes from the
counter of the last coin journaled, payment open or not: the coin the crash kept from being
polled is credited then, as a stray coin (journaled, returned by the hoppers). A normal boot,
the acceptor reset or not, finds nothing and raises no alert.
"""

from __future__ import annotations

import json
import logging
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from drivers.coin_acceptor.emulator import AcceptorModel
from kiosk_app.payment.journal import EntryKind
from kiosk_app.payment.reasons import AlertKind
from tests.kiosk_app.payment.rig import Rig, build_rig, wait_until
from tests.kiosk_app.payment.stray_coin_child import COINS, DUE_YEN, LATE_COIN, LEVELS

ROOT = Path(__file__).resolve().parents[3]


def _killed_child(journal: Path, state: Path) -> dict[str, Any]:
    module = "tests.kiosk_app.payment.stray_coin_child"
    child = subprocess.run(
        [sys.executable, "-m", module, str(journal), str(state)], cwd=ROOT, timeout=60
    )
    assert child.returncode == -signal.SIGKILL, "the child did not die before the poll"
    loaded: dict[str, Any] = json.loads(state.read_text())
    return loaded


def _boot(journal: Path, model: AcceptorModel, levels: dict[int, int]) -> Rig:
    """What the kiosk does at start-up, on the same journal and mechanism: settle, then poll
    (two polls: the first one's events have been handled), then stop."""
    rig = build_rig(journal, levels, acceptor_model=model)
    rig.controller.settle_open_payments()
    polls = model.polls
    rig.acceptor.poll_interval = 0.01
    rig.controller.start()
    wait_until(lambda: model.polls >= polls + 2, "two polls")
    rig.controller.stop()
    return rig


def _mechanism(state: dict[str, Any]) -> AcceptorModel:
    model = AcceptorModel()
    model.counter = state["counter"]
    model.events.extend(tuple(pair) for pair in state["events"])
    return model


def test_a_coin_credited_after_the_payment_closed_is_returned_after_a_crash(
    tmp_path: Path,
) -> None:
    journal_path = tmp_path / "money.sqlite3"
    state = _killed_child(journal_path, tmp_path / "devices.json")
    assert sum(state["accepted"]) == sum(COINS) + LATE_COIN, "the mechanism took four coins"
    levels = {int(yen): level for yen, level in state["levels"].items()}
    model = _mechanism(state)

    rig = _boot(journal_path, model, levels)
    totals = rig.journal.totals()
    assert totals.inserted == sum(COINS) + LATE_COIN, "the late coin is journaled, once"
    assert (totals.fees, totals.change, totals.refunds_owed) == (DUE_YEN, LATE_COIN, 0)
    assert (levels[100] - rig.hoppers[100].level) * 100 == LATE_COIN, "the hoppers return it"
    assert [a.kind for a in rig.alerts] == [AlertKind.STRAY_COIN]
    assert rig.journal.balanced()
    assert rig.journal.open_payments() == []
    entries = len(rig.journal.entries())
    rig.journal.close()

    # the next boot (the mechanism as it is) credits nothing again and alerts nobody
    again = _boot(journal_path, model, {yen: h.level for yen, h in rig.hoppers.items()})
    assert len(again.journal.entries()) == entries
    assert again.alerts == []
    again.journal.close()


@pytest.mark.parametrize("acceptor", ["kept_power", "power_cycled"])
def test_a_normal_boot_raises_no_alert(
    tmp_path: Path, acceptor: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A clean stop, then a boot: with the acceptor powered (counter kept) or reset with the
    PC (counter 0, buffer empty: an info log, no alert); nothing credited, the journal as it was
    (refused coins after the last coin are not taken for lost events)."""
    journal_path = tmp_path / "money.sqlite3"
    model = AcceptorModel()
    first = build_rig(journal_path, LEVELS, acceptor_model=model)
    first.controller.open(DUE_YEN, "REQ-NORMAL", ["juminhyo"])
    first.drop(*COINS)
    # six coins dropped at the home screen, every one refused: more events than the buffer
    # holds after the last coin journaled (the stop journals where the counter stands)
    assert first.drop(*[100] * 6) == [False] * 6
    first.controller.stop()
    entries = first.journal.entries()
    first.journal.close()
    if acceptor == "power_cycled":
        model.power_cycle()

    with caplog.at_level(logging.INFO, logger="drivers.coin_acceptor.acceptor"):
        rig = _boot(journal_path, model, LEVELS)
    assert rig.alerts == []
    # nothing new but, after a reset, where the counter now stands (0: where the next boot
    # resumes from)
    added = rig.journal.entries()[len(entries) :]
    assert rig.journal.entries()[: len(entries)] == entries
    assert [(e.kind, e.detail["counter"]) for e in added] == (
        [(EntryKind.POLLED, 0)] if acceptor == "power_cycled" else []
    )
    assert rig.journal.balanced()
    reset_logged = [r for r in caplog.records if "reset since it was last polled" in r.message]
    assert [r.levelno for r in reset_logged] == (
        [logging.INFO] if acceptor == "power_cycled" else []
    )
    rig.journal.close()
