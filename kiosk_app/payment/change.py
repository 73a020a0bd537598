"""Change planning: which hopper coins pay an amount, and which inserted coins can be accepted."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping


def plan_payout(amount_yen: int, stock: Mapping[int, int]) -> dict[int, int]:
    """Coins (yen → count) paying ``amount_yen`` exactly with the fewest coins.

    When no combination of the stock is exact, the plan pays the largest sum below it.
    """
    denominations = sorted(d for d, count in stock.items() if count > 0 and d > 0)
    if amount_yen <= 0 or not denominations:
        return {}
    unit = math.gcd(*denominations)
    target = amount_yen // unit
    # fewest[t] = (coins used, plan) for a sum of exactly t units
    fewest: list[tuple[int, dict[int, int]] | None] = [None] * (target + 1)
    fewest[0] = (0, {})
    for denomination in denominations:
        step = denomination // unit
        limit = min(stock[denomination], target // step)
        updated = list(fewest)
        for total in range(target + 1):
            best = fewest[total]
            if best is None:
                continue
            for count in range(1, limit + 1):
                reach = total + count * step
                if reach > target:
                    break
                current = updated[reach]
                if current is None or best[0] + count < current[0]:
                    updated[reach] = (best[0] + count, {**best[1], denomination: count})
        fewest = updated
    for total in range(target, -1, -1):
        found = fewest[total]
        if found is not None:
            return found[1]
    return {}


def can_pay_exactly(amount_yen: int, stock: Mapping[int, int]) -> bool:
    """True when the stock can pay ``amount_yen`` to the yen."""
    plan = plan_payout(amount_yen, stock)
    return sum(d * c for d, c in plan.items()) == amount_yen


def acceptable_coins(
    remaining_yen: int, coin_values: Iterable[int], stock: Mapping[int, int]
) -> set[int]:
    """Coins that may be inserted now: those not exceeding what is due, or whose
    overpayment the hoppers can return exactly (dynamic inhibit)."""
    if remaining_yen <= 0:
        return set()
    return {
        value
        for value in coin_values
        if value <= remaining_yen or can_pay_exactly(value - remaining_yen, stock)
    }
