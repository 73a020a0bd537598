"""open_center_link: the embedded link from the kiosk's config."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from drivers.nfc.sim import SimCardReader
from issuance_contract.errors import CenterError
from issuance_server.demo_data import DemoCard
from issuance_server.embedded_link import EmbeddedCenterLink
from issuance_server.registry import Registry
from kiosk_app.center.opening import open_center_link
from kiosk_app.config import Config
from tests.support.server import full_resident


def test_embedded_link_from_the_demo_config(demo_config: Config) -> None:
    link = open_center_link("embedded:", "DEMO-KIOSK-01", config=demo_config)
    try:
        assert isinstance(link, EmbeddedCenterLink)
        challenge = link.start_authentication()
        assert len(challenge.nonce) == 32
        center = demo_config.kiosk.data_dir / "center"
        assert (center / "registry.sqlite3").is_file()
        assert (center / "pki" / "ca.pem").is_file()
    finally:
        link.close()


def test_unusable_urls_are_errors(tmp_path: Path) -> None:
    with pytest.raises(CenterError):
        open_center_link("embedded:", "K")
    with pytest.raises(CenterError):
        open_center_link("https://example.invalid", "K")
    with pytest.raises(CenterError):
        open_center_link("ftp://x", "K")


def test_a_virtual_card_through_the_sim_reader_logs_in(
    link: EmbeddedCenterLink, cards: dict[str, DemoCard], registry: Registry
) -> None:
    """The whole path the kiosk takes: sim reader → card → PIN + signature → the server."""
    person = full_resident(registry)
    reader = SimCardReader()
    reader.insert(cards[person.id].make_card())
    card = reader.connect()
    try:
        certificate = card.read_auth_certificate()
        challenge = link.start_authentication()
        pin = bytearray(cards[person.id].pin.encode())
        signature = card.sign_with_auth_key(pin, hashlib.sha256(challenge.nonce).digest())
        assert pin == bytearray(len(pin))
    finally:
        card.disconnect()
        reader.close()
    session = link.authenticate(challenge.challenge_id, certificate, signature)
    assert all(o.available for o in session.offers)
