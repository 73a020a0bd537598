"""MyNumberCard over the in-process sim reader: detection, certificate, PIN, signature, faults."""

from __future__ import annotations

import hashlib
import logging
import threading
import time

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.hashes import SHA256

from drivers.nfc import jpki
from drivers.nfc.card import MyNumberCard
from drivers.nfc.errors import (
    BadResponseError,
    CardError,
    CardRemovedError,
    CardTimeoutError,
    NotMyNumberCardError,
    PinFormatError,
    PinLockedError,
    WrongPinError,
)
from drivers.nfc.reader import open_card_reader
from drivers.nfc.sim import SimCardReader
from drivers.nfc.virtual_card import CardFaults, VirtualMyNumberCard
from tests.drivers.nfc.conftest import PIN, CardFactory
from tests.drivers.nfc.scripted import ScriptedTransport
from tests.drivers.nfc.slow_read import assert_removal_ends_a_slow_read


def on_sim(card: VirtualMyNumberCard, url: str = "sim:") -> MyNumberCard:
    """Put ``card`` on a fresh sim reader and connect to it."""
    reader = open_card_reader(url)
    assert isinstance(reader, SimCardReader)
    reader.insert(card)
    return reader.connect()


def test_reads_the_certificate_and_signs_a_nonce_that_verifies(make_card: CardFactory) -> None:
    virtual = make_card()
    card = on_sim(virtual)
    der = card.read_auth_certificate()
    assert der == virtual._files[jpki.EF_AUTH_CERT]
    assert card.atr == virtual.atr
    assert card.pin_tries_left() == 3
    nonce = bytes(range(32))
    signature = card.sign_with_auth_key(bytearray(PIN.encode()), hashlib.sha256(nonce).digest())
    public_key = x509.load_der_x509_certificate(der).public_key()
    assert isinstance(public_key, rsa.RSAPublicKey)
    public_key.verify(signature, nonce, PKCS1v15(), SHA256())


def test_wrong_pins_report_tries_then_lock(make_card: CardFactory) -> None:
    card = on_sim(make_card())
    digest = bytes(32)
    for expected in (2, 1):
        with pytest.raises(WrongPinError) as caught:
            card.sign_with_auth_key(bytearray(b"0000"), digest)
        assert caught.value.tries_left == expected
        assert card.pin_tries_left() == expected
    with pytest.raises(PinLockedError):
        card.sign_with_auth_key(bytearray(b"0000"), digest)
    assert card.pin_tries_left() == 0
    with pytest.raises(PinLockedError):
        card.sign_with_auth_key(bytearray(PIN.encode()), digest)


def test_a_locked_card_reports_zero_tries(make_card: CardFactory) -> None:
    assert on_sim(make_card(CardFaults(locked=True))).pin_tries_left() == 0


@pytest.mark.parametrize(
    ("pin", "error"),
    [
        (PIN.encode(), None),
        (b"0000", WrongPinError),
        (b"12", PinFormatError),
        (b"12a4", PinFormatError),
    ],
)
def test_pin_buffer_is_zeroed_on_success_and_on_every_error(
    make_card: CardFactory, pin: bytes, error: type[Exception] | None
) -> None:
    card = on_sim(make_card())
    buffer = bytearray(pin)
    if error is None:
        card.sign_with_auth_key(buffer, bytes(32))
    else:
        with pytest.raises(error):
            card.sign_with_auth_key(buffer, bytes(32))
    assert buffer == bytearray(len(buffer))


def test_pin_buffer_is_zeroed_when_the_card_is_removed(make_card: CardFactory) -> None:
    reader = SimCardReader()
    reader.insert(make_card())
    card = reader.connect()
    reader.remove()
    buffer = bytearray(PIN.encode())
    with pytest.raises(CardRemovedError):
        card.sign_with_auth_key(buffer, bytes(32))
    assert buffer == bytearray(4)


def test_bad_pin_format_consumes_no_try(make_card: CardFactory) -> None:
    virtual = make_card()
    card = on_sim(virtual)
    with pytest.raises(PinFormatError):
        card.sign_with_auth_key(bytearray(b"12345"), bytes(32))
    assert virtual.tries_left == 3


def test_apdu_trace_never_contains_the_pin_or_certificate(
    make_card: CardFactory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="drivers.nfc")
    card = on_sim(make_card())
    der = card.read_auth_certificate()
    card.sign_with_auth_key(bytearray(PIN.encode()), bytes(32))
    trace = caplog.text
    assert "VERIFY data redacted" in trace
    assert PIN not in trace
    assert PIN.encode().hex() not in trace.lower()
    assert der[100:116].hex() not in trace.lower()


@pytest.mark.parametrize(("url", "apdus"), [("sim:", 14), ("sim:?extended=1", 10)])
def test_apdu_count_of_a_whole_session(make_card: CardFactory, url: str, apdus: int) -> None:
    card = on_sim(make_card(), url)
    card.read_auth_certificate()
    card.pin_tries_left()
    card.sign_with_auth_key(bytearray(PIN.encode()), bytes(32))
    assert card.stats.apdus == apdus


def test_other_cards_are_not_my_number_cards() -> None:
    def no_jpki(apdu: bytes) -> bytes:
        return bytes.fromhex("6A82")

    def juki_card(apdu: bytes) -> bytes:
        if apdu.startswith(bytes.fromhex("00B0")):
            return jpki.JUKI_CARD_TOKEN.ljust(32, b"\x00") + b"\x90\x00"
        return b"\x90\x00"

    for responder in (no_jpki, juki_card):
        with pytest.raises(NotMyNumberCardError):
            MyNumberCard(ScriptedTransport(responder)).detect()
    with pytest.raises(NotMyNumberCardError):
        MyNumberCard(
            ScriptedTransport(lambda a: b"\x6a\x82" if a[2] == 2 else b"\x90\x00")
        ).detect()


def test_odd_status_words_are_typed_errors() -> None:
    card = MyNumberCard(ScriptedTransport(lambda apdu: bytes.fromhex("6F00")))
    with pytest.raises(CardError) as caught:
        card.read_auth_certificate()
    assert caught.value.sw == 0x6F00
    with pytest.raises(CardError):
        card.pin_tries_left()


def test_a_card_answering_more_than_asked_is_refused() -> None:
    card = MyNumberCard(ScriptedTransport(lambda apdu: b"\x30\x03" + bytes(300) + b"\x90\x00"))
    with pytest.raises(BadResponseError):
        card.read_auth_certificate()


def test_slow_card_times_out_and_the_connection_is_dropped(make_card: CardFactory) -> None:
    virtual = make_card()
    card = on_sim(virtual, "sim:?timeout=0.2")
    virtual.faults.reply_delay_s = 0.6
    started = time.monotonic()
    with pytest.raises(CardTimeoutError):
        card.pin_tries_left()
    assert time.monotonic() - started < 0.5
    with pytest.raises(CardTimeoutError):
        card.read_auth_certificate()


def test_removal_after_n_apdus_mid_read(make_card: CardFactory) -> None:
    reader = SimCardReader()
    removed = threading.Event()
    reader.start_monitoring(lambda: None, removed.set)
    reader.insert(make_card(CardFaults(remove_after_apdus=6)))
    card = reader.connect()
    with pytest.raises(CardRemovedError):
        card.read_auth_certificate()
    assert removed.wait(1)
    assert not reader.card_present()
    reader.close()


def test_removal_during_a_slow_read_ends_it_before_the_card_answers(make_card: CardFactory) -> None:
    reader = SimCardReader(timeout_s=5)
    virtual = make_card()
    reader.insert(virtual)
    card = reader.connect()
    virtual.faults.reply_delay_s = 3
    assert_removal_ends_a_slow_read(card, virtual, reader.remove)


def test_sim_reader_events_and_connect_without_card(make_card: CardFactory) -> None:
    reader = SimCardReader()
    events: list[str] = []
    seen = threading.Semaphore(0)

    def record(name: str) -> None:
        events.append(name)
        seen.release()

    with pytest.raises(CardRemovedError):
        reader.connect()
    reader.insert(make_card())
    reader.start_monitoring(lambda: record("in"), lambda: record("out"))
    reader.remove()
    reader.insert(make_card())
    for _ in range(3):
        assert seen.acquire(timeout=1)
    reader.close()
    assert events == ["in", "out", "in"]
    assert reader.name


@pytest.mark.parametrize("url", ["usb:", "sim:?timeout=0", "sim:?extended=yes", "pcsc:?timeout=x"])
def test_bad_urls_are_refused(url: str) -> None:
    with pytest.raises(ValueError, match=r"scheme|timeout|extended|float"):
        open_card_reader(url)
