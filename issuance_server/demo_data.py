"""Fictitious demo data: the residents, koseki and seals of the invented city 架空市.

EVERYTHING HERE IS FICTITIOUS. The city, the addresses, the people, their numbers and their
cards are generated from a seed; any resemblance to real persons is coincidental. The output
is deterministic for a given seed, so tests and the demo always see the same people.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import rsa

from drivers.nfc.demo_ca import DemoJpkiCa
from drivers.nfc.virtual_card import VirtualMyNumberCard
from issuance_server.demo_pki import CardKeyCache, CardKeys, load_or_create_ca
from issuance_server.registry import (
    AddressEntry,
    CardRecord,
    ForeignResident,
    Household,
    Koseki,
    KosekiEvent,
    KosekiMember,
    Person,
    Registry,
    Residence,
    SealRegistration,
)
from issuance_server.rendering.seal_images import personal_seal_png

NOTICE = "架空のデモデータです（実在の人物・住所とは関係ありません）。 All demo data is fictitious."
DEFAULT_SEED = 20260401
DEFAULT_CARD_SERIAL_BASE = 0x100000
DEMO_PIN = "1234"
REFERENCE_DAY = dt.date(2026, 4, 1)  # the generator's "today": ages and dates are relative to it
KAISEI_DAY = dt.date(1998, 10, 10)
KAISEI_REASON = "平成6年法務省令第51号附則第2条第1項による改製"

_FAMILY = [
    ("見本", "ミホン"),
    ("試験", "シケン"),
    ("仮野", "カリノ"),
    ("例田", "レイダ"),
    ("架山", "カヤマ"),
    ("空川", "ソラカワ"),
    ("模擬", "モギ"),
    ("標本", "ヒョウホン"),
    ("想井", "オモイ"),
    ("案野", "アンノ"),
    ("夢原", "ユメハラ"),
    ("虚木", "ウツロギ"),
    ("絵空", "エソラ"),
    ("幻田", "マボロシダ"),
    ("名無", "ナナシ"),
    ("雛形", "ヒナガタ"),
]
#: Every 氏 the generator uses (Japanese families).
SURNAMES = tuple(family for family, _ in _FAMILY)
_MALE = [
    ("太郎", "タロウ"),
    ("一郎", "イチロウ"),
    ("健太", "ケンタ"),
    ("翔太", "ショウタ"),
    ("大輔", "ダイスケ"),
    ("拓也", "タクヤ"),
    ("誠", "マコト"),
    ("浩", "ヒロシ"),
    ("茂", "シゲル"),
    ("蓮", "レン"),
    ("悠真", "ユウマ"),
    ("陽翔", "ハルト"),
    ("湊", "ミナト"),
]
_FEMALE = [
    ("花子", "ハナコ"),
    ("陽子", "ヨウコ"),
    ("恵子", "ケイコ"),
    ("美咲", "ミサキ"),
    ("由美", "ユミ"),
    ("愛", "アイ"),
    ("さくら", "サクラ"),
    ("陽菜", "ヒナ"),
    ("結衣", "ユイ"),
    ("葵", "アオイ"),
    ("芽依", "メイ"),
    ("幸子", "サチコ"),
]
_FOREIGN = [
    (
        "アメリカ合衆国",
        "SAMPLE",
        "サンプル",
        ["JOHN", "MARY", "LUCY"],
        ["ジョン", "メアリー", "ルーシー"],
    ),
    (
        "ベトナム",
        "NGUYEN",
        "グエン",
        ["VAN AN", "THI MAI", "MINH"],
        ["ヴァン　アン", "ティ　マイ", "ミン"],
    ),
    (
        "ブラジル",
        "EXEMPLO",
        "エゼンプロ",
        ["ANA", "PEDRO", "LUCAS"],
        ["アナ", "ペドロ", "ルーカス"],
    ),
    ("フィリピン", "DUMMY", "ダミー", ["JOSE", "MARIA", "ANGEL"], ["ホセ", "マリア", "エンジェル"]),
    ("中国", "模", "モ", ["偉", "芳", "静"], ["ウェイ", "ファン", "ジン"]),
]
_TOWNS = ["本町", "中央", "緑町", "桜台", "港町", "旭が丘", "若葉", "東雲"]
_KANJI_DIGITS = "〇一二三四五六七八九"
#: Municipalities elsewhere (prefecture + municipality) and a town in each, for addresses.
_ELSEWHERE = [
    ("見本県見本市", "中央町"),
    ("模擬県模擬市", "東町"),
    ("試験県試験町", "本郷"),
    ("架空県空野市", "北町"),
]
_FIRST_ORDINALS = ["長", "二", "三", "四"]
_CONSENTER = "親権者父母"  # 代諾者 of a child adopted under 15


def individual_number(base11: str) -> str:
    """A 12-digit number with the 個人番号 check digit over 11 given digits."""
    digits = [int(c) for c in base11]
    total = 0
    for n in range(1, 12):
        p = digits[11 - n]
        q = n + 1 if n <= 6 else n - 5
        total += p * q
    remainder = total % 11
    check = 0 if remainder <= 1 else 11 - remainder
    return base11 + str(check)


def _kanji_number(n: int) -> str:
    return "".join(_KANJI_DIGITS[int(c)] for c in str(n))


@dataclass(frozen=True)
class DemoPlace:
    """The municipality a demo registry belongs to (fictitious): its residents' addresses and
    its koseki's 本籍 are in it; 出生地 and 死亡地 there are written with the prefecture."""

    prefecture: str = "架空県"
    municipality: str = "架空市"


@dataclass
class _Builder:
    rng: random.Random
    place: DemoPlace
    persons: list[Person] = field(default_factory=list)
    households: list[Household] = field(default_factory=list)
    seals: list[SealRegistration] = field(default_factory=list)
    koseki: list[Koseki] = field(default_factory=list)

    def day_between(self, start: dt.date, end: dt.date) -> dt.date:
        span = max((end - start).days, 1)
        return start + dt.timedelta(days=self.rng.randrange(span))

    def city_address(self) -> str:
        town = self.rng.choice(_TOWNS)
        chome = _kanji_number(self.rng.randint(1, 5))
        block = f"{self.rng.randint(1, 30)}番{self.rng.randint(1, 20)}号"
        return f"{self.place.municipality}{town}{chome}丁目{block}"

    def honseki_in_city(self) -> str:
        town = self.rng.choice(_TOWNS)
        chome = _kanji_number(self.rng.randint(1, 5))
        return f"{self.place.municipality}{town}{chome}丁目{self.rng.randint(1, 60)}番地"

    def elsewhere(self) -> tuple[str, str]:
        """An address outside the city and its municipality (with the prefecture)."""
        place, town = self.rng.choice(_ELSEWHERE)
        return f"{place}{town}{self.rng.randint(1, 40)}番地{self.rng.randint(1, 9)}", place

    def numbers(self) -> tuple[str, str]:
        base = f"{self.rng.randrange(10**10, 10**11):011d}"
        return individual_number(base), f"{self.rng.randrange(10**10, 10**11):011d}"

    def person(self, **kw: object) -> Person:
        number, code = self.numbers()
        person = Person.model_validate(
            {
                "id": f"P{len(self.persons) + 1:04d}",
                "individual_number": number,
                "resident_code": code,
                **kw,
            }
        )
        self.persons.append(person)
        return person

    def replace(self, person: Person, **changes: object) -> Person:
        updated = person.model_copy(update=changes)
        self.persons[self.persons.index(person)] = updated
        return updated

    def seal(self, person: Person, *, abolished: bool) -> None:
        registered = self.day_between(
            person.birth_date + dt.timedelta(days=365 * 18), REFERENCE_DAY
        )
        abolished_on = self.day_between(registered, REFERENCE_DAY) if abolished else None
        self.seals.append(
            SealRegistration(
                id=f"S{len(self.seals) + 1:04d}",
                person_id=person.id,
                registration_number=f"{self.rng.randrange(100000, 999999)}",
                registered_on=registered,
                abolished_on=abolished_on,
                image_png=personal_seal_png(person.family_name),
            )
        )


def _years(n: int) -> dt.timedelta:
    return dt.timedelta(days=round(365.25 * n))


@dataclass(frozen=True)
class _Couple:
    """A husband and wife under one 氏, as a koseki writes their full names."""

    family: str
    husband: str
    wife: str

    @property
    def husband_full(self) -> str:
        return f"{self.family}{self.husband}"

    @property
    def wife_full(self) -> str:
        return f"{self.family}{self.wife}"


@dataclass(frozen=True)
class _Parents(_Couple):
    """Someone's father (husband) and mother (wife), and the koseki they headed."""

    honseki: str

    @property
    def koseki(self) -> str:
        """The parents' koseki as a 【従前戸籍】: 本籍 and 筆頭者 (the father)."""
        return f"{self.honseki}　{self.husband_full}"


@dataclass(frozen=True)
class _Plan:
    """What one Japanese family is: names, dates and which special cases it has."""

    family: str
    family_kana: str
    husband: tuple[str, str]
    wife: tuple[str, str]
    wife_family: tuple[str, str]
    husband_parents: _Parents
    wife_parents: _Parents
    husband_born: dt.date
    wife_born: dt.date
    married: dt.date
    honseki_here: bool
    lives_here: bool
    husband_died: dt.date | None
    divorced_on: dt.date | None
    adopts: bool
    with_mother: bool
    household_id: str
    koseki_id: str | None

    @property
    def couple(self) -> _Couple:
        """The husband and wife under the family's 氏."""
        return _Couple(self.family, self.husband[0], self.wife[0])

    @property
    def wife_maiden(self) -> str:
        return f"{self.wife_family[0]}{self.wife[0]}"


@dataclass(frozen=True)
class _Home:
    """Where the family lived: a timeline of addresses and the koseki's 本籍."""

    timeline: tuple[tuple[dt.date, str], ...]  # (from, address), oldest first
    arrived: dt.date  # 転入 into the city (or the wedding, for a family elsewhere)
    previous: str  # 転入前住所
    previous_place: str  # the municipality of the previous address
    moved_on: dt.date | None  # a move within the city
    honseki: str
    koseki_since: dt.date  # when the koseki came to be in this city (編製 or 転籍)
    transferred: str | None  # 従前本籍 when the koseki came here by 転籍

    @property
    def address(self) -> str:
        return self.timeline[-1][1]

    def history(self, entered: dt.date, left: dt.date | None = None) -> list[AddressEntry]:
        """The 附票 lines of a person in the koseki from ``entered`` (until ``left``)."""
        ends = [start for start, _ in self.timeline[1:]] + [dt.date.max]
        return [
            AddressEntry(address=address, set_on=max(start, entered))
            for (start, address), end in zip(self.timeline, ends, strict=True)
            if end > entered and (left is None or start < left)
        ]

    def place_on(self, day: dt.date, lives_here: bool, here: DemoPlace) -> str:
        """The municipality (with its prefecture) the family lived in on ``day``."""
        if lives_here and day >= self.arrived:
            return f"{here.prefecture}{here.municipality}"
        return self.previous_place


def _birth_event(b: _Builder, born: dt.date, place: str, informant: str) -> KosekiEvent:
    notified = born + dt.timedelta(days=b.rng.randint(3, 13))
    return KosekiEvent(
        kind="出生",
        fields=[
            ("出生日", born.isoformat()),
            ("出生地", place),
            ("届出日", notified.isoformat()),
            ("届出人", informant),
        ],
    )


def _parents(b: _Builder, family: str) -> _Parents:
    """Parents whose koseki was elsewhere: the father heads it, the mother shares its 氏."""
    address, _ = b.elsewhere()
    return _Parents(family, b.rng.choice(_MALE)[0], b.rng.choice(_FEMALE)[0], address)


def _plan_family(b: _Builder, index: int) -> _Plan:
    """Draw the names, dates and special cases of family ``index``."""
    rng = b.rng
    family, family_kana = _FAMILY[index % len(_FAMILY)]
    wife_family = rng.choice([f for f in _FAMILY if f[0] != family])
    husband_born = b.day_between(dt.date(1940, 1, 1), dt.date(1996, 12, 31))
    wife_born = husband_born + dt.timedelta(days=rng.randint(-1500, 1500))
    married = min(husband_born + _years(rng.randint(24, 34)), REFERENCE_DAY - _years(1))
    first = index == 0  # the demo preselects the first card: a plain family living here
    away = index % 9 == 4  # every ninth family lives outside the city, its 本籍 here
    honseki_here = first or away or rng.random() < 0.75
    lives_here = not away and (first or rng.random() < 0.95 or not honseki_here)
    deceased = not first and husband_born.year < 1960 and rng.random() < 0.4
    divorced = not first and not deceased and rng.random() < 0.1
    adopts = not deceased and not divorced and rng.random() < 0.08
    with_mother = lives_here and not deceased and husband_born.year >= 1962 and rng.random() < 0.3
    return _Plan(
        family=family,
        family_kana=family_kana,
        husband=rng.choice(_MALE),
        wife=rng.choice(_FEMALE),
        wife_family=wife_family,
        husband_parents=_parents(b, family),
        wife_parents=_parents(b, wife_family[0]),
        husband_born=husband_born,
        wife_born=wife_born,
        married=married,
        honseki_here=honseki_here,
        lives_here=lives_here,
        husband_died=b.day_between(married, REFERENCE_DAY) if deceased else None,
        divorced_on=b.day_between(married + dt.timedelta(days=800), REFERENCE_DAY)
        if divorced
        else None,
        adopts=adopts,
        with_mother=with_mother,
        household_id=f"H{len(b.households) + 1:04d}",
        koseki_id=f"K{len(b.koseki) + 1:04d}" if honseki_here else None,
    )


def _plan_home(b: _Builder, plan: _Plan) -> _Home:
    """The family's addresses since the wedding and its 本籍 (here, moved here, or elsewhere)."""
    rng = b.rng
    previous, previous_place = b.elsewhere()
    if not plan.lives_here:
        address, place = b.elsewhere()
        timeline: tuple[tuple[dt.date, str], ...] = ((plan.married, address),)
        arrived, previous, previous_place = plan.married, "", place
        moved_on = None
    else:
        arrived = b.day_between(plan.married, REFERENCE_DAY - dt.timedelta(days=60))
        moved_on = (
            b.day_between(arrived + dt.timedelta(days=200), REFERENCE_DAY - dt.timedelta(days=30))
            if rng.random() < 0.3 and arrived + dt.timedelta(days=400) < REFERENCE_DAY
            else None
        )
        timeline = ((plan.married, previous), (arrived, b.city_address()))
        if moved_on:
            timeline += ((moved_on, b.city_address()),)
    transferred = None
    koseki_since = plan.married
    if plan.honseki_here:
        honseki = b.honseki_in_city()
        # A 転籍 carries only the living members: families without a death or divorce.
        if rng.random() < 0.15 and not plan.husband_died and not plan.divorced_on:
            transferred, _ = b.elsewhere()
            koseki_since = b.day_between(plan.married, REFERENCE_DAY)
    else:
        honseki, _ = b.elsewhere()
    return _Home(
        timeline, arrived, previous, previous_place, moved_on, honseki, koseki_since, transferred
    )


def _residence(
    b: _Builder,
    plan: _Plan,
    home: _Home,
    relationship: str,
    joined: dt.date,
    came_from: str = "",
) -> Residence | None:
    """A 住民票 for someone who joined the household on ``joined`` (a birth, the 転入, a move)."""
    if not plan.lives_here:
        return None
    since = max(joined, home.arrived)
    moved = home.moved_on if home.moved_on and home.moved_on > since else None
    if since == home.arrived:
        came_from = home.previous
    return Residence(
        household_id=plan.household_id,
        relationship=relationship,
        became_resident_on=since,
        address_set_on=moved,
        notified_on=(moved or since) + dt.timedelta(days=b.rng.randint(0, 10)),
        previous_address=came_from,
    )


def _common(plan: _Plan, home: _Home) -> dict[str, object]:
    """The fields every member of the family shares: koseki, 本籍 elsewhere, address."""
    return {
        "koseki_id": plan.koseki_id,
        "honseki_elsewhere": None if plan.honseki_here else home.honseki,
        "hittosha_elsewhere": None if plan.honseki_here else f"{plan.family}　{plan.husband[0]}",
        "address": home.address,
    }


def _history(
    plan: _Plan, home: _Home, entered: dt.date, left: dt.date | None = None
) -> list[AddressEntry]:
    """The 附票 history of a member who entered this koseki on ``entered`` (only kept here)."""
    if not plan.honseki_here:
        return []
    return home.history(max(entered, home.koseki_since), left)


def _marriage(plan: _Plan, spouse: str, parents: _Parents) -> KosekiEvent:
    return KosekiEvent(
        kind="婚姻",
        fields=[
            ("婚姻日", plan.married.isoformat()),
            ("配偶者氏名", spouse),
            ("従前戸籍", parents.koseki),
        ],
    )


@dataclass(frozen=True)
class _Spouse:
    """One of the couple as their koseki entry records them."""

    given: tuple[str, str]  # name, kana
    born: dt.date
    parents: _Parents
    informant: str  # who notified the birth
    relation: str  # 続柄 to the parents
    role: str  # 夫 or 妻
    partner: str  # the other's full name in the 婚姻 entry


def _spouse_events(b: _Builder, plan: _Plan, spouse: _Spouse) -> list[KosekiEvent]:
    """Birth (elsewhere) and marriage."""
    return [
        _birth_event(b, spouse.born, b.elsewhere()[1], spouse.informant),
        _marriage(plan, spouse.partner, spouse.parents),
    ]


def _divorce(day: dt.date, partner: str, new_honseki: str | None = None) -> KosekiEvent:
    fields = [("離婚日", day.isoformat()), ("配偶者氏名", partner)]
    return KosekiEvent(
        kind="離婚", fields=fields + ([("新本籍", new_honseki)] if new_honseki else [])
    )


def _spouse_member(
    person: Person, spouse: _Spouse, married: bool, removed: bool, events: list[KosekiEvent]
) -> KosekiMember:
    """The spouse's koseki entry (its role only while ``married``)."""
    name, kana = spouse.given
    return KosekiMember(
        person_id=person.id,
        given_name=name,
        given_kana=kana,
        birth_date=spouse.born,
        father=spouse.parents.husband_full,
        mother=spouse.parents.wife_full,
        relation=spouse.relation,
        spouse_role=spouse.role if married else None,
        removed=removed,
        events=events,
    )


def _add_husband(b: _Builder, plan: _Plan, home: _Home) -> tuple[Person, KosekiMember]:
    """The 筆頭者: born elsewhere, married, maybe divorced or dead."""
    name, kana = plan.husband
    died = plan.husband_died
    person = b.person(
        family_name=plan.family,
        given_name=name,
        family_kana=plan.family_kana,
        given_kana=kana,
        birth_date=plan.husband_born,
        sex="男",
        residence=None if died else _residence(b, plan, home, "世帯主", plan.married),
        deceased_on=died,
        address_history=_history(plan, home, plan.married, died),
        **_common(plan, home),
    )
    spouse = _Spouse(
        plan.husband, plan.husband_born, plan.husband_parents, "父", "長男", "夫", plan.wife_maiden
    )
    events = _spouse_events(b, plan, spouse)
    if plan.divorced_on:
        events.append(_divorce(plan.divorced_on, plan.wife_maiden))
    if died:
        events.append(
            KosekiEvent(
                kind="死亡",
                fields=[
                    ("死亡日", died.isoformat()),
                    ("死亡時分", f"午後{b.rng.randint(1, 11)}時{b.rng.randint(0, 59)}分"),
                    ("死亡地", home.place_on(died, plan.lives_here, b.place)),
                    ("届出日", (died + dt.timedelta(days=2)).isoformat()),
                    ("届出人", f"親族　{plan.couple.wife_full}"),
                ],
            )
        )
    return person, _spouse_member(person, spouse, not plan.divorced_on, died is not None, events)


def _add_wife(b: _Builder, plan: _Plan, home: _Home) -> tuple[Person, KosekiMember]:
    """The wife: in the husband's koseki, or out of it (復氏, a 新本籍) after a divorce."""
    name, kana = plan.wife
    divorced = plan.divorced_on
    wife_family, wife_family_kana = plan.wife_family
    new_honseki = b.elsewhere()[0] if divorced else None
    keeps_old_surname = not divorced and b.rng.random() < 0.4
    relationship = "世帯主" if plan.husband_died else "妻"
    common = _common(plan, home)
    if divorced:
        common = {
            "koseki_id": None,
            "honseki_elsewhere": new_honseki,
            "hittosha_elsewhere": f"{wife_family}　{name}",
            "address": b.elsewhere()[0],
        }
    person = b.person(
        family_name=wife_family if divorced else plan.family,
        given_name=name,
        family_kana=wife_family_kana if divorced else plan.family_kana,
        given_kana=kana,
        birth_date=plan.wife_born,
        sex="女",
        old_surname=wife_family if keeps_old_surname else None,
        old_surname_kana=wife_family_kana if keeps_old_surname else None,
        residence=None if divorced else _residence(b, plan, home, relationship, plan.married),
        address_history=_history(plan, home, plan.married, divorced),
        **common,
    )
    husband = plan.couple.husband_full
    spouse = _Spouse(plan.wife, plan.wife_born, plan.wife_parents, "母", "長女", "妻", husband)
    events = _spouse_events(b, plan, spouse)
    if divorced and new_honseki:
        events.append(_divorce(divorced, husband, new_honseki))
    return person, _spouse_member(person, spouse, not divorced, divorced is not None, events)


def _child_births(b: _Builder, plan: _Plan) -> list[tuple[bool, dt.date]]:
    """(male, birth date) of the couple's children, in birth order, while the mother is 18–44."""
    first = max(plan.married + dt.timedelta(days=300), plan.wife_born + _years(18))
    last = min(
        REFERENCE_DAY - dt.timedelta(days=30),
        plan.wife_born + _years(44),
        plan.divorced_on or dt.date.max,
        plan.husband_died or dt.date.max,
    )
    if last <= first:
        return []
    count = b.rng.choice([0, 1, 1, 2, 2, 3])
    births = [(b.rng.random() < 0.5, b.day_between(first, last)) for _ in range(count)]
    return sorted(births, key=lambda birth: birth[1])


def _add_children(b: _Builder, plan: _Plan, home: _Home) -> list[KosekiMember]:
    """The couple's children in birth order, 長男/二男… and 長女/二女… counted by sex."""
    members = []
    counts = {True: 0, False: 0}
    for male, born in _child_births(b, plan):
        name, kana = b.rng.choice(_MALE if male else _FEMALE)
        relation = f"{_FIRST_ORDINALS[min(counts[male], 3)]}{'男' if male else '女'}"
        counts[male] += 1
        person = b.person(
            family_name=plan.family,
            given_name=name,
            family_kana=plan.family_kana,
            given_kana=kana,
            birth_date=born,
            sex="男" if male else "女",
            residence=_residence(b, plan, home, "子", born),
            address_history=_history(plan, home, born),
            **_common(plan, home),
        )
        place = home.place_on(born, plan.lives_here, b.place)
        members.append(
            KosekiMember(
                person_id=person.id,
                given_name=name,
                given_kana=kana,
                birth_date=born,
                father=plan.couple.husband_full,
                mother=plan.couple.wife_full,
                relation=relation,
                events=[_birth_event(b, born, place, b.rng.choice(["父", "母"]))],
            )
        )
    return members


def _add_adoptee(b: _Builder, plan: _Plan, home: _Home) -> KosekiMember:
    """An adopted child: keeps its birth 父・母・続柄 and adds 養父・養母 and a second 続柄."""
    rng = b.rng
    male = rng.random() < 0.5
    name, kana = rng.choice(_MALE if male else _FEMALE)
    born = b.day_between(plan.married - dt.timedelta(days=3000), REFERENCE_DAY - _years(2))
    adopted_on = b.day_between(max(born, plan.married) + dt.timedelta(days=30), REFERENCE_DAY)
    birth_family = rng.choice(
        [f for f in _FAMILY if f[0] not in (plan.family, plan.wife_family[0])]
    )
    parents = _parents(b, birth_family[0])
    birth_place = b.elsewhere()[1]
    came_from = parents.honseki
    person = b.person(
        family_name=plan.family,
        given_name=name,
        family_kana=plan.family_kana,
        given_kana=kana,
        birth_date=born,
        sex="男" if male else "女",
        residence=_residence(b, plan, home, "子", adopted_on, came_from),
        address_history=_history(plan, home, adopted_on),
        **_common(plan, home),
    )
    fields = [
        ("縁組日", adopted_on.isoformat()),
        ("養父氏名", plan.couple.husband_full),
        ("養母氏名", plan.couple.wife_full),
    ]
    if adopted_on < born + _years(15):
        fields.append(("代諾者", _CONSENTER))
    fields.append(("従前戸籍", parents.koseki))
    return KosekiMember(
        person_id=person.id,
        given_name=name,
        given_kana=kana,
        birth_date=born,
        father=parents.husband_full,
        mother=parents.wife_full,
        relation=f"{rng.choice(_FIRST_ORDINALS[:2])}{'男' if male else '女'}",
        adoptive_father=plan.couple.husband_full,
        adoptive_mother=plan.couple.wife_full,
        adoptive_relation="養子" if male else "養女",
        events=[
            _birth_event(b, born, birth_place, "母"),
            KosekiEvent(kind="養子縁組", fields=fields),
        ],
    )


def _add_husbands_mother(b: _Builder, plan: _Plan, home: _Home) -> None:
    """The husband's widowed mother living with the family; her 本籍 is her late husband's."""
    parents = plan.husband_parents
    born = plan.husband_born - _years(b.rng.randint(22, 34))
    joined = b.day_between(home.arrived, REFERENCE_DAY - dt.timedelta(days=60))
    kana = dict(_FEMALE)[parents.wife]
    b.person(
        family_name=plan.family,
        given_name=parents.wife,
        family_kana=plan.family_kana,
        given_kana=kana,
        birth_date=born,
        sex="女",
        address=home.address,
        honseki_elsewhere=parents.honseki,
        hittosha_elsewhere=f"{parents.family}　{parents.husband}",
        residence=_residence(b, plan, home, "母", joined, parents.honseki),
    )


def _koseki_events(b: _Builder, plan: _Plan, home: _Home) -> list[KosekiEvent]:
    """戸籍事項: 転籍 into the city, or 改製 of an older koseki, or its 編製 at the wedding."""
    if home.transferred:
        return [
            KosekiEvent(
                kind="転籍",
                fields=[
                    ("転籍日", home.koseki_since.isoformat()),
                    ("従前本籍", home.transferred),
                ],
            )
        ]
    if plan.married < KAISEI_DAY:
        return [
            KosekiEvent(
                kind="戸籍改製",
                fields=[("改製日", KAISEI_DAY.isoformat()), ("改製事由", KAISEI_REASON)],
            )
        ]
    return [KosekiEvent(kind="戸籍編製", fields=[("編製日", plan.married.isoformat())])]


def _family(b: _Builder, index: int) -> None:
    """A Japanese family: a couple and children, sometimes a death, a divorce or an adoption."""
    plan = _plan_family(b, index)
    home = _plan_home(b, plan)
    husband, husband_member = _add_husband(b, plan, home)
    wife, wife_member = _add_wife(b, plan, home)
    members = [husband_member, wife_member, *_add_children(b, plan, home)]
    if plan.adopts:
        members.append(_add_adoptee(b, plan, home))
    if plan.with_mother:
        _add_husbands_mother(b, plan, home)
    if plan.lives_here:
        head = wife if plan.husband_died else husband
        b.households.append(Household(id=plan.household_id, address=home.address, head_id=head.id))
    if plan.koseki_id:
        b.koseki.append(
            Koseki(
                id=plan.koseki_id,
                honseki=home.honseki,
                family_name=plan.family,
                family_kana=plan.family_kana,
                hittosha_given_name=plan.husband[0],
                events=_koseki_events(b, plan, home),
                members=members,
            )
        )
    for p in [husband, wife]:
        if (
            p.residence
            and p.deceased_on is None
            and ((p is husband and index == 0) or b.rng.random() < 0.7)
        ):
            b.seal(p, abolished=index > 0 and b.rng.random() < 0.15)


#: 在留資格 of the head of a foreign household → that of the spouse and of the children.
_FAMILY_STATUS = {
    "永住者": ("永住者の配偶者等", "永住者の配偶者等"),
    "技術・人文知識・国際業務": ("家族滞在", "家族滞在"),
    "定住者": ("定住者", "定住者"),
}


def _foreign_status(b: _Builder, status: str) -> ForeignResident:
    """The 在留 items of one status; a 永住者 has neither 在留期間 nor its 満了の日."""
    permanent = status == "永住者"
    return ForeignResident(
        nationality="",
        became_foreign_resident_on=REFERENCE_DAY,
        category="中長期在留者",
        status=status,
        period=None if permanent else f"{b.rng.choice([1, 3, 5])}年",
        period_ends_on=None
        if permanent
        else REFERENCE_DAY + dt.timedelta(days=b.rng.randint(100, 1500)),
        card_number=f"AB{b.rng.randrange(10**8):08d}CD",
    )


def _foreign_family(b: _Builder, index: int) -> None:
    """A foreign-resident household (no koseki): a head, maybe a spouse and a child born here."""
    rng = b.rng
    nationality, family, family_kana, given, given_kana = _FOREIGN[index % len(_FOREIGN)]
    household_id = f"H{len(b.households) + 1:04d}"
    address = b.city_address()
    arrived = b.day_between(dt.date(2012, 7, 9), REFERENCE_DAY - dt.timedelta(days=400))
    head_status = rng.choice(list(_FAMILY_STATUS))
    head_id = ""
    for k in range(rng.randint(1, 3)):
        if k < 2:
            born = b.day_between(dt.date(1965, 1, 1), dt.date(2002, 1, 1))
        else:
            born = b.day_between(arrived + dt.timedelta(days=30), REFERENCE_DAY - _years(1))
        since = max(arrived, born)
        status = head_status if k == 0 else _FAMILY_STATUS[head_status][k - 1]
        foreign = _foreign_status(b, status).model_copy(
            update={"nationality": nationality, "became_foreign_resident_on": since}
        )
        person = b.person(
            family_name=family,
            given_name=given[k],
            family_kana=family_kana,
            given_kana=given_kana[k],
            birth_date=born,
            sex="男" if k == 0 else "女",
            alias=f"{_FAMILY[index % len(_FAMILY)][0]}{_FEMALE[k][0]}"
            if rng.random() < 0.2
            else None,
            address=address,
            residence=Residence(
                household_id=household_id,
                relationship=["世帯主", "妻", "子"][k],
                became_resident_on=since,
                notified_on=since + dt.timedelta(days=3),
                previous_address="国外" if since == arrived else "",
            ),
            foreign=foreign,
        )
        head_id = head_id or person.id
        if k == 0 and rng.random() < 0.6:
            b.seal(person, abolished=False)
    b.households.append(Household(id=household_id, address=address, head_id=head_id))


def _single(b: _Builder, index: int) -> None:
    """A one-person household whose 本籍 is elsewhere."""
    rng = b.rng
    family, family_kana = _FAMILY[(index * 7) % len(_FAMILY)]
    male = rng.random() < 0.5
    name, kana = rng.choice(_MALE if male else _FEMALE)
    born = b.day_between(dt.date(1950, 1, 1), dt.date(2006, 1, 1))
    household_id = f"H{len(b.households) + 1:04d}"
    address = b.city_address()
    since = b.day_between(born + _years(18), REFERENCE_DAY)
    person = b.person(
        family_name=family,
        given_name=name,
        family_kana=family_kana,
        given_kana=kana,
        birth_date=born,
        sex="男" if male else "女",
        address=address,
        honseki_elsewhere=b.elsewhere()[0],
        hittosha_elsewhere=f"{family}　{rng.choice(_MALE)[0]}",
        residence=Residence(
            household_id=household_id,
            relationship="世帯主",
            became_resident_on=since,
            notified_on=since,
            previous_address=b.elsewhere()[0],
        ),
    )
    b.households.append(Household(id=household_id, address=address, head_id=person.id))
    if rng.random() < 0.6:
        b.seal(person, abolished=rng.random() < 0.2)


def _flag_special_cases(b: _Builder) -> None:
    """A few residents with a move-out filed or under DV protection."""
    adults = [
        p
        for p in b.persons
        if p.residence and p.deceased_on is None and p.age_on(REFERENCE_DAY) >= 20
    ]
    for p in adults[5::37]:
        b.replace(
            p,
            residence=p.residence.model_copy(update={"move_out_filed": True})
            if p.residence
            else None,
        )
    adults = [
        p
        for p in b.persons
        if p.residence and not p.residence.move_out_filed and p.age_on(REFERENCE_DAY) >= 20
    ]
    for p in adults[11::53]:
        b.replace(
            p,
            residence=p.residence.model_copy(update={"dv_protected": True})
            if p.residence
            else None,
        )


def _cards(b: _Builder, serial_base: int) -> list[CardRecord]:
    """One card per person (children and the dead too: the server refuses them).

    A few cards are revoked or expired.
    """
    cards = []
    for i, p in enumerate(b.persons):
        issued = dt.datetime(2021, 4, 1, tzinfo=dt.UTC) + dt.timedelta(days=b.rng.randrange(1500))
        expires = issued + dt.timedelta(days=365 * 5)
        if i % 41 == 17:
            issued = dt.datetime(2019, 4, 1, tzinfo=dt.UTC)
            expires = dt.datetime(2024, 4, 1, tzinfo=dt.UTC)
        cards.append(
            CardRecord(
                serial=serial_base + int(p.id[1:]),
                person_id=p.id,
                not_before=issued,
                not_after=expires,
                security_code=f"{b.rng.randrange(10000):04d}",
                revoked=i % 43 == 29,
            )
        )
    return cards


@functools.lru_cache(maxsize=8)
def generate(
    seed: int = DEFAULT_SEED,
    families: int = 70,
    card_serial_base: int = DEFAULT_CARD_SERIAL_BASE,
    place: DemoPlace = DemoPlace(),
) -> Registry:
    """The whole fictitious registry for ``seed`` (same seed, same data) of the municipality
    ``place`` (the same people wherever it is; only the place names differ).

    Card serials start at ``card_serial_base``: demo municipalities sharing the one demo JPKI CA
    (as every real card shares J-LIS's) need distinct ranges.
    """
    b = _Builder(random.Random(seed), place)
    for i in range(families):
        _family(b, i)
        if i % 4 == 0:
            _foreign_family(b, i // 4)
        if i % 3 == 0:
            _single(b, i)
    _flag_special_cases(b)
    return Registry(
        persons=b.persons,
        households=b.households,
        seals=b.seals,
        koseki=b.koseki,
        cards=_cards(b, card_serial_base),
    )


@dataclass(frozen=True)
class CardParameters:
    """What ``drivers.nfc.virtual_card.VirtualMyNumberCard`` needs."""

    auth_key: rsa.RSAPrivateKey
    auth_certificate_der: bytes
    pin: str
    ca_certificate_der: bytes


class DemoCard:
    """One fictitious person's virtual My Number Card; keys are made on first use."""

    def __init__(
        self, person_label: str, record: CardRecord, ca: DemoJpkiCa, cache: CardKeyCache
    ) -> None:
        self.person_label = person_label
        self.person_id = record.person_id
        self.serial = record.serial
        self.pin = DEMO_PIN
        self.security_code = record.security_code
        self.expires_on = record.not_after.date()
        self._record = record
        self._ca = ca
        self._cache = cache

    def keys(self) -> CardKeys:
        """The card's key and 利用者証明用 certificate (made and cached on first call)."""
        return self._cache.keys(self.serial, self._record.not_before, self._record.not_after)

    @property
    def card(self) -> CardParameters:
        """The parameters of the virtual card."""
        keys = self.keys()
        return CardParameters(
            keys.auth_key, keys.auth_certificate_der, self.pin, self._ca.certificate_der
        )

    def make_card(self) -> VirtualMyNumberCard:
        """A virtual My Number Card for this person."""
        keys = self.keys()
        return VirtualMyNumberCard(
            auth_key=keys.auth_key,
            auth_certificate_der=keys.auth_certificate_der,
            pin=self.pin,
            ca_certificate_der=self._ca.certificate_der,
        )


def demo_ca(data_dir: Path) -> DemoJpkiCa:
    """The demo JPKI CA of a data directory."""
    return load_or_create_ca(data_dir / "pki")


def demo_cards(
    data_dir: Path, seed: int = DEFAULT_SEED, card_serial_base: int = DEFAULT_CARD_SERIAL_BASE
) -> list[DemoCard]:
    """A virtual card per fictitious card holder, for the simulator panel and tests."""
    registry = generate(seed, card_serial_base=card_serial_base)
    ca = demo_ca(data_dir)
    cache = CardKeyCache(data_dir / "pki" / "cards", ca)
    by_id = {p.id: p for p in registry.persons}
    cards = []
    for record in registry.cards:
        p = by_id[record.person_id]
        label = f"{p.full_name}（{p.age_on(dt.date.today())}歳）"
        cards.append(DemoCard(label, record, ca, cache))
    return cards
