"""The card reader's self-test: statuses per the issue, JSON shape, and no PIN try consumed."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import threading

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from drivers.nfc.selftest import check_reader, run
from drivers.nfc.sim import SimCardReader
from drivers.nfc.virtual_card import CardFaults, VirtualMyNumberCard
from drivers.selftest import SelfTestResult, Status
from tests.drivers.nfc.conftest import CardFactory

NOW = dt.datetime.now(dt.UTC)
REPORT_KEYS = {"status", "reader", "atr", "card_type", "certificate", "pin_tries_left"}


class OtherCard(VirtualMyNumberCard):
    """A card without the JPKI application (a transit or bank card)."""

    def process_apdu(self, apdu: bytes) -> bytes:
        return bytes.fromhex("6A82")


def check(card: VirtualMyNumberCard | None) -> SelfTestResult:
    """The self-test on a sim reader holding ``card``."""
    reader = SimCardReader()
    if card is not None:
        reader.insert(card)
    return check_reader(reader, wait_s=0.05, readers=["Simulated reader"])


def burn_tries(card: VirtualMyNumberCard, wrong: int) -> VirtualMyNumberCard:
    """Enter ``wrong`` wrong PINs on the card directly."""
    card.process_apdu(bytes.fromhex("00A4040C0AD392F000260100000001"))
    for _ in range(wrong):
        card.process_apdu(bytes.fromhex("002000800430303030"))
    return card


def test_a_good_card_is_ok_and_reported_in_full(make_card: CardFactory) -> None:
    card = make_card()
    result = check(card)
    assert result.status is Status.OK
    report = json.loads(result.as_json())
    assert report.keys() >= REPORT_KEYS
    assert report["status"] == "ok"
    assert report["card_type"] == "my_number_card"
    assert report["pin_tries_left"] == 3
    assert report["certificate"]["serial"] == 0x1234
    assert "CN=" in report["certificate"]["subject"]
    assert bytes.fromhex(report["atr"]) == card.atr
    assert card.tries_left == 3


@pytest.mark.parametrize(
    ("wrong_pins", "faults", "validity_days", "status"),
    [
        (2, None, (-1, 1000), Status.WARNING),
        (0, CardFaults(locked=True), (-1, 1000), Status.CRITICAL),
        (0, None, (-1000, -1), Status.CRITICAL),
        (0, None, (-100, 20), Status.WARNING),
        (0, None, (10, 1000), Status.CRITICAL),
        (2, None, (-1000, -1), Status.CRITICAL),
    ],
)
def test_status_follows_tries_and_validity(
    make_card: CardFactory,
    wrong_pins: int,
    faults: CardFaults | None,
    validity_days: tuple[int, int],
    status: Status,
) -> None:
    start, end = (NOW + dt.timedelta(days=days) for days in validity_days)
    card = burn_tries(make_card(faults, not_before=start, not_after=end), wrong_pins)
    tries_before = card.tries_left
    assert check(card).status is status
    assert card.tries_left == tries_before


def test_no_card_is_unknown_and_another_card_is_critical(auth_key: rsa.RSAPrivateKey) -> None:
    assert check(None).status is Status.UNKNOWN
    result = check(OtherCard(auth_key, b"", "0000"))
    assert result.status is Status.CRITICAL
    assert json.loads(result.as_json())["card_type"] == "other"


def test_a_card_arriving_while_waiting_is_checked(make_card: CardFactory) -> None:
    reader = SimCardReader()
    timer = threading.Timer(0.1, reader.insert, args=(make_card(),))
    timer.start()
    result = check_reader(reader, wait_s=3)
    timer.join()
    assert result.status is Status.OK


def test_no_reader_is_critical() -> None:
    result = run(argparse.Namespace(reader="No such reader", wait=0.1))
    assert result.status is Status.CRITICAL
    assert json.loads(result.as_json())["reader"] is None
