"""The real stack: pyscard → pcscd → vpcd → the virtual card as a socket client."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterator

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.hashes import SHA256

from drivers.nfc import jpki
from drivers.nfc.errors import (
    CardRemovedError,
    CardTimeoutError,
    NoReaderError,
    PinLockedError,
    WrongPinError,
)
from drivers.nfc.reader import CardReader, open_card_reader
from drivers.nfc.virtual_card import CardFaults, VirtualMyNumberCard
from drivers.nfc.vpcd import VpcdCardClient
from tests.drivers.nfc.conftest import PIN, CardFactory
from tests.drivers.nfc.slow_read import assert_removal_ends_a_slow_read
from tests.stacks.pcscd import PcscdStack

pytestmark = pytest.mark.integration

Insert = Callable[[VirtualMyNumberCard], VpcdCardClient]


def wait_until(condition: Callable[[], bool], timeout_s: float = 3.0) -> bool:
    """Poll ``condition`` until it holds or ``timeout_s`` passes (PC/SC has no test hook)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


@pytest.fixture
def reader(pcscd_stack: PcscdStack) -> Iterator[CardReader]:
    """The PC/SC reader of vpcd slot 0."""
    card_reader = open_card_reader(pcscd_stack.reader_url(timeout="2"))
    yield card_reader
    card_reader.close()


@pytest.fixture
def insert(pcscd_stack: PcscdStack, reader: CardReader) -> Iterator[Insert]:
    """Put a virtual card on vpcd slot 0 and wait until PC/SC sees it; removed after the test."""
    clients: list[VpcdCardClient] = []

    def put(card: VirtualMyNumberCard) -> VpcdCardClient:
        client = pcscd_stack.card_client(card)
        client.insert()
        clients.append(client)
        assert wait_until(reader.card_present)
        return client

    yield put
    for client in clients:
        client.remove()
    assert wait_until(lambda: not reader.card_present())


def test_reads_the_certificate_through_pcscd(
    reader: CardReader, insert: Insert, make_card: CardFactory
) -> None:
    virtual = make_card()
    insert(virtual)
    card = reader.connect()
    assert card.atr == virtual.atr
    assert card.read_auth_certificate() == virtual._files[jpki.EF_AUTH_CERT]
    assert card.pin_tries_left() == 3
    card.disconnect()


def test_wrong_pins_count_down_to_locked_through_pcscd(
    reader: CardReader, insert: Insert, make_card: CardFactory
) -> None:
    virtual = make_card()
    insert(virtual)
    card = reader.connect()
    tries = []
    for _ in range(2):
        with pytest.raises(WrongPinError) as caught:
            card.sign_with_auth_key(bytearray(b"0000"), bytes(32))
        tries.append(caught.value.tries_left)
    with pytest.raises(PinLockedError):
        card.sign_with_auth_key(bytearray(b"0000"), bytes(32))
    assert tries == [2, 1]
    assert card.pin_tries_left() == 0
    assert virtual.tries_left == 0


def test_signature_verifies_with_the_certificate_key(
    reader: CardReader, insert: Insert, make_card: CardFactory
) -> None:
    insert(make_card())
    card = reader.connect()
    der = card.read_auth_certificate()
    nonce = hashlib.sha256(b"server nonce").digest()
    signature = card.sign_with_auth_key(bytearray(PIN.encode()), hashlib.sha256(nonce).digest())
    public_key = x509.load_der_x509_certificate(der).public_key()
    assert isinstance(public_key, rsa.RSAPublicKey)
    public_key.verify(signature, nonce, PKCS1v15(), SHA256())


def test_card_leaving_mid_read_is_card_removed(
    reader: CardReader, insert: Insert, make_card: CardFactory
) -> None:
    insert(make_card(CardFaults(remove_after_apdus=6)))
    card = reader.connect()
    started = time.monotonic()
    with pytest.raises(CardRemovedError):
        card.read_auth_certificate()
    assert time.monotonic() - started < 1


def test_removal_during_a_slow_read_ends_it_before_the_card_answers(
    pcscd_stack: PcscdStack, insert: Insert, make_card: CardFactory
) -> None:
    virtual = make_card()
    client = insert(virtual)
    # Timings far above pcscd's polling under load: the read must end by the removal,
    # seconds before the card's answer or the reader's time-out could end it.
    card = open_card_reader(pcscd_stack.reader_url(timeout="20")).connect()
    virtual.faults.reply_delay_s = 10
    assert_removal_ends_a_slow_read(card, virtual, client.remove)


def test_monitoring_reports_insertion_and_removal(
    pcscd_stack: PcscdStack, reader: CardReader, make_card: CardFactory
) -> None:
    inserted, removed = threading.Event(), threading.Event()
    reader.start_monitoring(inserted.set, removed.set)
    client = pcscd_stack.card_client(make_card())
    client.insert()
    try:
        assert inserted.wait(3)
        assert not removed.is_set()
    finally:
        client.remove()
    assert removed.wait(3)
    reader.stop_monitoring()


def test_extended_length_reads_the_certificate_in_one_apdu(
    pcscd_stack: PcscdStack, insert: Insert, make_card: CardFactory
) -> None:
    virtual = make_card()
    insert(virtual)
    card = open_card_reader(pcscd_stack.reader_url(extended="1")).connect()
    before = card.stats.apdus
    assert card.read_auth_certificate() == virtual._files[jpki.EF_AUTH_CERT]
    assert card.stats.apdus - before == 2


def test_unknown_reader_name_is_no_reader(pcscd_stack: PcscdStack) -> None:
    with pytest.raises(NoReaderError):
        open_card_reader("pcsc:?reader=SONY%20FeliCa%20RC-S300").connect()


def test_a_card_too_slow_to_answer_times_out(
    pcscd_stack: PcscdStack, insert: Insert, make_card: CardFactory
) -> None:
    virtual = make_card()
    insert(virtual)
    card = open_card_reader(pcscd_stack.reader_url(timeout="0.3")).connect()
    virtual.faults.reply_delay_s = 1.0
    started = time.monotonic()
    with pytest.raises(CardTimeoutError):
        card.pin_tries_left()
    assert time.monotonic() - started < 0.8
    virtual.faults.reply_delay_s = 0.0
