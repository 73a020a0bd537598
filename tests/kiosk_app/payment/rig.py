"""A payment controller over simulated devices and a journal, without pytest (the crash-test
child process imports it and must start quickly)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from drivers.coin_acceptor.emulator import AcceptorModel
from drivers.coin_acceptor.sim import SimCoinAcceptor, SimHopper
from kiosk_app.payment.controller import PaymentController
from kiosk_app.payment.journal import JournalEntry, MoneyJournal
from kiosk_app.payment.outcomes import PaymentAlert, PaymentOutcome, PaymentUpdate


@dataclass
class Rig:
    """The devices, the controller and everything its listeners heard."""

    acceptor: SimCoinAcceptor
    hoppers: dict[int, SimHopper]
    journal: MoneyJournal
    controller: PaymentController
    updates: list[PaymentUpdate] = field(default_factory=list)
    outcomes: list[PaymentOutcome] = field(default_factory=list)
    alerts: list[PaymentAlert] = field(default_factory=list)

    def drop(self, *coins: int) -> list[bool]:
        """Insert coins and let the controller see the next poll; which were accepted."""
        accepted = [self.acceptor.insert_coin(yen) for yen in coins]
        self.poll()
        return accepted

    def poll(self) -> None:
        """One poll of the acceptor, delivered to the controller."""
        for event in self.acceptor.poll_once():
            self.controller.handle_event(event)


def build_rig(
    journal_path: Path,
    levels: dict[int, int],
    on_append: Callable[[JournalEntry], None] | None = None,
    acceptor_model: AcceptorModel | None = None,
) -> Rig:
    """Devices with the given hopper levels and a controller recording its callbacks;
    ``acceptor_model`` is a mechanism that outlived an earlier rig (its event buffer kept)."""
    acceptor = SimCoinAcceptor(model=acceptor_model)
    acceptor.initialise()
    hoppers = {yen: SimHopper(yen, level=level) for yen, level in levels.items()}
    for hopper in hoppers.values():
        hopper.enable()
    journal = MoneyJournal(journal_path, on_append)
    controller = PaymentController(acceptor, dict(hoppers), journal, kiosk_id="TEST-01")
    rig = Rig(acceptor, hoppers, journal, controller)
    controller.on_update = rig.updates.append
    controller.on_outcome = rig.outcomes.append
    controller.on_alert = rig.alerts.append
    return rig


def wait_until(done: Callable[[], bool], what: str) -> None:
    """Wait (at most 20 s) until ``done()``, e.g. until the polling thread has polled."""
    deadline = time.monotonic() + 20
    while not done():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.01)
