"""A payment on a disk that fills up, in a child process that SIGKILLs itself at one moment.

``python -m tests.kiosk_app.payment.full_disk_child JOURNAL STATE KILL_AT``: the journal lives
on a small disk (a mounted tmpfs) that the child fills after the first coin; the second coin
cannot be journaled. Just before dying the child writes to STATE (on another disk) what
outlives the process: the coin mechanism's event buffer and accepted coins, the hopper levels
and the refund slips already handed out. KILL_AT is ``credited`` (the mechanism took the second
coin, the kiosk never polled it), ``reserve-N`` (after the N-th entry written to the journal's
reserve) or ``slip`` (the slip is out, the entries never reached the journal).
"""

from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk_app.payment.journal_reserve import JournalReserve
from tests.kiosk_app.payment.rig import Rig, build_rig
from tests.kiosk_app.small_disk import SmallDisk

#: Hopper levels of the scenario.
LEVELS = {10: 20, 50: 20, 100: 20}
#: What the resident owes and the coins dropped (the second when the disk is full).
DUE_YEN, COINS = 300, (100, 100)


def device_state(rig: Rig) -> dict[str, Any]:
    """What the devices and the paper remember when the kiosk process dies."""
    model = rig.acceptor.model
    return {
        "counter": model.counter,
        "events": [list(pair) for pair in model.events],
        "accepted": list(model.accepted),
        "levels": {str(yen): hopper.level for yen, hopper in rig.hoppers.items()},
        "slips": [
            {"number": o.refund_slip.slip_number, "yen": o.refund_slip.refund_owed_yen}
            for o in rig.outcomes
            if o.refund_slip is not None
        ],
    }


def dier(rig_of: Callable[[], Rig], state_path: Path) -> Callable[[], None]:
    """A call that writes the devices' state to ``state_path`` and SIGKILLs the process."""

    def die() -> None:
        state_path.write_text(json.dumps(device_state(rig_of())))
        os.kill(os.getpid(), signal.SIGKILL)

    return die


def _kill_after_reserve_writes(count: int, die: Callable[[], None]) -> None:
    """Wrap the reserve's ``write`` so that the process dies right after the ``count``-th."""
    original = JournalReserve.write
    written = 0

    def write(self: JournalReserve, key: str, record: dict[str, Any]) -> None:
        nonlocal written
        original(self, key, record)
        written += 1
        if written == count:
            die()

    JournalReserve.write = write  # type: ignore[method-assign]


def run(journal_path: Path, state_path: Path, kill_at: str) -> None:
    """Play the scenario and die at ``kill_at``."""
    rig: Rig | None = None

    def current() -> Rig:
        assert rig is not None
        return rig

    die = dier(current, state_path)
    if kill_at.startswith("reserve-"):
        _kill_after_reserve_writes(int(kill_at.removeprefix("reserve-")), die)
    rig = build_rig(journal_path, LEVELS)
    rig.controller.journal_retry_s = 3600.0
    rig.controller.open(DUE_YEN, "REQ-WAIT", ["juminhyo"])
    rig.drop(COINS[0])
    SmallDisk(journal_path.parent).fill()
    if kill_at == "credited":
        rig.acceptor.insert_coin(COINS[1])
        die()
    rig.drop(COINS[1])  # the journal cannot take it: the payment ends with a refund slip
    if kill_at == "slip":
        die()
    raise SystemExit(f"kill point {kill_at!r} never reached")


if __name__ == "__main__":
    run(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3])
