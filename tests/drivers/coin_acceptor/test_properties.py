"""Property tests: random coins with random faults are never lost silently nor counted twice;
garbage on the line always ends in a typed error and the next exchange works again."""

from __future__ import annotations

import contextlib
import time

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from drivers.coin_acceptor.errors import CommunicationError, FrameError
from drivers.coin_acceptor.events import AcceptorReset, CoinCredited, CreditLost
from drivers.coin_acceptor.framing import (
    ChecksumMode,
    Frame,
    decode_frame,
    encode_frame,
)
from drivers.coin_acceptor.protocol_ccemu import Serial as EmulatorSerial
from drivers.coin_acceptor.sim import SimCoinAcceptor

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

COINS = st.sampled_from([10, 50, 100, 500, 5])  # 5 yen is not in the coin table
FAULTS = st.sampled_from(["none", "none", "corrupt", "drop", "noise", "wrong_address", "reset"])
STEP = st.tuples(st.lists(COINS, max_size=7), FAULTS, st.binary(min_size=1, max_size=6))


def _fast_acceptor(checksum: ChecksumMode) -> SimCoinAcceptor:
    acceptor = SimCoinAcceptor(checksum=checksum, echo=True)
    acceptor.link.reply_timeout = 0.02
    acceptor.link.inter_byte_gap = 0.005
    acceptor.initialise()
    acceptor.set_accepted_values({10, 50, 100, 500})
    return acceptor


def _is_subsequence(part: list[int], whole: list[int]) -> bool:
    remaining = iter(whole)
    return all(any(x == y for y in remaining) for x in part)


@FAST
@given(steps=st.lists(STEP, min_size=1, max_size=12), checksum=st.sampled_from(ChecksumMode))
def test_credit_equals_accepted_coins_unless_a_loss_is_reported(
    steps: list[tuple[list[int], str, bytes]], checksum: ChecksumMode
) -> None:
    acceptor = _fast_acceptor(checksum)
    credited: list[int] = []
    loss_reported = False
    for coins, fault, noise in steps:
        for yen in coins:
            acceptor.insert_coin(yen)
        faults = acceptor.faults
        if fault == "corrupt":
            faults.corrupt_replies = 1
        elif fault == "drop":
            faults.drop_replies = 1
        elif fault == "noise":
            faults.noise_before_reply = noise
        elif fault == "wrong_address":
            faults.wrong_address_replies = 1
        elif fault == "reset":
            acceptor.power_cycle()
        for _attempt in range(3):  # a failed poll is simply repeated, as the poll loop does
            try:
                events = acceptor.poll_once()
            except CommunicationError:
                continue
            break
        else:
            events = []
        for event in events:
            if isinstance(event, CoinCredited):
                assert event.coin.value_yen is not None
                credited.append(event.coin.value_yen)
            loss_reported |= isinstance(event, CreditLost | AcceptorReset)
    for _ in range(3):  # drain: the line is clean now
        try:
            events = acceptor.poll_once()
        except CommunicationError:
            continue
        credited += [e.coin.value_yen or 0 for e in events if isinstance(e, CoinCredited)]
        loss_reported |= any(isinstance(e, CreditLost | AcceptorReset) for e in events)
        break
    accepted = acceptor.model.accepted
    assert _is_subsequence(credited, accepted)  # nothing invented, nothing double-counted
    if not loss_reported:
        assert credited == accepted
    else:
        assert sum(credited) <= sum(accepted)
    acceptor.link.close()


def _contains_a_frame_for_the_host(data: bytes, mode: ChecksumMode) -> bool:
    """Whether a checksummed frame addressed to the host hides in ``data`` (a forged reply)."""
    for start in range(len(data)):
        for end in range(start + 5, len(data) + 1):
            try:
                frame = decode_frame(data[start:end], mode)
            except FrameError:
                continue
            if frame.destination == 1:
                return True
    return False


GARBAGE = st.one_of(
    st.binary(min_size=1, max_size=24),
    # truncated replies, absurd lengths, frames for someone else
    st.binary(min_size=1, max_size=10).map(
        lambda tail: encode_frame(Frame(1, 2, 0, tail), ChecksumMode.SIMPLE)[:-2]
    ),
    st.integers(12, 255).map(lambda n: bytes([1, n, 2, 0])),
    st.binary(max_size=4).map(lambda d: encode_frame(Frame(7, 2, 0, d), ChecksumMode.SIMPLE)),
)


@FAST
@given(garbage=GARBAGE, before_reply=st.booleans(), checksum=st.sampled_from(ChecksumMode))
def test_garbage_on_the_line_is_typed_and_the_link_resynchronises(
    garbage: bytes, before_reply: bool, checksum: ChecksumMode
) -> None:
    assume(not _contains_a_frame_for_the_host(garbage, checksum))
    acceptor = _fast_acceptor(checksum)
    port = acceptor.link._port
    assert isinstance(port, EmulatorSerial)
    acceptor.insert_coin(100)
    if before_reply:
        acceptor.faults.noise_before_reply = garbage
        acceptor.link.retries = 0
    else:
        acceptor.faults.drop_replies = 1
        acceptor.link.retries = 0
        port.inject(garbage)
    credited: list[int] = []
    with contextlib.suppress(CommunicationError):  # a typed error is fine; nothing else is
        credited += [
            e.coin.value_yen or 0 for e in acceptor.poll_once() if isinstance(e, CoinCredited)
        ]
    time.sleep(0.01)
    acceptor.link.retries = 2
    credited += [e.coin.value_yen or 0 for e in acceptor.poll_once() if isinstance(e, CoinCredited)]
    assert credited == [100]
    acceptor.link.close()
