"""A demo person the kiosk's server serves, with their virtual card (chosen by
tests/support/people.py); Qt-free, for the GUI tests and scripts/screenshots.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from issuance_server.demo_data import DemoCard, demo_cards, generate
from issuance_server.registry import Person
from kiosk_app.config import Config
from tests.support import people


@dataclass
class CardHolder:
    """A fictitious person with their virtual card."""

    person: Person
    card: DemoCard


def card_holder(config: Config, wanted: people.Wanted) -> CardHolder:
    """The first adult of the kiosk's demo city who is ``wanted`` (and plain: not foreign, not
    named like the mayor), with their card."""
    cards = {c.person_id: c for c in demo_cards(config.kiosk.data_dir.expanduser() / "center")}
    plain = people.plain(config.municipality.mayor)
    now = dt.datetime.now(dt.UTC)
    person = people.demo_person(generate(), now, lambda p: wanted(p) and plain(p), min_age=20)
    return CardHolder(person, cards[person.id])


def find_person(config: Config, resident: bool) -> CardHolder:
    """An adult the server serves, with their card: a resident, or a non-resident with 本籍 in
    the city."""
    return card_holder(config, people.resident if resident else people.non_resident)
