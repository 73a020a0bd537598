"""A damaged money-journal entry: its payment is left for the field engineer, the start goes on."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from kiosk_app.payment.journal import EntryKind, MoneyJournal
from tests.kiosk_app.damaged_files import add_journal_entry
from tests.kiosk_app.payment.rig import build_rig

LEVELS = {10: 20, 50: 20, 100: 20}

#: An entry of the paid payment as a damaged file (or another program) could hold it, past the
#: journal's checks: SQL expressions for kind, amount and detail.
DAMAGE = {
    "a coin whose detail is not JSON": ("'coin'", "100", """'{"acceptor": 1'"""),
    "a coin whose detail is not UTF-8": ("'coin'", "100", "CAST(X'7bff7d' AS TEXT)"),
    "a coin whose amount is text": ("'coin'", "'a hundred'", "'{}'"),
    "a detail that is a list": ("'coin'", "100", "'[1]'"),
    "an unknown kind": ("'refund'", "100", "'{}'"),
    "a payout with no coin named": ("'payout_started'", "100", "'{}'"),
}


def _interrupted_payment_of_200_yen(path: Path) -> None:
    """Another payment a crash left open: 200 yen paid for REQ-B, nothing delivered."""
    payment = "b" * 32
    add_journal_entry(path, payment, "'opened'", "200",
               f"'{json.dumps({'reference': 'REQ-B', 'awaits_delivery': True})}'")  # fmt: skip
    add_journal_entry(path, payment, "'coin'", "100", "'{}'")
    add_journal_entry(path, payment, "'coin'", "100", "'{}'")
    add_journal_entry(path, payment, "'fee'", "200", "'{}'")


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_payment_with_a_damaged_entry_is_left_and_the_others_settle(
    damage: tuple[str, str, str], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Before, the restart raised (JSONDecodeError, ValueError, KeyError or JournalError) and
    the kiosk stayed out of service. Now the payment with the damaged entry is not settled
    (what it holds is unknown: settling could pay a refund twice or keep a fee) and stays in
    the journal as it is, an ERROR log names it, and the other interrupted payment is
    settled: its fee voided and its coins returned."""
    path = tmp_path / "money.sqlite3"
    first = build_rig(path, LEVELS)
    first.controller.open(330, "REQ-A", ["juminhyo", "inkan"], awaits_delivery=True)
    first.drop(500)
    damaged = first.journal.open_payments()[0].payment_id
    first.journal.close()  # killed while printing
    add_journal_entry(path, damaged, *damage)
    _interrupted_payment_of_200_yen(path)

    settled_at_each_start = []
    for _restart in range(2):  # the next start does not settle it either
        restarted = build_rig(path, LEVELS)
        with caplog.at_level(logging.ERROR, logger="kiosk_app.payment.journal"):
            outcomes = restarted.controller.settle_open_payments()
        settled_at_each_start.append([(o.reference, o.voided_yen) for o in outcomes])
        assert f"payment {damaged} has an entry that cannot be read: not settled" in caplog.text
        kinds = [e.kind for e in restarted.journal.entries(damaged)]
        assert EntryKind.CLOSED not in kinds
        assert EntryKind.FEE_VOIDED not in kinds
        restarted.journal.close()
        caplog.clear()
    assert settled_at_each_start == [[("REQ-B", 200)], []]


def test_the_journal_s_sums_and_counter_skip_a_damaged_entry(tmp_path: Path) -> None:
    """The totals sum every amount that reads (a coin whose detail is damaged still went in)
    and leave out an entry of an unknown kind or a text amount; the acceptor's event counter
    is read past a detail that is not JSON (before, SQLite raised "malformed JSON" for the
    whole query at every start); the entries leave out what cannot be read, and name it."""
    path = tmp_path / "money.sqlite3"
    journal = MoneyJournal(path)
    journal.append("p" * 32, EntryKind.COIN, 100, {"acceptor": 7, "counter": 41})
    journal.close()
    add_journal_entry(path, "p" * 32, "'coin'", "100", """'{"acceptor": 7, "counter": 4'""")
    add_journal_entry(path, "p" * 32, "'refund'", "100", "'{}'")
    add_journal_entry(path, "p" * 32, "'coin'", "'a hundred'", "'{}'")
    journal = MoneyJournal(path)
    assert journal.last_event_counter(7) == 41
    assert journal.totals().inserted == 200
    assert [e.amount_yen for e in journal.entries()] == [100]
    [*_, unreadable] = journal.read()
    assert [(u.payment_id, u.fault) for u in unreadable] == [
        ("p" * 32, "detail: not JSON"),
        ("p" * 32, "kind: unknown"),
        ("p" * 32, "amount_yen: not an integer"),
    ]
    journal.close()
