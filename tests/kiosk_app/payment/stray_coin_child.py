"""A payment that closes while a last coin is on its way, then a SIGKILL before the next poll.

``python -m tests.kiosk_app.payment.stray_coin_child JOURNAL STATE``: the resident pays 300 yen
with three 100 yen coins; the payment closes (every coin inhibited) while a fourth coin is
already past the validator, so the mechanism credits it (its ccTalk event counter moves on).
The kiosk process dies before it polls again; STATE (see ``full_disk_child.device_state``)
keeps what outlives it: the mechanism's counter and event buffer, the hopper levels.
"""

from __future__ import annotations

import sys
from pathlib import Path

from drivers.coin_acceptor.emulator import AcceptorModel
from tests.kiosk_app.payment.full_disk_child import dier
from tests.kiosk_app.payment.rig import Rig, build_rig

#: Hopper levels of the scenario.
LEVELS = {10: 20, 50: 20, 100: 20}
#: What the resident owes, the coins that pay it, and the coin on its way as it closes.
DUE_YEN, COINS, LATE_COIN = 300, (100, 100, 100), 100


def credit_in_flight(model: AcceptorModel, yen: int) -> None:
    """The mechanism credits a coin that passed its validator before the inhibit came."""
    with model.lock:
        mask, accept = model.inhibit_mask, model.master_accept
        model.inhibit_mask, model.master_accept = 0xFFFF, True
        credited = model.insert_coin(yen)
        model.inhibit_mask, model.master_accept = mask, accept
    assert credited, "the mechanism did not take the late coin"


def run(journal_path: Path, state_path: Path) -> None:
    """Play the scenario and die before the late coin is polled."""
    rig: Rig = build_rig(journal_path, LEVELS)
    die = dier(lambda: rig, state_path)
    rig.controller.open(DUE_YEN, "REQ-LATE", ["juminhyo"])
    rig.drop(*COINS)
    assert not rig.controller.journal.open_payments(), "the payment did not close"
    credit_in_flight(rig.acceptor.model, LATE_COIN)
    die()


if __name__ == "__main__":
    run(Path(sys.argv[1]), Path(sys.argv[2]))
