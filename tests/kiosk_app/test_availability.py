"""What the kiosk can serve, from the devices' last states (no Qt)."""

from __future__ import annotations

import logging

import pytest

from kiosk_app.availability import Availability, Device, DeviceState, Problem, state_of_alert
from kiosk_app.payment.reasons import AlertKind

ACCEPTOR_OFFLINE = DeviceState(Device.COIN_ACCEPTOR, Problem.OFFLINE)
PAPER_OUT = DeviceState(Device.A4_PRINTER, Problem.PAPER_OUT)


def test_available_until_a_device_says_otherwise() -> None:
    availability = Availability()
    assert availability.issuance_available
    assert availability.issuance_blocker is None
    assert not availability.update(DeviceState(Device.A4_PRINTER))  # fine → no change


def test_acceptor_offline_until_online() -> None:
    availability = Availability()
    offline = state_of_alert(AlertKind.ACCEPTOR_OFFLINE)
    online = state_of_alert(AlertKind.ACCEPTOR_ONLINE)
    assert offline == ACCEPTOR_OFFLINE
    assert online == DeviceState(Device.COIN_ACCEPTOR)
    assert availability.update(offline)
    assert availability.issuance_blocker == ACCEPTOR_OFFLINE
    assert not availability.update(offline)  # said again: nothing changes
    assert availability.update(online)
    assert availability.issuance_available


@pytest.mark.parametrize(
    "kind", [AlertKind.CREDIT_LOST, AlertKind.ACCEPTOR_RESET, AlertKind.STRAY_COIN]
)
def test_other_alerts_say_nothing_of_availability(kind: AlertKind) -> None:
    assert state_of_alert(kind) is None


def test_a_journal_that_cannot_be_written_blocks_issuance_first() -> None:
    availability = Availability()
    availability.update(ACCEPTOR_OFFLINE)
    failed = state_of_alert(AlertKind.JOURNAL_FAILED)
    assert failed == DeviceState(Device.MONEY_JOURNAL, Problem.FAULT)
    assert availability.update(failed)
    assert availability.issuance_blocker == failed
    writable = state_of_alert(AlertKind.JOURNAL_WRITABLE)
    assert writable is not None
    assert availability.update(writable)
    assert availability.issuance_blocker == ACCEPTOR_OFFLINE


def test_both_devices_must_recover_and_the_acceptor_is_named_first() -> None:
    availability = Availability()
    availability.update(PAPER_OUT)
    assert availability.issuance_blocker == PAPER_OUT
    assert availability.update(ACCEPTOR_OFFLINE)  # the reason shown changes
    assert availability.issuance_blocker == ACCEPTOR_OFFLINE
    assert availability.update(DeviceState(Device.COIN_ACCEPTOR))
    assert availability.issuance_blocker == PAPER_OUT  # the printer is still out of paper
    assert availability.update(DeviceState(Device.A4_PRINTER, Problem.FAULT))
    assert availability.update(DeviceState(Device.A4_PRINTER))
    assert availability.issuance_available


def test_each_change_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    availability = Availability()
    with caplog.at_level(logging.INFO, logger="kiosk_app.availability"):
        availability.update(PAPER_OUT)
        availability.update(PAPER_OUT)
        availability.update(DeviceState(Device.A4_PRINTER))
    messages = [record.getMessage() for record in caplog.records]
    assert messages == [
        "issuance out of service: a4_printer paper_out",
        "issuance available again (a4_printer recovered)",
    ]
