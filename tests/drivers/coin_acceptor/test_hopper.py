"""The hopper driver: dispense, empty mid-payout, lost reply without resend, status and test."""

from __future__ import annotations

import pytest

from drivers.coin_acceptor.devices import open_hopper
from drivers.coin_acceptor.errors import HopperError, PayoutUnverifiedError
from drivers.coin_acceptor.hopper import DispenseResult, HopperStatus, dispense_outcome
from drivers.coin_acceptor.sim import SimHopper


def _hopper(url: str = "sim:?level=10&echo=1") -> SimHopper:
    hopper = open_hopper(url, 100)
    assert isinstance(hopper, SimHopper)
    return hopper


def test_dispense_pays_and_status_counts() -> None:
    hopper = _hopper()
    assert hopper.identify().category == "Payout"
    assert hopper.dispense(3) == DispenseResult(3, 3, 0, executed=True)
    assert hopper.level == 7
    assert hopper.status() == HopperStatus(1, 0, 3, 0)
    assert hopper.test() == []


def test_paced_payout_is_waited_for() -> None:
    hopper = _hopper("sim:?level=10&coin_period=20")
    assert hopper.dispense(4).paid == 4
    assert hopper.level == 6


def test_empty_mid_payout_reports_unpaid() -> None:
    hopper = _hopper("sim:?level=2")
    assert hopper.dispense(5) == DispenseResult(5, 2, 3, executed=True)
    assert hopper.coin_stock() == 0


def test_lost_dispense_reply_reads_status_and_never_resends() -> None:
    hopper = _hopper()
    hopper.faults.drop_dispense_reply = True
    assert hopper.dispense(2) == DispenseResult(2, 2, 0, executed=True)
    assert hopper.bus.commands.count((3, 167)) == 1
    assert hopper.level == 8


def test_a_refused_dispense_is_reported_not_executed_and_sent_once() -> None:
    hopper = _hopper()
    hopper.dispense(1)
    hopper._serial = b"\x00\x00\x00"  # a wrong security serial: the hopper answers NAK
    assert hopper.dispense(1) == DispenseResult(1, 0, 1, executed=False)
    assert hopper.bus.commands.count((3, 167)) == 2
    assert hopper.level == 9


def test_counter_jump_cannot_be_explained() -> None:
    with pytest.raises(PayoutUnverifiedError):
        dispense_outcome(5, 2, HopperStatus(0, 0, 0, 0))
    assert dispense_outcome(255, 2, HopperStatus(1, 1, 1, 0)) is None
    assert dispense_outcome(255, 2, HopperStatus(1, 0, 2, 0)) == DispenseResult(2, 2, 0, True)


def test_bad_counts_are_refused() -> None:
    hopper = _hopper()
    with pytest.raises(HopperError):
        hopper.dispense(0)
    with pytest.raises(HopperError):
        hopper.dispense(256)


def test_emergency_stop_returns_unpaid() -> None:
    hopper = _hopper("sim:?level=10&coin_period=1000")
    hopper.enable()
    hopper.link.transact(3, 167, hopper.model.identity.serial.to_bytes(3, "little") + b"\x05")
    assert hopper.emergency_stop() == 5
    assert hopper.status().last_unpaid == 5
