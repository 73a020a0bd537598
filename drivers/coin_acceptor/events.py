"""Acceptor events and the header-229 event-counter algorithm (never lose or double-count)."""

from __future__ import annotations

from dataclasses import dataclass

from drivers.coin_acceptor.coins import ACCEPTOR_ALARMS, CoinType, describe_event

#: How many result pairs a header-229 reply holds.
BUFFER_SIZE = 5


@dataclass(frozen=True)
class CoinCredited:
    """A coin was accepted; ``coin.value_yen`` is None for a coin of another currency."""

    coin: CoinType
    sorter_path: int
    counter: int


@dataclass(frozen=True)
class CoinRejected:
    """A coin was handed back, or the mechanism raised an alarm (``alarm``)."""

    code: int
    reason: str
    alarm: bool
    counter: int


@dataclass(frozen=True)
class UnknownCoinCredited:
    """A credit for a coin position that is not in the coin table read at start-up."""

    position: int
    counter: int


@dataclass(frozen=True)
class CreditLost:
    """More than five events happened between two polls: ``missed`` events are unknown."""

    missed: int
    counter: int


@dataclass(frozen=True)
class AcceptorReset:
    """The event counter went back to 0 (power loss or reset); buffered events may be lost."""

    previous_counter: int


@dataclass(frozen=True)
class AcceptorOffline:
    """Polling failed repeatedly; coins dropped now may be lost."""

    reason: str


@dataclass(frozen=True)
class AcceptorOnline:
    """Polling works again after being offline."""


AcceptorEvent = (
    CoinCredited
    | CoinRejected
    | UnknownCoinCredited
    | CreditLost
    | AcceptorReset
    | AcceptorOffline
    | AcceptorOnline
)


def next_counter(counter: int, steps: int = 1) -> int:
    """The event counter ``steps`` events after ``counter`` (1..255, wrapping 255 → 1)."""
    for _ in range(steps):
        counter = 1 if counter >= 255 else counter + 1
    return counter


def new_event_count(counter: int, last: int) -> int:
    """How many events happened from ``last`` to ``counter`` (1..255 wrapping 255 → 1)."""
    if last == 0:
        return counter
    count = counter - last
    return count + 255 if count < 0 else count


def reset_since(counter: int, last: int, pairs: list[tuple[int, int]]) -> bool:
    """Whether a counter more than a buffer's worth past ``last`` means a reset, not lost
    events: the buffer holds fewer results than five and the slots past them are empty, as
    a reset (power-up) leaves it. Refused coins after a reset (all inhibited) advance the
    counter from 0 before the host polls again; with 5 or more, nothing tells them apart."""
    return (
        new_event_count(counter, last) > BUFFER_SIZE
        and counter < BUFFER_SIZE
        and not any(a or b for a, b in pairs[counter:])
    )


class EventTracker:
    """Turns successive validated header-229 replies into events, oldest first.

    ``last`` is the counter of the last processed reply (None until the first one, whose
    buffered events are history and are not reported unless ``last`` was given).
    """

    def __init__(self, coin_table: dict[int, CoinType], last: int | None = None) -> None:
        self._coins = coin_table
        self.last = last

    def update(self, counter: int, pairs: list[tuple[int, int]]) -> list[AcceptorEvent]:
        """Events new since the previous reply; ``pairs`` newest first, as on the wire."""
        last = self.last
        self.last = counter
        if last is None or counter == last:
            return []
        if counter == 0:
            return [AcceptorReset(last)]
        events: list[AcceptorEvent] = []
        if reset_since(counter, last, pairs):
            events.append(AcceptorReset(last))
            count = counter  # the events since the reset, all in the buffer
        else:
            count = new_event_count(counter, last)
        if count > BUFFER_SIZE:
            events.append(CreditLost(count - BUFFER_SIZE, counter))
        for age in reversed(range(min(count, BUFFER_SIZE))):
            result_a, result_b = pairs[age]
            event_counter = (counter - age - 1) % 255 + 1
            events.append(self._event(result_a, result_b, event_counter))
        return events

    def _event(self, result_a: int, result_b: int, counter: int) -> AcceptorEvent:
        if result_a == 0:
            return CoinRejected(
                result_b, describe_event(result_b), result_b in ACCEPTOR_ALARMS, counter
            )
        coin = self._coins.get(result_a)
        if coin is None:
            return UnknownCoinCredited(result_a, counter)
        return CoinCredited(coin, result_b, counter)
