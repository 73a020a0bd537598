"""The payment controller over simulated devices: credit, change, cancel, refunds owed."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from drivers.coin_acceptor.sim import SimCoinAcceptor
from kiosk_app.payment.controller import PaymentController
from kiosk_app.payment.journal import EntryKind, JournalTotals, MoneyJournal
from kiosk_app.payment.outcomes import PaymentError, PaymentOutcome, PaymentUpdate
from tests.kiosk_app.payment.rig import Rig, build_rig


def test_exact_payment_completes_without_change(rig: Rig) -> None:
    rig.controller.open(300, "REQ-1", ["juminhyo"])
    assert rig.drop(100, 100) == [True, True]
    assert rig.controller.current == PaymentUpdate(300, 200, 100)
    rig.drop(100)
    assert rig.controller.current is None
    outcome = rig.outcomes[-1]
    assert (outcome.completed, outcome.fee_kept_yen, outcome.change_paid_yen) == (True, 300, 0)
    assert outcome.refund_slip is None
    assert [u.credit_yen for u in rig.updates] == [0, 100, 200, 300]
    assert not rig.acceptor.model.master_accept
    assert rig.journal.totals() == JournalTotals(300, 300, 0, 0)


def test_the_journal_is_written_before_the_listener_hears(rig: Rig) -> None:
    seen: list[int] = []
    rig.controller.on_update = lambda update: seen.append(rig.journal.totals().inserted)
    rig.controller.open(200, "REQ-2")
    rig.drop(50, 10)
    assert seen == [0, 50, 60]


def test_overpayment_is_changed_from_the_hoppers(rig: Rig) -> None:
    rig.controller.open(330, "REQ-3")
    rig.drop(500)
    outcome = rig.outcomes[-1]
    assert (outcome.fee_kept_yen, outcome.change_paid_yen, outcome.refund_owed_yen) == (330, 170, 0)
    assert {y: h.level for y, h in rig.hoppers.items()} == {10: 18, 50: 19, 100: 19}
    assert rig.journal.balanced()


def test_dynamic_inhibit_refuses_coins_whose_change_cannot_be_paid(tmp_path: Path) -> None:
    rig = build_rig(tmp_path / "j.sqlite3", {10: 3, 100: 1})
    rig.controller.open(330, "REQ-4")
    assert rig.acceptor.accepted_values == {10, 50, 100}
    assert rig.drop(500) == [False]
    rig.drop(100, 100, 100)
    # 30 due: a 100 would need 70 change (only 3 x 10 left); a 50 needs 20
    assert rig.acceptor.accepted_values == {10, 50}
    rig.drop(10, 10)
    assert rig.acceptor.accepted_values == {10}
    rig.drop(10)
    assert rig.outcomes[-1].fee_kept_yen == 330
    rig.journal.close()


def test_cancel_returns_all_credit(rig: Rig) -> None:
    rig.controller.open(450, "REQ-5")
    rig.drop(100, 100, 50)
    outcome = rig.controller.cancel()
    assert outcome is not None
    assert (outcome.completed, outcome.fee_kept_yen, outcome.change_paid_yen) == (False, 0, 250)
    assert rig.outcomes == [outcome]
    assert rig.journal.totals() == JournalTotals(250, 0, 250, 0)
    assert rig.controller.cancel() is None


def test_a_coin_during_cancel_is_counted_and_returned(rig: Rig) -> None:
    rig.controller.open(450, "REQ-6")
    rig.acceptor.insert_coin(100)  # not yet polled when the resident presses cancel
    outcome = rig.controller.cancel()
    assert outcome is not None
    assert (outcome.inserted_yen, outcome.change_paid_yen) == (100, 100)


def test_hopper_empty_mid_payout_records_a_refund_owed_with_a_slip(rig: Rig) -> None:
    rig.hoppers[100].model.empty_after = 1
    rig.hoppers[10].model.empty_after = 0
    rig.hoppers[50].model.empty_after = 1
    rig.controller.open(200, "REQ-7")
    rig.drop(500)
    outcome = rig.outcomes[-1]
    assert outcome.change_paid_yen == 150
    assert outcome.refund_owed_yen == 150
    slip = outcome.refund_slip
    assert slip is not None
    assert slip.slip_number.startswith("TEST-01-")
    assert (slip.reference, slip.inserted_yen, slip.fee_kept_yen, slip.refund_owed_yen) == (
        "REQ-7",
        500,
        200,
        150,
    )
    assert rig.journal.totals() == JournalTotals(500, 200, 150, 150)
    assert rig.journal.balanced()


def test_a_lost_dispense_reply_is_not_paid_twice(rig: Rig) -> None:
    rig.hoppers[100].faults.drop_dispense_reply = True
    rig.controller.open(300, "REQ-8")
    rig.drop(500)
    assert rig.outcomes[-1].change_paid_yen == 200
    assert rig.hoppers[100].level == 18
    assert rig.hoppers[100].bus.commands.count((3, 167)) == 1


def test_a_coin_with_no_payment_open_is_given_back(rig: Rig) -> None:
    rig.acceptor.set_accepted_values({100})  # e.g. the inhibit command was lost
    rig.drop(100)
    assert rig.outcomes[-1].reason == "no_payment_open"
    assert rig.alerts[-1].kind == "stray_coin"
    assert rig.journal.totals() == JournalTotals(100, 0, 100, 0)


def test_lost_credit_is_journaled_and_reported(rig: Rig) -> None:
    rig.controller.open(1000, "REQ-9")
    for _ in range(7):
        rig.acceptor.insert_coin(10)
    rig.poll()
    assert rig.alerts[-1].kind == "credit_lost"
    assert rig.alerts[-1].missed_events == 2
    assert rig.controller.current == PaymentUpdate(1000, 50, 950)
    kinds = [e.kind for e in rig.journal.entries()]
    assert EntryKind.CREDIT_LOST in kinds


def test_a_jam_and_a_reset_are_alerts(rig: Rig) -> None:
    rig.controller.open(100, "REQ-10")
    rig.acceptor.jam()
    rig.poll()
    rig.acceptor.clear_jam()
    rig.acceptor.power_cycle()
    rig.poll()
    assert [a.kind for a in rig.alerts] == ["acceptor_alarm", "acceptor_reset"]
    assert rig.acceptor.model.master_accept  # inhibits re-applied after the reset
    assert rig.drop(100) == [True]


def test_only_one_payment_at_a_time_and_positive_amounts(rig: Rig) -> None:
    with pytest.raises(PaymentError):
        rig.controller.open(0, "REQ-11")
    rig.controller.open(100, "REQ-11")
    with pytest.raises(PaymentError):
        rig.controller.open(100, "REQ-12")


def test_timeout_returns_the_credit(rig: Rig) -> None:
    done = threading.Event()
    outcomes: list[PaymentOutcome] = []

    def finished(outcome: PaymentOutcome) -> None:
        outcomes.append(outcome)
        done.set()

    rig.controller.on_outcome = finished
    rig.controller.open(300, "REQ-13", timeout_s=0.1)
    rig.drop(100)
    assert done.wait(5)
    assert (outcomes[0].reason, outcomes[0].change_paid_yen) == ("timeout", 100)


def test_polling_thread_end_to_end(rig: Rig) -> None:
    done = threading.Event()
    rig.controller.on_outcome = lambda outcome: done.set()
    rig.acceptor.poll_interval = 0.01
    rig.controller.start()
    rig.controller.open(150, "REQ-14")
    rig.acceptor.insert_coin(100)
    rig.acceptor.insert_coin(50)
    assert done.wait(5)
    rig.controller.stop()
    assert rig.journal.totals() == JournalTotals(150, 150, 0, 0)


def test_refund_after_a_failed_delivery(rig: Rig) -> None:
    rig.controller.open(200, "REQ-15")
    rig.drop(100, 100)
    outcome = rig.controller.refund("REQ-15", 200, "print_failed")
    assert outcome.change_paid_yen == 200
    assert rig.journal.totals() == JournalTotals(200, 0, 200, 0)


def test_settle_resolves_an_interrupted_payout_from_the_hopper_status(rig: Rig) -> None:
    journal = rig.journal
    journal.append("p", EntryKind.OPENED, 300, {"reference": "REQ-16"})
    journal.append("p", EntryKind.COIN, 500)
    journal.append("p", EntryKind.FEE, 300)
    counter = rig.hoppers[100].status().event_counter
    journal.append(
        "p", EntryKind.PAYOUT_STARTED, 200, {"coin_yen": 100, "count": 2, "counter": counter}
    )
    rig.hoppers[100].dispense(2)  # the payout happened; the process died before journaling it
    outcomes = rig.controller.settle_open_payments()
    assert len(outcomes) == 1
    # the fee is voided (nothing was delivered); the 200 paid is recognised, 300 more returned
    assert (outcomes[0].change_paid_yen, outcomes[0].refund_owed_yen) == (500, 0)
    assert rig.hoppers[100].level == 15
    assert journal.totals() == JournalTotals(500, 0, 500, 0)
    assert journal.open_payments() == []


def test_settle_without_payout_records_refunds_owed(rig: Rig) -> None:
    rig.journal.append("q", EntryKind.OPENED, 300, {"reference": "REQ-17"})
    rig.journal.append("q", EntryKind.COIN, 100)
    outcome = rig.controller.settle_open_payments(pay_out=False)[0]
    assert outcome.refund_owed_yen == 100
    assert outcome.refund_slip is not None
    assert rig.journal.balanced()


def test_an_unreachable_acceptor_at_open_is_an_alert(rig: Rig) -> None:
    rig.acceptor.link.retries = 0
    rig.acceptor.link.reply_timeout = 0.02
    rig.acceptor.faults.drop_replies = 1
    rig.controller.open(100, "REQ-18")
    assert rig.alerts[-1].kind == "acceptor_unavailable"
    assert rig.controller.current == PaymentUpdate(100, 0, 100)


def test_a_coin_credited_just_before_a_crash_is_counted_after_restart(tmp_path: Path) -> None:
    first = build_rig(tmp_path / "j.sqlite3", {10: 20, 100: 20})
    first.controller.open(300, "REQ-19")
    first.drop(100)
    first.acceptor.insert_coin(100)  # credited by the mechanism; the process dies before polling
    first.journal.close()  # (the crash: nothing else is written)

    acceptor = SimCoinAcceptor(model=first.acceptor.model)
    acceptor.initialise()
    journal = MoneyJournal(tmp_path / "j.sqlite3")
    outcomes: list[PaymentOutcome] = []
    controller = PaymentController(acceptor, first.hoppers, journal, on_outcome=outcomes.append)
    settled = controller.settle_open_payments()
    assert settled[0].change_paid_yen == 100
    acceptor.poll_interval = 0.01
    controller.start()
    deadline = time.monotonic() + 5
    while not outcomes and time.monotonic() < deadline:
        time.sleep(0.01)
    controller.stop()
    assert outcomes[0].reason == "no_payment_open"
    assert outcomes[0].change_paid_yen == 100
    assert journal.totals() == JournalTotals(200, 0, 200, 0)
    journal.close()


def test_without_an_interrupted_payment_old_events_are_not_replayed(rig: Rig) -> None:
    rig.controller.open(100, "REQ-20")
    rig.drop(100)
    rig.acceptor.jam()
    rig.poll()
    assert rig.controller.settle_open_payments() == []
    rig.acceptor.poll_interval = 0.01
    rig.controller.start()
    polls = rig.acceptor.model.polls
    deadline = time.monotonic() + 5
    while rig.acceptor.model.polls < polls + 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    rig.controller.stop()
    alarms = [e for e in rig.journal.entries() if e.detail.get("alert") == "acceptor_alarm"]
    assert len(alarms) == 1
    assert rig.journal.totals() == JournalTotals(100, 100, 0, 0)


class _LockThatLetsOthersIn:
    """The controller's lock; the first time the time-out thread lets go of it, ``between``
    runs on that thread before it goes on (what another thread could do at that moment)."""

    def __init__(self, lock: threading.RLock, between: Callable[[], None]) -> None:
        self._lock, self._between = lock, between
        self.timer_thread: threading.Thread | None = None

    def __enter__(self) -> _LockThatLetsOthersIn:
        self._lock.acquire()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._lock.release()
        thread = threading.current_thread()
        if isinstance(thread, threading.Timer) and self.timer_thread is None:
            self.timer_thread = thread
            self._between()


def test_a_time_out_never_cancels_the_next_payment(rig: Rig) -> None:
    """The payment timed out, but before the time-out cancelled it, its last coin came and the
    next payment opened: the time-out must end its own payment only."""
    outcomes: dict[str, PaymentOutcome] = {}

    def heard(outcome: PaymentOutcome) -> None:
        outcomes.setdefault(outcome.reference, outcome)

    rig.controller.on_outcome = heard

    def meanwhile() -> None:
        rig.drop(100)  # completes REQ-A if it is still open, else a stray coin handed back
        rig.controller.open(200, "REQ-B")

    lock = _LockThatLetsOthersIn(rig.controller._lock, meanwhile)
    rig.controller._lock = lock  # type: ignore[assignment]
    rig.controller.open(100, "REQ-A", timeout_s=0.05)
    deadline = time.monotonic() + 10
    while lock.timer_thread is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert lock.timer_thread is not None, "the time-out never fired"
    lock.timer_thread.join(10)
    assert "REQ-B" not in outcomes, "the time-out of REQ-A cancelled REQ-B"
    assert rig.controller.current == PaymentUpdate(200, 0, 200)
    assert outcomes["REQ-A"].reason == "timeout"
    rig.controller.cancel()
    assert rig.journal.balanced()
