"""Change planning and dynamic inhibit, checked against brute force."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from kiosk_app.payment.change import acceptable_coins, can_pay_exactly, plan_payout

STOCK = st.dictionaries(st.sampled_from([10, 50, 100, 500]), st.integers(0, 6), max_size=4)


def _best_exact(amount: int, stock: dict[int, int]) -> int | None:
    """Fewest coins paying ``amount`` exactly, by trying every combination."""
    best: int | None = None
    values = sorted(stock)
    for counts in itertools.product(*(range(stock[v] + 1) for v in values)):
        if sum(v * c for v, c in zip(values, counts, strict=True)) == amount:
            coins = sum(counts)
            best = coins if best is None else min(best, coins)
    return best


@given(amount=st.integers(0, 200).map(lambda n: n * 10), stock=STOCK)
def test_plan_is_exact_and_fewest_when_possible(amount: int, stock: dict[int, int]) -> None:
    plan = plan_payout(amount, stock)
    paid = sum(v * c for v, c in plan.items())
    assert paid <= amount
    assert all(0 < c <= stock[v] for v, c in plan.items())
    best = _best_exact(amount, stock)
    if best is not None and amount > 0:
        assert paid == amount
        assert sum(plan.values()) == best
    assert can_pay_exactly(amount, stock) == (best is not None)


def test_examples() -> None:
    assert plan_payout(270, {100: 5, 10: 10}) == {100: 2, 10: 7}
    assert plan_payout(60, {50: 1}) == {50: 1}  # the most it can, below the amount
    assert plan_payout(0, {10: 5}) == {}
    assert acceptable_coins(330, [10, 50, 100, 500], {100: 1, 10: 3}) == {10, 50, 100}
    assert acceptable_coins(0, [10, 500], {10: 100}) == set()
