"""The fictitious demo registry: deterministic, large enough, with every kind of case."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import issuance_server.demo_data as demo_data
from issuance_server.demo_data import demo_cards, generate, individual_number
from issuance_server.registry import Registry


def test_same_seed_same_data_other_seed_other_data() -> None:
    a = generate.__wrapped__(7)
    assert a == generate.__wrapped__(7)
    assert a != generate.__wrapped__(8)


def test_it_says_plainly_that_it_is_fictitious() -> None:
    assert "架空" in demo_data.NOTICE
    assert "fictitious" in (demo_data.__doc__ or "").lower()


def test_at_least_200_residents_in_households(registry: Registry) -> None:
    residents = [p for p in registry.persons if p.residence]
    assert len(residents) >= 200
    household_ids = {h.id for h in registry.households}
    assert all(p.residence and p.residence.household_id in household_ids for p in residents)
    heads = {h.head_id for h in registry.households}
    assert heads <= {p.id for p in residents}


def test_every_kind_of_case_is_present(registry: Registry) -> None:
    events = {e.kind for k in registry.koseki for m in k.members for e in m.events}
    assert {"出生", "婚姻", "離婚", "養子縁組", "死亡"} <= events
    assert {e.kind for k in registry.koseki for e in k.events} >= {"戸籍編製", "戸籍改製"}
    assert any(p.foreign for p in registry.persons)
    assert any(s.abolished_on for s in registry.seals)
    assert any(s.abolished_on is None for s in registry.seals)
    non_resident_honseki = [
        p for p in registry.persons if p.residence is None and p.koseki_id and not p.deceased_on
    ]
    assert len(non_resident_honseki) >= 5
    assert all(not p.address.startswith("架空市") for p in non_resident_honseki)
    assert any(m.removed for k in registry.koseki for m in k.members)
    assert any(p.residence and p.residence.move_out_filed for p in registry.persons)
    assert any(p.residence and p.residence.dv_protected for p in registry.persons)
    assert any(c.revoked for c in registry.cards)
    assert any(c.not_after < dt.datetime(2026, 1, 1, tzinfo=dt.UTC) for c in registry.cards)


def test_one_card_per_person(registry: Registry) -> None:
    assert sorted(c.person_id for c in registry.cards) == sorted(p.id for p in registry.persons)
    assert len({c.serial for c in registry.cards}) == len(registry.cards)


def test_individual_numbers_carry_a_valid_check_digit(registry: Registry) -> None:
    for p in registry.persons:
        assert len(p.individual_number) == 12
        assert individual_number(p.individual_number[:11]) == p.individual_number
    # The published example: 12345678901 → check digit 8.
    assert individual_number("12345678901") == "123456789018"


def test_card_keys_are_made_lazily_and_cached(tmp_path: Path) -> None:
    cards = demo_cards(tmp_path)
    assert len(cards) >= 200
    assert not list((tmp_path / "pki").glob("cards/*"))
    first = cards[0].keys()
    assert len(list((tmp_path / "pki" / "cards").glob("card-*"))) == 2
    again = demo_cards(tmp_path)[0].keys()
    assert again.auth_certificate_der == first.auth_certificate_der
    assert cards[0].card.pin == demo_data.DEMO_PIN


def test_card_keys_once_read_are_kept_in_memory(tmp_path: Path) -> None:
    """Reading a PEM key checks it (~0.1 s of CPU): 50 kiosks signing at once re-read each key
    twice under one lock, and the misissuance test ran past its time limit on a loaded host."""
    card = demo_cards(tmp_path)[0]
    first = card.keys()
    for made in (tmp_path / "pki" / "cards").glob("card-*"):
        made.unlink()
    assert card.keys() is first
    assert not list((tmp_path / "pki" / "cards").glob("card-*"))  # neither read nor made again
