"""Who may have which certificate, now: every refusal carries a reason code."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from issuance_contract.certificates import CertificateType
from issuance_contract.messages import Offer
from issuance_contract.service_calendar import ServiceCalendar
from issuance_server.registry import Household, Koseki, Person, SealRegistration
from issuance_server.settings import ServerSettings
from issuance_server.storage import Store

MINIMUM_AGE = 15
_KOSEKI_TYPES = (CertificateType.KOSEKI_ZENBU, CertificateType.KOSEKI_KOJIN, CertificateType.FUHYO)


@dataclass(frozen=True)
class Applicant:
    """The authenticated person with the records their certificates are made from."""

    person: Person
    household: Household | None = None
    household_members: list[Person] = field(default_factory=list)
    koseki: Koseki | None = None
    koseki_persons: dict[str, Person] = field(default_factory=dict)
    household_koseki: dict[str, Koseki] = field(default_factory=dict)  # by id, for 本籍・筆頭者
    seal: SealRegistration | None = None
    registered: bool = False  # an approved usage registration for the koseki


def load_applicant(store: Store, person_id: str) -> Applicant | None:
    """Read the person and their records afresh (eligibility is checked at issue time)."""
    person = store.person(person_id)
    if person is None:
        return None
    household = members = None
    if person.residence:
        household = store.household(person.residence.household_id)
        members = store.household_members(person.residence.household_id)
    koseki = store.koseki(person.koseki_id) if person.koseki_id else None
    koseki_persons: dict[str, Person] = {}
    if koseki:
        for m in koseki.members:
            p = store.person(m.person_id)
            if p:
                koseki_persons[p.id] = p
    household_koseki: dict[str, Koseki] = {}
    for member in members or []:
        if member.koseki_id and member.koseki_id not in household_koseki:
            found = store.koseki(member.koseki_id)
            if found:
                household_koseki[found.id] = found
    return Applicant(
        person=person,
        household=household,
        household_members=members or [],
        koseki=koseki,
        koseki_persons=koseki_persons,
        household_koseki=household_koseki,
        seal=store.seal_of(person.id),
        registered=bool(koseki and store.approved_registration(person.id, koseki.id)),
    )


def person_refusal(person: Person, today: dt.date) -> str | None:
    """A reason that bars the person from the whole service, or None."""
    if person.deceased_on is not None:
        return "deceased"
    if person.age_on(today) < MINIMUM_AGE:
        return "under_15"
    if person.residence and person.residence.dv_protected:
        return "dv_protected"
    return None


def service_refusal(
    certificate_type: CertificateType, settings: ServerSettings, now: dt.datetime
) -> str | None:
    """A reason code why the certificate type is not served right now, or None.

    The kiosk's own service calendar decides, so that kiosk and server never disagree.
    """
    calendar = ServiceCalendar(
        settings.certificates, settings.closed_days, settings.maintenance_dates
    )
    reason = calendar.reason_closed(certificate_type, now)
    return None if reason is None else reason.value


def applicant_refusal(certificate_type: CertificateType, applicant: Applicant) -> str | None:
    """A reason this person cannot have this certificate, or None."""
    person = applicant.person
    if certificate_type in (CertificateType.JUMINHYO, CertificateType.INKAN):
        if person.residence is None:
            return "not_resident"
        if person.residence.move_out_filed:
            return "moved_out"
    if certificate_type is CertificateType.INKAN:
        if applicant.seal is None:
            return "no_seal"
        if applicant.seal.abolished_on is not None:
            return "seal_abolished"
    if certificate_type in _KOSEKI_TYPES:
        if applicant.koseki is None:
            return "honseki_elsewhere"
        if person.residence is None and not applicant.registered:
            return "honseki_elsewhere_unregistered"
    return None


def refusal(
    certificate_type: CertificateType,
    applicant: Applicant,
    settings: ServerSettings,
    now: dt.datetime,
) -> str | None:
    """The first reason that stops this issuance now, or None if it may go ahead."""
    return (
        person_refusal(applicant.person, now.date())
        or service_refusal(certificate_type, settings, now)
        or applicant_refusal(certificate_type, applicant)
    )


def _member_choices(persons: list[Person]) -> list[dict[str, str]]:
    return [{"id": p.id, "name": p.full_name} for p in persons]


def offer_options(
    certificate_type: CertificateType, applicant: Applicant, settings: ServerSettings
) -> dict[str, Any]:
    """What the kiosk may let the person choose for this certificate type."""
    if certificate_type is CertificateType.JUMINHYO:
        living = [p for p in applicant.household_members if p.deceased_on is None]
        return {
            "members": _member_choices(living),
            "individual_number_allowed": settings.municipality.allow_individual_number,
        }
    if certificate_type in (CertificateType.KOSEKI_KOJIN, CertificateType.FUHYO):
        members = [
            applicant.koseki_persons[m.person_id]
            for m in (applicant.koseki.members if applicant.koseki else [])
            if m.person_id in applicant.koseki_persons
        ]
        return {"members": _member_choices(members)}
    return {}


def offers(applicant: Applicant, settings: ServerSettings, now: dt.datetime) -> list[Offer]:
    """Every certificate type with its fee, availability and reason, and its choices."""
    result = []
    for certificate_type in CertificateType:
        reason = refusal(certificate_type, applicant, settings, now)
        result.append(
            Offer(
                certificate_type=certificate_type,
                fee_yen=settings.certificates[certificate_type].fee_yen,
                available=reason is None,
                reason_code=reason,
                options={} if reason else offer_options(certificate_type, applicant, settings),
            )
        )
    return result
