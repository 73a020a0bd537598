"""The whole path over a real pty: pyserial, echo, pacing, shared bus, change paid and unplug."""

from __future__ import annotations

import threading
import time

import pytest

from drivers.coin_acceptor.devices import LinkPool, open_coin_acceptor, open_hopper
from drivers.coin_acceptor.errors import PortError
from drivers.coin_acceptor.events import AcceptorEvent, AcceptorOffline, CoinCredited
from drivers.coin_acceptor.hopper import DispenseResult
from tests.stacks.coin_pty import CoinPtyStack

pytestmark = pytest.mark.integration


def test_identity_coins_and_paced_polls_over_the_pty(coin_pty_stack: CoinPtyStack) -> None:
    pool = LinkPool()
    acceptor = open_coin_acceptor(coin_pty_stack.acceptor_url, pool)
    assert acceptor.identify().product == "EMU-CA"
    assert {c.value_yen for c in acceptor.coins.values()} == {10, 50, 100, 500}
    start = time.monotonic()
    for _ in range(5):
        acceptor.read_buffered_events()
    per_poll = (time.monotonic() - start) / 5
    assert per_poll > 0.020  # 21 bytes (echo + reply) at ~1.04 ms each
    coin_pty_stack.bus.faults.noise_before_reply = b"\x01\x30\x99"
    coin_pty_stack.bus.faults.corrupt_replies = 1
    acceptor.set_accepted_values({500})
    assert coin_pty_stack.acceptor.insert_coin(500)
    events = acceptor.poll_once()
    assert [e.coin.value_yen for e in events if isinstance(e, CoinCredited)] == [500]
    pool.close()


def test_coins_in_and_change_out_over_the_shared_bus(coin_pty_stack: CoinPtyStack) -> None:
    """The acceptor and two hoppers share one pty (one link): a 500-yen coin is credited, then
    the hoppers pay 120 yen back, each dispense seen in the emulated hopper's level."""
    pool = LinkPool()
    acceptor = open_coin_acceptor(coin_pty_stack.acceptor_url, pool)
    hoppers = {yen: open_hopper(coin_pty_stack.hopper_url(yen), yen, pool) for yen in (100, 10)}
    acceptor.set_accepted_values({500})
    assert coin_pty_stack.acceptor.insert_coin(500)
    events = acceptor.poll_once()
    assert [e.coin.value_yen for e in events if isinstance(e, CoinCredited)] == [500]
    for hopper in hoppers.values():
        hopper.enable()
    assert hoppers[100].dispense(1) == DispenseResult(1, 1, 0, executed=True)
    assert hoppers[10].dispense(2) == DispenseResult(2, 2, 0, executed=True)
    assert coin_pty_stack.hoppers[100].level == 19
    assert coin_pty_stack.hoppers[10].level == 18
    pool.close()


def test_unplugging_the_adapter_is_a_port_error_and_reported_offline(
    coin_pty_stack: CoinPtyStack,
) -> None:
    pool = LinkPool()
    acceptor = open_coin_acceptor(coin_pty_stack.acceptor_url, pool)
    events: list[AcceptorEvent] = []
    offline = threading.Event()

    def record(event: AcceptorEvent) -> None:
        events.append(event)
        if isinstance(event, AcceptorOffline):
            offline.set()

    acceptor.poll_interval = acceptor.port_retry_interval = 0.01
    coin_pty_stack.emulator.unplug()
    with pytest.raises(PortError):
        acceptor.read_buffered_events()
    acceptor.start_polling(record)
    assert offline.wait(5)
    acceptor.stop_polling()
    assert not any(isinstance(e, CoinCredited) for e in events)
    pool.close()
