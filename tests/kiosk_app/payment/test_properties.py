"""Property test: random payments, coins and faults; the journal matches the machine to the yen."""

from __future__ import annotations

from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drivers.coin_acceptor.errors import CommunicationError
from kiosk_app.payment.journal import EntryKind
from tests.kiosk_app.payment.rig import Rig, build_rig

COINS = st.lists(st.sampled_from([10, 50, 100, 500]), max_size=7)
FAULT = st.sampled_from(
    ["none", "none", "corrupt", "drop", "noise", "reset", "hopper_dry", "lost_dispense_reply"]
)
PAYMENT = st.tuples(st.sampled_from([200, 300, 450]), st.lists(st.tuples(COINS, FAULT), max_size=4))


def _apply(rig: Rig, fault: str) -> None:
    if fault == "corrupt":
        rig.acceptor.faults.corrupt_replies = 1
    elif fault == "drop":
        rig.acceptor.faults.drop_replies = 1
    elif fault == "noise":
        rig.acceptor.faults.noise_before_reply = b"\x01\x33\xaa"
    elif fault == "reset":
        rig.acceptor.power_cycle()
    elif fault == "hopper_dry":
        rig.hoppers[100].model.empty_after = 0
    elif fault == "lost_dispense_reply":
        for hopper in rig.hoppers.values():
            hopper.faults.drop_dispense_reply = True


def _poll(rig: Rig) -> None:
    for _attempt in range(3):
        try:
            rig.poll()
        except CommunicationError:
            continue
        return


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(payments=st.lists(PAYMENT, min_size=1, max_size=4))
def test_the_journal_matches_the_coins_to_the_yen(
    payments: list[tuple[int, list[tuple[list[int], str]]]],
) -> None:
    with TemporaryDirectory() as tmp:
        rig = build_rig(Path(tmp) / "j.sqlite3", {10: 30, 50: 10, 100: 10})
        rig.acceptor.link.reply_timeout = 0.02
        for hopper in rig.hoppers.values():
            hopper.link.reply_timeout = hopper.dispense_timeout = 0.02
        for amount, rounds in payments:
            rig.controller.open(amount, "REQ")
            for coins, fault in rounds:
                for yen in coins:
                    rig.acceptor.insert_coin(yen)
                _apply(rig, fault)
                _poll(rig)
            rig.acceptor.faults.corrupt_replies = rig.acceptor.faults.drop_replies = 0
            rig.controller.cancel()
        _poll(rig)  # coins dropped after the last cancel are returned as strays

        journal = rig.journal
        totals = journal.totals()
        assert journal.open_payments() == []
        assert totals.inserted == totals.fees + totals.change + totals.refunds_owed
        paid_out = sum(h.model.paid_total * yen for yen, h in rig.hoppers.items())
        assert totals.change == paid_out  # every coin out of a hopper is journaled, once
        accepted = rig.acceptor.model.accepted_total
        kinds = {e.kind for e in journal.entries()}
        alerts = {
            str(e.detail.get("alert")) for e in journal.entries() if e.kind is EntryKind.ALERT
        }
        if EntryKind.CREDIT_LOST in kinds or "acceptor_reset" in alerts:
            assert totals.inserted <= accepted
        else:
            assert totals.inserted == accepted
        fees = [e.amount_yen for e in journal.entries() if e.kind is EntryKind.FEE]
        assert all(fee in {200, 300, 450} for fee in fees)
        journal.close()
