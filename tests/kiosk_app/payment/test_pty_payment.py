"""A payment with change over a real pty: the controller drives the acceptor and two hoppers
sharing one ccTalk bus (the coin drivers' own pty tests are in tests/drivers/coin_acceptor)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from drivers.coin_acceptor.devices import LinkPool, open_coin_acceptor, open_hopper
from kiosk_app.payment.controller import PaymentController
from kiosk_app.payment.journal import JournalTotals, MoneyJournal
from kiosk_app.payment.outcomes import PaymentOutcome
from tests.stacks.coin_pty import CoinPtyStack

pytestmark = pytest.mark.integration


def test_a_payment_with_change_over_the_shared_bus(
    coin_pty_stack: CoinPtyStack, tmp_path: Path
) -> None:
    pool = LinkPool()
    acceptor = open_coin_acceptor(coin_pty_stack.acceptor_url, pool)
    hoppers = {yen: open_hopper(coin_pty_stack.hopper_url(yen), yen, pool) for yen in (100, 10)}
    journal = MoneyJournal(tmp_path / "journal.sqlite3")
    done = threading.Event()
    outcomes: list[PaymentOutcome] = []

    def finished(outcome: PaymentOutcome) -> None:
        outcomes.append(outcome)
        done.set()

    controller = PaymentController(acceptor, hoppers, journal, on_outcome=finished)
    acceptor.poll_interval = 0.05
    controller.start()
    controller.open(380, "REQ-PTY")
    assert coin_pty_stack.acceptor.insert_coin(500)
    assert done.wait(10)
    controller.stop()
    assert outcomes[0].change_paid_yen == 120
    assert coin_pty_stack.hoppers[100].level == 19
    assert coin_pty_stack.hoppers[10].level == 18
    assert journal.totals() == JournalTotals(500, 380, 120, 0)
    journal.close()
    pool.close()
