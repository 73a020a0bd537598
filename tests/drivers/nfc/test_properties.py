"""Property tests: hostile or broken answers always end in a typed error, never a crash or hang."""

from __future__ import annotations

import time
from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drivers.nfc import jpki
from drivers.nfc.apdu import MalformedCommandError, der_total_length, parse_command
from drivers.nfc.card import MyNumberCard
from drivers.nfc.errors import BadResponseError, CardRemovedError, NfcError
from drivers.nfc.sim import SimCardReader
from drivers.nfc.virtual_card import CardFaults, VirtualMyNumberCard
from tests.drivers.nfc.conftest import PIN, CardFactory
from tests.drivers.nfc.scripted import ScriptedTransport

INTERESTING_SWS = [
    0x9000,
    0x6282,
    0x6300,
    0x63C0,
    0x63C1,
    0x63C3,
    0x63CF,
    0x6700,
    0x6981,
    0x6982,
    0x6983,
    0x6984,
    0x6986,
    0x6A82,
    0x6A86,
    0x6B00,
    0x6C10,
    0x6D00,
    0x6E00,
    0x6F00,
    0x6110,
]
status_words = st.sampled_from(INTERESTING_SWS) | st.integers(0, 0xFFFF)
der_heads = st.sampled_from(
    [
        b"\x30\x82\x06\x40",
        b"\x30\x84\xff\xff\xff\xff",
        b"\x30\x80",
        b"\x30\x83\x7f\xff\xff",
        b"\x30\x82\xff\xff",
        b"\x30\x05",
        b"\x04\x82\x01\x00",
        b"\x30",
    ]
)
response_data = st.binary(max_size=300) | st.builds(
    lambda h, t: h + t, der_heads, st.binary(max_size=280)
)
responses = st.one_of(
    st.binary(max_size=3),
    st.builds(lambda data, sw: data + sw.to_bytes(2, "big"), response_data, status_words),
    st.just(jpki.MY_NUMBER_CARD_TOKEN.ljust(32, b"\0") + b"\x90\x00"),
    st.just(b"\x90\x00"),
)

Operation = Callable[[MyNumberCard], object]
OPERATIONS: list[Operation] = [
    MyNumberCard.detect,
    MyNumberCard.read_auth_certificate,
    MyNumberCard.pin_tries_left,
    lambda card: card.sign_with_auth_key(bytearray(b"1234"), bytes(32)),
]


def scripted_card(answers: list[bytes], extended: bool) -> MyNumberCard:
    """A card whose answers come from ``answers`` in order; then it is removed."""
    queue = list(answers)

    def respond(apdu: bytes) -> bytes:
        if not queue:
            raise CardRemovedError("script exhausted")
        return queue.pop(0)

    return MyNumberCard(ScriptedTransport(respond, extended_length=extended), timeout_s=1.0)


@settings(max_examples=300, deadline=None)
@given(
    answers=st.lists(responses, min_size=1, max_size=30),
    operation=st.sampled_from(OPERATIONS),
    extended=st.booleans(),
)
def test_any_answers_end_in_a_result_or_a_typed_error(
    answers: list[bytes], operation: Operation, extended: bool
) -> None:
    card = scripted_card(answers, extended)
    started = time.monotonic()
    try:
        result = operation(card)
    except NfcError:
        result = None
    assert time.monotonic() - started < 5
    if isinstance(result, bytes) and operation is OPERATIONS[1]:
        assert len(result) == der_total_length(result)
    if isinstance(result, int):
        assert 0 <= result <= 15


@settings(max_examples=200, deadline=None)
@given(head=der_heads, chunks=st.lists(st.binary(min_size=1, max_size=256), max_size=12))
def test_certificate_reads_with_truncated_or_oversized_lengths_are_typed(
    head: bytes, chunks: list[bytes]
) -> None:
    first = (head + b"".join(chunks[:1]))[:256]
    answers = [b"\x90\x00", first + b"\x90\x00"]
    answers += [chunk + b"\x90\x00" for chunk in chunks[1:]]
    card = scripted_card(answers, extended=False)
    try:
        certificate = card.read_auth_certificate()
    except (BadResponseError, CardRemovedError):
        return
    assert len(certificate) == der_total_length(first)
    assert certificate.startswith(first[: len(certificate)])


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(apdus=st.lists(st.binary(max_size=270), max_size=20))
def test_the_virtual_card_answers_every_apdu_with_a_status_word(
    make_card: CardFactory, apdus: list[bytes]
) -> None:
    card: VirtualMyNumberCard = make_card()
    for apdu in [bytes.fromhex("00A4040C0AD392F000260100000001"), *apdus]:
        answer = card.process_apdu(apdu)
        assert len(answer) >= 2
    assert 0 <= card.tries_left <= jpki.AUTH_PIN_MAX_TRIES


@given(apdu=st.binary(max_size=300))
def test_parse_command_accepts_or_refuses_cleanly(apdu: bytes) -> None:
    try:
        command = parse_command(apdu)
    except MalformedCommandError:
        return
    assert len(command.data) <= len(apdu)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(garbage_after=st.integers(0, 16), seed=st.integers(0, 2**32))
def test_a_card_turning_to_garbage_mid_session_gives_typed_errors(
    make_card: CardFactory, garbage_after: int, seed: int
) -> None:
    reader = SimCardReader()
    reader.insert(make_card(CardFaults(garbage_after_apdus=garbage_after, garbage_seed=seed)))
    failure: NfcError | None = None
    try:
        card = reader.connect()
        card.read_auth_certificate()
        card.pin_tries_left()
        card.sign_with_auth_key(bytearray(PIN.encode()), bytes(32))
    except NfcError as exc:
        failure = exc
    assert not isinstance(failure, CardRemovedError)
    assert (failure is None) == (garbage_after >= 14)
