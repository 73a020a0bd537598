"""Fixtures for the NFC driver tests: one demo CA and one auth key for the whole session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from drivers.nfc.demo_ca import DemoJpkiCa, new_rsa_key
from drivers.nfc.virtual_card import CardFaults, VirtualMyNumberCard

PIN = "4321"
CardFactory = Callable[..., VirtualMyNumberCard]


@pytest.fixture(scope="session")
def demo_ca() -> DemoJpkiCa:
    """A demo JPKI CA (its key is made once: RSA key generation is slow)."""
    return DemoJpkiCa.create()


@pytest.fixture(scope="session")
def auth_key() -> rsa.RSAPrivateKey:
    """The auth key every test card shares."""
    return new_rsa_key()


@pytest.fixture(scope="session")
def make_card(demo_ca: DemoJpkiCa, auth_key: rsa.RSAPrivateKey) -> CardFactory:
    """Make a fresh virtual card (PIN ``PIN``) with optional faults and validity."""

    def make(
        faults: CardFaults | None = None,
        *,
        serial: int = 0x1234,
        not_before: dt.datetime | None = None,
        not_after: dt.datetime | None = None,
    ) -> VirtualMyNumberCard:
        return demo_ca.new_card(
            PIN,
            serial,
            not_before=not_before,
            not_after=not_after,
            key=auth_key,
            faults=faults,
        )

    return make
