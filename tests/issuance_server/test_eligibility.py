"""Eligibility: every refusal carries a reason code, checked again at issue time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import msgspec
import pytest

from issuance_contract.certificates import CertificateType
from issuance_contract.errors import CenterRefusedError
from issuance_contract.messages import AuthSession, OrderItem
from issuance_server.embedded_link import EmbeddedCenterLink
from issuance_server.registry import Registry
from issuance_server.service import IssuanceService
from issuance_server.settings import TOKYO
from tests.support.people import demo_person
from tests.support.server import NOW, Clock, full_resident


def _reasons(session: AuthSession) -> dict[str, str | None]:
    return {o.certificate_type.value: o.reason_code for o in session.offers}


def test_moved_out_residents_get_no_juminhyo(
    registry: Registry, login: Callable[[str], AuthSession]
) -> None:
    person = demo_person(registry, NOW, lambda p: bool(p.residence and p.residence.move_out_filed))
    reasons = _reasons(login(person.id))
    assert reasons["juminhyo"] == "moved_out"
    assert reasons["inkan"] == "moved_out"


def test_seal_certificates_need_a_registered_seal(
    registry: Registry, login: Callable[[str], AuthSession]
) -> None:
    sealed = {s.person_id: s for s in registry.seals}

    def resident(p: object) -> bool:
        return bool(
            getattr(p, "residence", None)
            and not p.residence.move_out_filed  # type: ignore[attr-defined]
            and not p.residence.dv_protected  # type: ignore[attr-defined]
        )

    abolished = demo_person(
        registry, NOW, lambda p: resident(p) and p.id in sealed and bool(sealed[p.id].abolished_on)
    )
    assert _reasons(login(abolished.id))["inkan"] == "seal_abolished"
    none = demo_person(registry, NOW, lambda p: resident(p) and p.id not in sealed)
    assert _reasons(login(none.id))["inkan"] == "no_seal"


def test_a_seal_abolished_after_log_in_is_refused_at_issue_time(
    registry: Registry,
    service: IssuanceService,
    link: EmbeddedCenterLink,
    login: Callable[[str], AuthSession],
) -> None:
    person = full_resident(registry)
    session = login(person.id)
    assert _reasons(session)["inkan"] is None
    seal = next(s for s in registry.seals if s.person_id == person.id)
    service.store.abolish_seal(seal.id, dt.date(2026, 11, 27))
    with pytest.raises(CenterRefusedError) as info:
        link.issue(session.token, [OrderItem(certificate_type=CertificateType.INKAN)], "abolish-1")
    assert info.value.reason_code == "seal_abolished"
    assert service.store.issuance_count() == 0


def test_koseki_needs_honseki_here_or_an_approved_registration(
    registry: Registry, login: Callable[[str], AuthSession]
) -> None:
    elsewhere = demo_person(
        registry,
        NOW,
        lambda p: p.residence is not None and p.koseki_id is None and not p.residence.dv_protected,
    )
    reasons = _reasons(login(elsewhere.id))
    assert reasons["koseki_zenbu"] == "honseki_elsewhere"
    assert reasons["fuhyo"] == "honseki_elsewhere"
    non_resident = demo_person(
        registry, NOW, lambda p: p.residence is None and p.koseki_id is not None
    )
    reasons = _reasons(login(non_resident.id))
    assert reasons["koseki_zenbu"] == "honseki_elsewhere_unregistered"
    assert reasons["juminhyo"] == "not_resident"


@pytest.mark.parametrize(
    ("when", "juminhyo", "koseki"),
    [
        (dt.datetime(2026, 11, 27, 7, 0, tzinfo=TOKYO), None, "outside_hours"),
        (dt.datetime(2026, 11, 27, 6, 0, tzinfo=TOKYO), "outside_hours", "outside_hours"),
        (dt.datetime(2026, 11, 28, 10, 0, tzinfo=TOKYO), None, "closed_day"),  # Saturday
        (dt.datetime(2026, 11, 23, 10, 0, tzinfo=TOKYO), None, "closed_day"),  # 勤労感謝の日
        (dt.datetime(2026, 12, 30, 10, 0, tzinfo=TOKYO), "closed_day", "closed_day"),
    ],
)
def test_service_hours_per_certificate_type(
    registry: Registry,
    login: Callable[[str], AuthSession],
    clock: Clock,
    when: dt.datetime,
    juminhyo: str | None,
    koseki: str | None,
) -> None:
    clock.now = when
    reasons = _reasons(login(full_resident(registry).id))
    assert reasons["juminhyo"] == juminhyo
    assert reasons["koseki_zenbu"] == koseki


def test_offers_list_household_members_and_the_city_rule_on_individual_numbers(
    registry: Registry, login: Callable[[str], AuthSession]
) -> None:
    person = full_resident(registry)
    session = login(person.id)
    juminhyo = next(o for o in session.offers if o.certificate_type is CertificateType.JUMINHYO)
    members = [m["id"] for m in juminhyo.options["members"]]
    assert person.id in members
    assert juminhyo.options["individual_number_allowed"] is True
    assert juminhyo.fee_yen == 200


def test_maintenance_days_close_everything(
    registry: Registry, service: IssuanceService, login: Callable[[str], AuthSession]
) -> None:
    service.settings = msgspec.structs.replace(
        service.settings, maintenance_dates=[dt.date(2026, 11, 27)]
    )
    reasons = _reasons(login(full_resident(registry).id))
    assert set(reasons.values()) == {"maintenance"}
