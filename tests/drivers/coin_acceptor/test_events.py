"""The header-229 event-counter algorithm, with the specification's worked examples."""

from __future__ import annotations

import pytest

from drivers.coin_acceptor.coins import CoinType
from drivers.coin_acceptor.events import (
    AcceptorReset,
    CoinCredited,
    CoinRejected,
    CreditLost,
    EventTracker,
    UnknownCoinCredited,
    new_event_count,
    next_counter,
)

COINS = {3: CoinType(3, "JP100A", 100), 4: CoinType(4, "JP500B", 500)}


@pytest.mark.parametrize(
    ("counter", "last", "expected"),
    [(104, 102, 2), (1, 255, 1), (3, 253, 5), (54, 48, 6), (7, 0, 7), (255, 254, 1)],
)
def test_new_event_count_examples(counter: int, last: int, expected: int) -> None:
    assert new_event_count(counter, last) == expected


def test_next_counter_skips_zero() -> None:
    assert next_counter(254, 2) == 1
    assert next_counter(0) == 1


def test_first_reply_is_the_baseline() -> None:
    tracker = EventTracker(COINS)
    assert tracker.update(17, [(3, 1)] * 5) == []
    assert tracker.last == 17


def test_new_pairs_are_reported_oldest_first_across_the_wrap() -> None:
    tracker = EventTracker(COINS, last=254)
    events = tracker.update(2, [(4, 1), (0, 2), (3, 1), (3, 1), (3, 1)])
    assert events == [
        CoinCredited(COINS[3], 1, 255),
        CoinRejected(2, "inhibited coin", False, 1),
        CoinCredited(COINS[4], 1, 2),
    ]


def test_the_same_counter_twice_reports_nothing() -> None:
    tracker = EventTracker(COINS, last=5)
    pairs = [(3, 1), (0, 0), (0, 0), (0, 0), (0, 0)]
    assert len(tracker.update(6, pairs)) == 1
    assert tracker.update(6, pairs) == []


def test_more_than_five_events_report_lost_credit_and_the_five_known() -> None:
    tracker = EventTracker(COINS, last=48)
    events = tracker.update(54, [(3, 1)] * 5)
    assert events[0] == CreditLost(1, 54)
    assert [e.counter for e in events[1:] if isinstance(e, CoinCredited)] == [50, 51, 52, 53, 54]


def test_counter_back_to_zero_is_a_reset_and_counting_restarts() -> None:
    tracker = EventTracker(COINS, last=99)
    assert tracker.update(0, [(0, 0)] * 5) == [AcceptorReset(99)]
    events = tracker.update(1, [(3, 1)] + [(0, 0)] * 4)
    assert events == [CoinCredited(COINS[3], 1, 1)]


def test_refused_coins_after_a_reset_before_the_next_poll_are_no_lost_credit() -> None:
    """After a power-up every coin is inhibited: two refused coins take the counter from 0 to
    2 before the host polls. The emptied slots show it: a reset, not 105 lost events."""
    tracker = EventTracker(COINS, last=150)
    events = tracker.update(2, [(0, 2), (0, 2)] + [(0, 0)] * 3)
    refused = CoinRejected(2, "inhibited coin", False, 1)
    assert events == [AcceptorReset(150), refused, CoinRejected(2, "inhibited coin", False, 2)]


def test_a_wrap_with_a_full_buffer_is_still_lost_credit() -> None:
    """Five results in the buffer: a reset and a wrap look alike, so the loss is reported."""
    tracker = EventTracker(COINS, last=150)
    events = tracker.update(2, [(0, 2)] * 5)
    assert events[0] == CreditLost(102, 2)


def test_alarms_and_unknown_positions_are_typed() -> None:
    tracker = EventTracker(COINS, last=1)
    events = tracker.update(3, [(9, 1), (0, 14), (0, 0), (0, 0), (0, 0)])
    assert events == [
        CoinRejected(14, "credit sensor blocked", True, 2),
        UnknownCoinCredited(9, 3),
    ]
