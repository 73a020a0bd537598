"""A payment run in a child process that SIGKILLs itself right after journal step N.

``python -m tests.kiosk_app.payment.payment_child JOURNAL SCENARIO KILL_AT`` (KILL_AT 0: never).
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from kiosk_app.payment.journal import JournalEntry
from tests.kiosk_app.payment.rig import build_rig

#: Hopper levels of every scenario: 100s, 50s and 10s.
LEVELS = {10: 10, 50: 1, 100: 5}


def run(journal_path: Path, scenario: str, kill_at: int) -> None:
    """Play one scenario; die by SIGKILL after the ``kill_at``-th journal append."""
    steps = 0

    def maybe_die(_entry: JournalEntry) -> None:
        nonlocal steps
        steps += 1
        if steps == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    rig = build_rig(journal_path, LEVELS, maybe_die)
    if scenario == "change":
        rig.controller.open(330, "REQ-CHANGE", ["juminhyo"])
        rig.drop(100)
        rig.drop(500)  # 270 change: 100 x 2, 50 x 1, 10 x 2
    elif scenario == "cancel":
        rig.controller.open(450, "REQ-CANCEL")
        rig.drop(100, 50, 10)
        rig.controller.cancel()
    elif scenario == "empty":
        rig.hoppers[100].model.empty_after = 1
        rig.hoppers[10].model.empty_after = 2
        rig.controller.open(200, "REQ-EMPTY")
        rig.drop(500)  # 300 change: only 100 + 50 + 20 come out, 130 owed
    elif scenario == "deliver":
        rig.controller.open(330, "REQ-DELIVER", ["juminhyo", "inkan"], awaits_delivery=True)
        rig.drop(500)  # 170 change
        rig.controller.record_delivery("REQ-DELIVER", "doc-a", 1, 1, 200)
        rig.controller.undelivered("REQ-DELIVER", "paper_out")  # doc-b's 130 comes back
    else:
        raise SystemExit(f"unknown scenario {scenario}")
    rig.journal.close()


if __name__ == "__main__":
    run(Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]))
