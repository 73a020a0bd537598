"""``shomei-selftest nfc`` as a command, through a real pcscd: its report and exit code."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from drivers.nfc.demo_ca import DemoJpkiCa
from drivers.nfc.virtual_card import VirtualMyNumberCard
from tests.stacks.pcscd import PcscdStack

PIN = "4321"


def card_with_one_try_left() -> VirtualMyNumberCard:
    """A demo card on which two wrong PINs were entered (a WARNING for the self-test)."""
    card = DemoJpkiCa.create().new_card(PIN, 0x1234)
    card.process_apdu(bytes.fromhex("00A4040C0AD392F000260100000001"))
    for _ in range(2):
        card.process_apdu(bytes.fromhex("002000800430303030"))
    return card


@pytest.mark.integration
def test_shomei_selftest_nfc_through_pcscd(pcscd_stack: PcscdStack) -> None:
    card = card_with_one_try_left()
    client = pcscd_stack.card_client(card)
    client.insert()
    try:
        completed = subprocess.run(
            [
                sys.executable,
                *("-m", "kiosk_app.selftest_cli", "nfc", "--json"),
                *("--reader", pcscd_stack.reader_name(0), "--wait", "5"),
            ],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    finally:
        client.remove()
    report = json.loads(completed.stdout)
    assert completed.returncode == 1, completed.stderr
    assert report["status"] == "warning"
    assert report["reader"] == pcscd_stack.reader_name(0)
    assert pcscd_stack.reader_name(0) in report["readers"]
    assert report["pin_tries_left"] == 1
    assert card.tries_left == 1
