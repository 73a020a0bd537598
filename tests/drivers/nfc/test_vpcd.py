"""The vpcd client against a fake vpcd: framing, control messages, APDUs and removal."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from drivers.nfc.vpcd import VpcdCardClient, VpcdError
from tests.drivers.nfc.conftest import CardFactory


@pytest.fixture
def fake_vpcd() -> Iterator[socket.socket]:
    """A listening socket standing in for vpcd's slot."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        server.settimeout(5)
        yield server


def send(conn: socket.socket, payload: bytes) -> None:
    """One vpcd frame: 2-byte big-endian length, then the payload."""
    conn.sendall(len(payload).to_bytes(2, "big") + payload)


def receive(conn: socket.socket) -> bytes:
    """One frame from the card."""
    size = int.from_bytes(conn.recv(2), "big")
    data = b""
    while len(data) < size:
        data += conn.recv(size - len(data))
    return data


def test_client_answers_atr_power_and_apdus_then_removal_closes(
    fake_vpcd: socket.socket, make_card: CardFactory
) -> None:
    card = make_card()
    client = VpcdCardClient(card, *fake_vpcd.getsockname())
    client.insert()
    conn, _ = fake_vpcd.accept()
    with conn:
        conn.settimeout(5)
        send(conn, b"\x04")
        assert receive(conn) == card.atr
        send(conn, b"\x00")
        send(conn, b"\x01")
        send(conn, bytes.fromhex("00A4040C0AD392F000260100000001"))
        assert receive(conn) == b"\x90\x00"
        send(conn, bytes.fromhex("00CA0000"))
        assert receive(conn) == bytes.fromhex("6D00")
        assert client.inserted
        client.remove()
        assert conn.recv(16) == b""
    assert not client.inserted


def test_card_leaving_on_its_own_closes_the_socket(
    fake_vpcd: socket.socket, make_card: CardFactory
) -> None:
    card = make_card()
    card.faults.remove_after_apdus = 1
    client = VpcdCardClient(card, *fake_vpcd.getsockname())
    client.insert()
    conn, _ = fake_vpcd.accept()
    with conn:
        conn.settimeout(5)
        send(conn, bytes.fromhex("00A4040C0AD392F000260100000001"))
        assert receive(conn) == b"\x90\x00"
        send(conn, bytes.fromhex("00A4020C020006"))
        assert conn.recv(16) == b""


def test_unreachable_vpcd_is_a_vpcd_error(make_card: CardFactory) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(VpcdError):
        VpcdCardClient(make_card(), "127.0.0.1", port).insert(connect_timeout_s=0.2)
