"""The virtual card answers like the real one: files, status words, PIN counter, signatures."""

from __future__ import annotations

import hashlib

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.hashes import SHA256

from drivers.nfc import jpki
from drivers.nfc.virtual_card import CardFaults, CardWithdrawn, VirtualMyNumberCard
from tests.drivers.nfc.conftest import PIN, CardFactory

SELECT_JPKI = "00A4040C0AD392F000260100000001"


def run(card: VirtualMyNumberCard, *apdus: str) -> str:
    """Send APDUs in order; return the last answer in upper-case hex."""
    answer = b""
    for apdu in apdus:
        answer = card.process_apdu(bytes.fromhex(apdu))
    return answer.hex().upper()


def verify(pin: str) -> str:
    """A VERIFY APDU for ``pin``."""
    return "0020008004" + pin.encode().hex()


@pytest.mark.parametrize(
    ("apdus", "status"),
    [
        (["00A4040C0AD392F000260100000099"], "6A82"),
        (["00A4050C0AD392F000260100000001"], "6A86"),
        ([SELECT_JPKI, "00A4020C029999"], "6A82"),
        (["00A4020C020006"], "6A82"),
        ([SELECT_JPKI, "00CA000000"], "6D00"),
        (["B0B0000000"], "6E00"),
        ([SELECT_JPKI, "00B0000010"], "6986"),
        ([SELECT_JPKI, "00A4020C020017", "00B0000010"], "6981"),
        ([SELECT_JPKI, "00A4020C020006", "00B0100010"], "6B00"),
        ([SELECT_JPKI, "00A4020C020006", "00B0800010"], "6A86"),
        ([SELECT_JPKI, "00200081"], "6A86"),
        (["00200080"], "6985"),
        ([SELECT_JPKI, "00A4020C020017", "802A00800433333333" + "00"], "6982"),
        ([SELECT_JPKI, "00A4020C02000A", "802A0080043333333300"], "6986"),
        ([SELECT_JPKI, "00A4"], "6700"),
        ([SELECT_JPKI, "00200080023132"], "6700"),
    ],
)
def test_status_words_of_the_reference(
    make_card: CardFactory, apdus: list[str], status: str
) -> None:
    assert run(make_card(), *apdus) == status


def test_token_file_identifies_a_my_number_card(make_card: CardFactory) -> None:
    answer = run(make_card(), SELECT_JPKI, "00A4020C020006", "00B0000020")
    assert bytes.fromhex(answer[:-4]).startswith(jpki.MY_NUMBER_CARD_TOKEN)
    assert answer.endswith("9000")
    assert len(answer) // 2 == jpki.TOKEN_LENGTH + 2


def test_certificate_is_readable_without_pin_in_short_and_extended_reads(
    make_card: CardFactory,
) -> None:
    card = make_card()
    short = run(card, SELECT_JPKI, "00A4020C02000A", "00B0000000")
    extended = run(card, "00B00000000000")
    certificate = x509.load_der_x509_certificate(bytes.fromhex(extended[:-4]))
    assert bytes.fromhex(short[:-4]) == bytes.fromhex(extended[:-4])[:256]
    assert certificate.serial_number == 0x1234


def test_wrong_pins_count_down_then_lock_and_a_good_pin_resets(make_card: CardFactory) -> None:
    card = make_card()
    assert run(card, SELECT_JPKI, "00200080") == "63C3"
    assert run(card, verify("0000")) == "63C2"
    assert run(card, verify(PIN)) == "9000"
    assert run(card, "00200080") == "63C3"
    assert [run(card, verify("9999")) for _ in range(3)] == ["63C2", "63C1", "63C0"]
    assert card.tries_left == 0
    assert run(card, verify(PIN)) == "6983"
    assert run(card, "00200080") == "63C0"


def test_status_query_consumes_no_try(make_card: CardFactory) -> None:
    card = make_card()
    for _ in range(5):
        assert run(card, SELECT_JPKI, "00200080") == "63C3"
    assert card.tries_left == 3


def test_signature_verifies_with_the_certificate_key(make_card: CardFactory) -> None:
    card = make_card()
    nonce = b"n" * 32
    digest_info = jpki.SHA256_DIGEST_INFO_PREFIX + hashlib.sha256(nonce).digest()
    sign = "802A0080" + f"{len(digest_info):02X}" + digest_info.hex() + "00"
    answer = run(card, SELECT_JPKI, "00A4020C020018", verify(PIN), "00A4020C020017", sign)
    assert answer.endswith("9000")
    certificate = bytes.fromhex(run(card, "00A4020C02000A", "00B00000000000")[:-4])
    public_key = x509.load_der_x509_certificate(certificate).public_key()
    public_key.verify(bytes.fromhex(answer[:-4]), nonce, PKCS1v15(), SHA256())  # type: ignore[union-attr,call-arg,arg-type]


def test_sign_refuses_data_that_is_not_a_digest_info(make_card: CardFactory) -> None:
    card = make_card()
    answer = run(card, SELECT_JPKI, verify(PIN), "00A4020C020017", "802A008003010203" + "00")
    assert answer == "6A80"


def test_power_loss_forgets_the_verified_pin(make_card: CardFactory) -> None:
    card = make_card()
    run(card, SELECT_JPKI, verify(PIN))
    card.power_off()
    with pytest.raises(CardWithdrawn):
        card.process_apdu(bytes.fromhex(SELECT_JPKI))
    card.power_on()
    digest_info = jpki.SHA256_DIGEST_INFO_PREFIX + bytes(32)
    sign = "802A0080" + f"{len(digest_info):02X}" + digest_info.hex() + "00"
    assert run(card, SELECT_JPKI, "00A4020C020017", sign) == "6982"


def test_fault_removal_after_n_apdus(make_card: CardFactory) -> None:
    card = make_card(CardFaults(remove_after_apdus=2))
    run(card, SELECT_JPKI, "00A4020C020006")
    with pytest.raises(CardWithdrawn):
        card.process_apdu(bytes.fromhex("00B0000020"))


def test_fault_garbage_replies_and_locked_card(make_card: CardFactory) -> None:
    card = make_card(CardFaults(garbage_after_apdus=1, locked=True))
    assert run(card, SELECT_JPKI) == "9000"
    answers = {run(card, "00200080") for _ in range(20)}
    assert len(answers) > 1
    locked = make_card(CardFaults(locked=True))
    assert run(locked, SELECT_JPKI, "00200080") == "63C0"
    assert run(locked, verify(PIN)) == "6983"


def test_pin_must_be_four_digits(auth_key: rsa.RSAPrivateKey) -> None:
    with pytest.raises(ValueError, match="4 digits"):
        VirtualMyNumberCard(auth_key, b"", "12a4")
