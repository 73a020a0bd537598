"""The one way tests pick a demo person: someone the server serves, chosen by what they are."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from issuance_server.registry import Person, Registry

#: What a test wants of a person.
Wanted = Callable[[Person], bool]


def resident(person: Person) -> bool:
    """Lives in the city, with nothing that withholds the 住民票 (no move-out filed, no DV)."""
    residence = person.residence
    return residence is not None and not residence.move_out_filed and not residence.dv_protected


def non_resident(person: Person) -> bool:
    """Lives elsewhere with 本籍 in the city (needs a usage registration)."""
    return person.residence is None and person.koseki_id is not None


def plain(mayor: str) -> Wanted:
    """Not foreign, and not named like the demo mayor (whose name is on every certificate, so
    useless to a test that searches for the person's name afterwards)."""
    return lambda p: p.foreign is None and p.full_name != mayor


def demo_people(
    registry: Registry, at: dt.datetime, wanted: Wanted = lambda p: True, *, min_age: int = 15
) -> list[Person]:
    """The living demo persons of at least ``min_age`` whose card works at ``at`` (not revoked,
    not expired) and who are ``wanted``, in registry order."""
    usable = {c.person_id for c in registry.cards if not c.revoked and c.not_after > at}
    return [
        p
        for p in registry.persons
        if p.id in usable and p.deceased_on is None and p.age_on(at.date()) >= min_age and wanted(p)
    ]


def demo_person(
    registry: Registry,
    at: dt.datetime,
    wanted: Wanted = lambda p: True,
    *,
    min_age: int = 15,
    skip: int = 0,
) -> Person:
    """The first (or ``skip``-th) of ``demo_people``; LookupError when there is none."""
    people = demo_people(registry, at, wanted, min_age=min_age)
    if len(people) <= skip:
        raise LookupError("no suitable demo person")
    return people[skip]
