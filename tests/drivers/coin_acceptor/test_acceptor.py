"""The coin acceptor driver against the emulated mechanism (``sim:``)."""

from __future__ import annotations

import queue
from collections.abc import Iterator

import pytest

from drivers.coin_acceptor.coins import parse_coin_id
from drivers.coin_acceptor.devices import open_coin_acceptor
from drivers.coin_acceptor.emulator import AcceptorModel
from drivers.coin_acceptor.events import (
    AcceptorEvent,
    AcceptorOffline,
    AcceptorOnline,
    AcceptorReset,
    CoinCredited,
    CoinRejected,
    CreditLost,
)
from drivers.coin_acceptor.sim import SimCoinAcceptor


@pytest.fixture
def acceptor() -> Iterator[SimCoinAcceptor]:
    """A sim acceptor with echo and CRC-16, initialised."""
    device = open_coin_acceptor("sim:?echo=1&checksum=crc16")
    assert isinstance(device, SimCoinAcceptor)
    yield device
    device.close()


def _values(events: list[AcceptorEvent]) -> list[int | None]:
    return [e.coin.value_yen for e in events if isinstance(e, CoinCredited)]


def test_identity_and_coin_table(acceptor: SimCoinAcceptor) -> None:
    identity = acceptor.identify()
    assert (identity.category, identity.manufacturer, identity.serial) == (
        "Coin Acceptor",
        "SHM",
        0x123456,
    )
    assert {p: c.value_yen for p, c in acceptor.coins.items()} == {1: 10, 2: 50, 3: 100, 4: 500}
    assert acceptor.poll_interval == pytest.approx(0.2)
    assert acceptor.self_check().ok


def test_coin_ids_map_to_yen_by_id() -> None:
    assert parse_coin_id(1, b"JP100A") is not None
    assert parse_coin_id(1, b"......") is None
    coin = parse_coin_id(5, b"GB020A")
    assert coin is not None
    assert coin.value_yen is None
    thousand = parse_coin_id(6, b"JP1K0A")
    assert thousand is not None
    assert thousand.value_yen == 1000


def test_inhibits_round_trip_and_gate_coins(acceptor: SimCoinAcceptor) -> None:
    assert not acceptor.read_master_inhibit()
    assert not acceptor.insert_coin(100)
    acceptor.set_accepted_values({100, 500})
    assert acceptor.read_inhibits() == {3, 4}
    assert acceptor.read_master_inhibit()
    assert acceptor.insert_coin(500)
    assert not acceptor.insert_coin(10)
    events = acceptor.poll_once()
    assert _values(events) == [500]
    assert any(isinstance(e, CoinRejected) and e.code == 2 for e in events)


def test_a_coin_before_the_first_poll_is_not_lost(acceptor: SimCoinAcceptor) -> None:
    acceptor.set_accepted_values({100})
    acceptor.insert_coin(100)
    assert _values(acceptor.poll_once()) == [100]


def test_faults_never_double_count(acceptor: SimCoinAcceptor) -> None:
    acceptor.set_accepted_values({10, 50, 100, 500})
    acceptor.insert_coin(100)
    acceptor.faults.corrupt_replies = 1
    acceptor.faults.noise_before_reply = b"\x01\x02\x03"
    credited = _values(acceptor.poll_once())
    acceptor.faults.drop_replies = 1
    credited += _values(acceptor.poll_once())
    assert credited == [100]


def test_burst_of_more_than_five_reports_lost_credit(acceptor: SimCoinAcceptor) -> None:
    acceptor.set_accepted_values({100})
    for _ in range(7):
        acceptor.insert_coin(100)
    events = acceptor.poll_once()
    assert events[0] == CreditLost(2, 7)
    assert _values(events) == [100] * 5


def test_reset_is_reported_and_inhibits_are_reapplied(acceptor: SimCoinAcceptor) -> None:
    acceptor.set_accepted_values({100})
    acceptor.insert_coin(100)
    acceptor.poll_once()
    acceptor.power_cycle()
    assert not acceptor.model.master_accept
    assert acceptor.poll_once() == [AcceptorReset(1)]
    assert acceptor.read_inhibits() == {3}
    assert acceptor.insert_coin(100)
    assert _values(acceptor.poll_once()) == [100]


def test_coins_refused_after_a_power_up_raise_no_lost_credit_at_boot() -> None:
    """The kiosk ran with the counter at 200 (kept in its money journal), power was lost, a
    person dropped coins while the kiosk booted (refused: all inhibited after the power-up).
    The resumed counter must not turn those into 56 lost events (CREDIT_LOST at boot)."""
    model = AcceptorModel()
    model.counter = 200
    model.power_cycle()
    for _ in range(3):
        assert not model.insert_coin(100)
    acceptor = SimCoinAcceptor(model=model)
    try:
        acceptor.initialise()
        acceptor.poll_interval = 3600  # this test polls by hand
        acceptor.start_polling(lambda event: None, last_counter=200)
        acceptor.stop_polling()
        assert acceptor.poll_once() == []
        acceptor.set_accepted_values({100})
        assert acceptor.insert_coin(100)
        assert _values(acceptor.poll_once()) == [100]
    finally:
        acceptor.close()


def test_jam_is_an_alarm_then_coins_are_handed_back(acceptor: SimCoinAcceptor) -> None:
    acceptor.set_accepted_values({100})
    acceptor.jam()
    assert not acceptor.insert_coin(100)
    events = acceptor.poll_once()
    assert events == [CoinRejected(14, "credit sensor blocked", True, 1)]
    assert not acceptor.self_check().ok


def test_polling_thread_reports_coins_and_offline_online(acceptor: SimCoinAcceptor) -> None:
    received: queue.Queue[AcceptorEvent] = queue.Queue()
    acceptor.poll_interval = 0.01
    acceptor.set_accepted_values({50})
    acceptor.start_polling(received.put)
    acceptor.insert_coin(50)
    first = received.get(timeout=2)
    assert isinstance(first, CoinCredited)
    assert first.coin.value_yen == 50
    acceptor.link.retries = 0
    acceptor.faults.drop_replies = 5
    assert isinstance(received.get(timeout=5), AcceptorOffline)
    assert isinstance(received.get(timeout=5), AcceptorOnline)
    acceptor.stop_polling()
