"""Usage registrations: submit, duplicates, review, status without personal data."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pydantic import ValidationError

from issuance_contract.errors import CenterRefusedError
from issuance_contract.messages import AuthSession, RegistrationForm, RegistrationState
from issuance_server.demo_data import DemoCard
from issuance_server.embedded_link import EmbeddedCenterLink
from issuance_server.registry import Registry
from issuance_server.service import IssuanceService
from tests.support.server import (
    NOW,
    full_resident,
    non_resident,
    registration_form,
)


def test_registration_then_approval_opens_koseki_certificates(
    registry: Registry,
    service: IssuanceService,
    link: EmbeddedCenterLink,
    login: Callable[[str], AuthSession],
    cards: dict[str, DemoCard],
) -> None:
    person = non_resident(registry)
    session = login(person.id)
    number = link.submit_registration(
        session.token, registration_form(person, cards[person.id], registry)
    )
    assert len(number) == 8
    assert number.isdigit()
    status = link.registration_status(number)
    assert status.state is RegistrationState.PENDING
    assert status.submitted_on == NOW.date()
    dumped = status.model_dump_json()
    for personal in (person.family_name, person.given_name, person.birth_date.isoformat()):
        assert personal not in dumped
    assert service.store.decide_registration(int(number), RegistrationState.APPROVED, None, NOW)
    assert link.registration_status(number).state is RegistrationState.APPROVED
    offers = {o.certificate_type.value: o for o in login(person.id).offers}
    assert offers["koseki_zenbu"].available
    assert offers["fuhyo"].available


def test_duplicates_and_mismatches_are_refused(
    registry: Registry,
    link: EmbeddedCenterLink,
    login: Callable[[str], AuthSession],
    cards: dict[str, DemoCard],
) -> None:
    person = non_resident(registry)
    session = login(person.id)
    form = registration_form(person, cards[person.id], registry)
    bad = form.model_copy(
        update={"card_security_code": "0000" if form.card_security_code != "0000" else "1111"}
    )
    with pytest.raises(CenterRefusedError) as info:
        link.submit_registration(session.token, bad)
    assert info.value.reason_code == "registration_mismatch"
    link.submit_registration(session.token, form)
    with pytest.raises(CenterRefusedError) as info:
        link.submit_registration(session.token, form)
    assert info.value.reason_code == "duplicate_registration"


def test_residents_need_no_registration(
    registry: Registry,
    link: EmbeddedCenterLink,
    login: Callable[[str], AuthSession],
    cards: dict[str, DemoCard],
) -> None:
    person = full_resident(registry)
    session = login(person.id)
    with pytest.raises(CenterRefusedError) as info:
        link.submit_registration(
            session.token, registration_form(person, cards[person.id], registry)
        )
    assert info.value.reason_code == "registration_not_needed"


@pytest.mark.parametrize("number", ["99999999", "abc", "", "1" * 40, "²", "１２３", "٣"])
def test_unknown_numbers_have_an_unknown_state(link: EmbeddedCenterLink, number: str) -> None:
    assert link.registration_status(number).state is RegistrationState.UNKNOWN


@pytest.mark.parametrize(
    "text",
    [
        "架空\x1b[2J市",  # an escape sequence that clears a terminal
        "架空\u202e市",  # right-to-left override
        "架空\u2066市\u2069",  # isolate
        "架空\u200b市",  # zero-width space
        "架空\r\n市",
        "架空\ufeff市",
    ],
)
@pytest.mark.parametrize("field", ["honseki", "hittosha", "hittosha_kana"])
def test_control_and_bidi_characters_are_refused_in_the_form(
    registry: Registry, cards: dict[str, DemoCard], field: str, text: str
) -> None:
    person = non_resident(registry)
    form = registration_form(person, cards[person.id], registry).model_dump()
    with pytest.raises(ValidationError, match="control or format characters"):
        RegistrationForm.model_validate({**form, field: text})


def test_ordinary_japanese_text_is_kept_as_typed(
    registry: Registry, cards: dict[str, DemoCard]
) -> None:
    person = non_resident(registry)
    form = registration_form(person, cards[person.id], registry).model_dump()
    typed = RegistrationForm.model_validate(
        {**form, "hittosha": "見本　太郎", "honseki": "架空市１－２"}
    )
    assert (typed.hittosha, typed.honseki) == ("見本　太郎", "架空市１－２")
