"""Demo residents whose 本籍 is in another demo municipality (ALL FICTITIOUS).

For each demo municipality with 本籍地 service, three of its people whose 本籍 is there but who
live elsewhere are made residents of the next demo municipality: the same card (serial, key,
expiry, security code) is in both registries, the card directory gives the one they live in,
and at their 本籍地 the first holds an approved usage registration, the second a pending one,
the third none. So every routing case can be tried at a store kiosk.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from issuance_contract.messages import RegistrationForm, RegistrationState
from issuance_server.demo_data import REFERENCE_DAY
from issuance_server.demo_municipalities import DEMO_MUNICIPALITIES, DemoMunicipality
from issuance_server.registry import CardRecord, Household, Person, Registry, Residence
from issuance_server.storage import Store

MOVERS_PER_MUNICIPALITY = 3
#: What the 本籍地 holds for the 1st, 2nd and 3rd mover.
REGISTRATION_STATES = (RegistrationState.APPROVED, RegistrationState.PENDING, None)


@dataclass(frozen=True)
class Mover:
    """A person of ``honseki`` (本籍 there) who lives in ``residence``."""

    person: Person  # as the 本籍地's registry has them (not resident there)
    card: CardRecord
    honseki: DemoMunicipality
    residence: DemoMunicipality
    registration: RegistrationState | None


@functools.cache
def movers() -> tuple[Mover, ...]:
    """Every mover, by 本籍地 then order."""
    found = []
    for n, honseki in enumerate(DEMO_MUNICIPALITIES):
        if not honseki.honseki:
            continue
        residence = DEMO_MUNICIPALITIES[(n + 1) % len(DEMO_MUNICIPALITIES)]
        registry = honseki.registry()
        cards = {c.person_id: c for c in registry.cards}
        candidates = [
            p
            for p in registry.persons
            if p.residence is None
            and p.koseki_id is not None
            and p.deceased_on is None
            and p.foreign is None
            and p.age_on(REFERENCE_DAY) >= 20
            and not cards[p.id].revoked
            and cards[p.id].not_after.date() > REFERENCE_DAY + dt.timedelta(days=365)
        ]
        for person, state in zip(candidates, REGISTRATION_STATES, strict=False):
            found.append(Mover(person, cards[person.id], honseki, residence, state))
    return tuple(found)


def registry_with_movers(d: DemoMunicipality) -> Registry:
    """``d``'s registry with the movers who live in ``d`` added as residents."""
    registry = d.registry()
    persons, households, cards = list(registry.persons), list(registry.households), []
    for n, mover in enumerate(m for m in movers() if m.residence.code == d.code):
        source = mover.person
        person_id = f"M{mover.honseki.code}{source.id}"
        household_id = f"HM{mover.honseki.code}{n}"
        address = f"{d.name}本町一丁目{n + 1}番{n + 1}号"
        honseki_koseki = next(
            k for k in mover.honseki.registry().koseki if k.id == source.koseki_id
        )
        persons.append(
            source.model_copy(
                update={
                    "id": person_id,
                    "address": address,
                    "residence": Residence(
                        household_id=household_id,
                        relationship="世帯主",
                        became_resident_on=dt.date(2024, 4, 1),
                        address_set_on=dt.date(2024, 4, 1),
                        notified_on=dt.date(2024, 4, 5),
                        previous_address=source.address,
                    ),
                    "koseki_id": None,
                    "honseki_elsewhere": honseki_koseki.honseki,
                    "hittosha_elsewhere": honseki_koseki.hittosha_name,
                    "address_history": [],
                }
            )
        )
        households.append(Household(id=household_id, address=address, head_id=person_id))
        cards.append(mover.card.model_copy(update={"person_id": person_id}))
    return registry.model_copy(
        update={"persons": persons, "households": households, "cards": [*registry.cards, *cards]}
    )


def seed_registrations(store: Store, d: DemoMunicipality, now: dt.datetime) -> None:
    """At 本籍地 ``d``: the movers' approved and pending usage registrations (once)."""
    if store.registrations():
        return
    for mover in movers():
        if mover.honseki.code != d.code or mover.registration is None:
            continue
        p = mover.person
        form = RegistrationForm(
            honseki=f"{d.name}（デモ）",
            hittosha=p.family_name,
            hittosha_kana=p.family_kana,
            phone="090-0000-0000",
            birth_date=p.birth_date,
            card_expiry=mover.card.not_after.date(),
            card_security_code=mover.card.security_code,
        )
        number = store.add_registration(p.id, mover.card.serial, p.koseki_id, form, now)
        if mover.registration is RegistrationState.APPROVED:
            store.decide_registration(number, RegistrationState.APPROVED, None, now)
