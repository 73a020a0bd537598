"""Each demo municipality's registry is its own: addresses and 本籍 there, its name on the
certificates (read back from the PDFs with poppler)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from issuance_contract.certificates import CertificateType
from issuance_server.demo_data import DemoPlace, generate
from issuance_server.demo_movers import registry_with_movers
from issuance_server.demo_municipalities import DEMO_MUNICIPALITIES, DemoMunicipality
from issuance_server.options import JuminhyoOptions, KosekiZenbuOptions
from issuance_server.service import open_service
from tests.issuance_server.test_certificate_standards import read_back
from tests.support import people

NAMES = [d.name for d in DEMO_MUNICIPALITIES]


@pytest.mark.parametrize("d", DEMO_MUNICIPALITIES, ids=NAMES)
def test_residents_live_and_koseki_are_kept_in_their_own_municipality(d: DemoMunicipality) -> None:
    registry = registry_with_movers(d)
    others = [name for name in NAMES if name != d.name]
    residents = [p for p in registry.persons if p.residence is not None]
    assert residents
    for person in residents:
        assert person.address.startswith(d.name), person.address
    for household in registry.households:
        assert household.address.startswith(d.name), household.address
    for koseki in registry.koseki:
        assert koseki.honseki.startswith(d.name), koseki.honseki
    born_here = f"{d.prefecture}{d.name}"
    places = [
        value
        for k in registry.koseki
        for m in k.members
        for e in m.events
        for tag, value in e.fields
        if tag in ("出生地", "死亡地")
    ]
    assert born_here in places
    assert not any(other in place for place in places for other in others)


def test_the_same_people_wherever_the_registry_is() -> None:
    """Only the place names differ: persons, cards and dates are the seed's."""
    here = generate()
    there = generate(place=DemoPlace("模擬県", "見本町"))
    assert [p.id for p in here.persons] == [p.id for p in there.persons]
    assert [c.serial for c in here.cards] == [c.serial for c in there.cards]
    assert [p.full_name for p in here.persons] == [p.full_name for p in there.persons]
    assert here.persons != there.persons  # the addresses moved


@pytest.mark.parametrize("d", DEMO_MUNICIPALITIES[1:], ids=NAMES[1:])
def test_a_municipality_s_certificates_name_it_and_its_addresses(
    d: DemoMunicipality, tmp_path: Path
) -> None:
    """The demo server of 見本町 or 試験村 (not 架空市) loads its own registry."""
    settings = d.settings(tmp_path)
    service = open_service(settings)
    try:
        registry = d.registry()
        now = dt.datetime.now(dt.UTC)
        resident = people.demo_person(registry, now, people.resident, min_age=20)
        _, juminhyo = read_back(
            service,
            CertificateType.JUMINHYO,
            JuminhyoOptions(scope="selected", members=[resident.id]),
            resident.id,
            settings.municipality,
        )
        holder = next(k.members[0].person_id for k in registry.koseki)
        _, koseki = read_back(
            service,
            CertificateType.KOSEKI_ZENBU,
            KosekiZenbuOptions(),
            holder,
            settings.municipality,
        )
    finally:
        service.store.close()
    for text in (juminhyo, koseki):
        assert f"{d.name}長" in text
        assert "架空市" not in text
    assert re.search(rf"住所\s+{d.name}", juminhyo)
    assert re.search(rf"本籍\s+{d.name}", koseki)
