"""The demo's fictitious card holders as the panel shows them: hint, card face, 本籍 and 筆頭者."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Protocol

from issuance_server.demo_municipalities import DemoMunicipality
from kiosk_app.config import Config


@dataclass(frozen=True)
class CardFace:
    """What the person reads from their card and knows by heart, as the kiosk asks for it.

    Dates are ``YYYYMMDD`` as typed on the kiosk; the 本籍 is split as the kiosk asks it
    (町名 from a list, 番地 on a keypad of digits and ``-``).
    """

    name: str
    birth_date: str
    expiry: str
    security_code: str
    honseki_town: str = ""
    honseki_banchi: str = ""
    hittosha: str = ""
    hittosha_reading: str = ""


class DemoPerson(Protocol):
    """A fictitious card holder (``HintedPerson`` is one)."""

    @property
    def person_label(self) -> str:
        """The fictitious name shown on the panel (never on the kiosk)."""

    @property
    def pin(self) -> str:
        """The card's PIN, shown so that the demo can type it."""

    @property
    def face(self) -> CardFace | None:
        """The card's face and the person's 本籍, if known."""

    def make_card(self) -> object:
        """A new ``VirtualMyNumberCard`` for this person."""


class DemoCardLike(Protocol):
    """What ``issuance_server.demo_data.DemoCard`` offers the panel."""

    person_label: str
    pin: str

    def make_card(self) -> object:
        """A new virtual card."""


@dataclass(frozen=True)
class HintedPerson:
    """A demo card holder, labelled with what the server will make of them."""

    card: DemoCardLike
    hint: str
    face: CardFace | None = None

    @property
    def person_label(self) -> str:
        """The name, age and hint."""
        return f"{self.card.person_label} — {self.hint}"

    @property
    def pin(self) -> str:
        """The card's PIN."""
        return self.card.pin

    def make_card(self) -> object:
        """A new virtual card for this person."""
        return self.card.make_card()


def demo_people(config: Config, today: dt.date | None = None) -> list[HintedPerson]:
    """The embedded server's fictitious card holders, each with a hint for the demo
    (resident, lives elsewhere with 本籍 here, under 15, moved out, deceased, revoked …) and
    the face of their card.

    The store-kiosk demo lists the holders of all three demo municipalities, each hint saying
    where the card's 住所地 and 本籍地 routes lead."""
    from issuance_server.demo_municipalities import DEMO_MUNICIPALITIES

    day = today or dt.date.today()
    if not config.center.relay:
        return _hinted(config, day)
    return [person for m in DEMO_MUNICIPALITIES for person in _hinted(config, day, m)]


_REGISTRATION_HINTS = {"approved": "済み", "pending": "審査中", None: "なし"}


def _where(municipality: DemoMunicipality, resident: bool, serial: int) -> str:
    """Where a store kiosk's routes take this card holder (the hint's tail)."""
    from issuance_server.demo_movers import movers

    mover = next((m for m in movers() if m.card.serial == serial), None)
    if mover is not None:
        state = _REGISTRATION_HINTS[mover.registration.value if mover.registration else None]
        return f"住所地→{mover.residence.name} / 本籍地→{mover.honseki.name}（利用登録{state}）"
    name = municipality.name
    honseki = f"本籍地→{name}" if municipality.honseki else f"{name}は本籍地交付なし"
    if resident:
        return f"住所地→{name} / {honseki}"
    return f"住所地は参加外 / {honseki}"


def _hinted(
    config: Config, day: dt.date, municipality: DemoMunicipality | None = None
) -> list[HintedPerson]:
    from issuance_server.demo_data import demo_cards, generate
    from issuance_server.honseki import hittosha_reading, kiosk_honseki
    from kiosk_app.center.opening import embedded_server_settings

    pki = embedded_server_settings(config).data_dir
    if municipality is None:
        registry, cards = generate(), demo_cards(pki)
    else:
        registry = municipality.registry()
        cards = demo_cards(pki, municipality.seed, municipality.card_serial_base)
    persons = {person.id: person for person in registry.persons}
    records = {record.serial: record for record in registry.cards}
    koseki = {entry.id: entry for entry in registry.koseki}
    people = []
    for card in cards:
        person, record = persons[card.person_id], records[card.serial]
        residence = person.residence
        hints = (
            (record.revoked, "証明書失効 / certificate revoked"),
            (record.not_after.date() <= day, "証明書期限切れ / certificate expired"),
            (person.deceased_on is not None, "死亡 / deceased"),
            (person.age_on(day) < 15, "15歳未満 / under 15"),
            (residence is None, "市外在住・本籍は市内 / lives elsewhere, 本籍 here"),
            (residence is not None and residence.move_out_filed, "転出届 / moved out"),
            (residence is not None and residence.dv_protected, "支援措置 / DV protection"),
            (person.koseki_id is None, "住民・本籍は市外 / resident, 本籍 elsewhere"),
        )
        hint = next((text for applies, text in hints if applies), "住民 / resident")
        if municipality is not None:
            hint = f"{hint} — {_where(municipality, residence is not None, card.serial)}"
        face = CardFace(
            name=person.full_name,
            birth_date=f"{person.birth_date:%Y%m%d}",
            expiry=f"{record.not_after.date():%Y%m%d}",
            security_code=record.security_code,
        )
        home = koseki.get(person.koseki_id) if person.koseki_id else None
        if home is not None:
            city = municipality.name if municipality is not None else config.municipality.name
            town, banchi = kiosk_honseki(home.honseki, city)
            face = replace(
                face,
                honseki_town=town,
                honseki_banchi=banchi,
                hittosha=home.hittosha_name,
                hittosha_reading=hittosha_reading(home),
            )
        elif person.honseki_elsewhere:
            face = replace(
                face,
                honseki_town=person.honseki_elsewhere,
                hittosha=person.hittosha_elsewhere or "",
            )
        people.append(HintedPerson(card, hint, face))
    return people
