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
CITY = "架空市"
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
_ELSEWHERE = ["見本県見本市中央町", "模擬県模擬市東町", "試験県試験町本郷", "架空県空野市北町"]
_FIRST_ORDINALS = ["長", "二", "三", "四"]


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


@dataclass
class _Builder:
    rng: random.Random
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
        return f"{CITY}{town}{chome}丁目{self.rng.randint(1, 30)}番{self.rng.randint(1, 20)}号"

    def honseki_in_city(self) -> str:
        town = self.rng.choice(_TOWNS)
        chome = _kanji_number(self.rng.randint(1, 5))
        return f"{CITY}{town}{chome}丁目{self.rng.randint(1, 60)}番地"

    def elsewhere(self) -> str:
        return f"{self.rng.choice(_ELSEWHERE)}{self.rng.randint(1, 40)}番地{self.rng.randint(1, 9)}"

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


def _family(b: _Builder, index: int) -> None:
    """A Japanese family: a couple and children, sometimes a death, a divorce or an adoption."""
    rng = b.rng
    family, family_kana = _FAMILY[index % len(_FAMILY)]
    husband_name, husband_kana = rng.choice(_MALE)
    wife_name, wife_kana = rng.choice(_FEMALE)
    wife_family, wife_family_kana = rng.choice([f for f in _FAMILY if f[0] != family])
    husband_born = b.day_between(dt.date(1940, 1, 1), dt.date(1996, 12, 31))
    wife_born = husband_born + dt.timedelta(days=rng.randint(-1500, 1500))
    married = husband_born + dt.timedelta(days=365 * rng.randint(24, 34))
    married = min(married, REFERENCE_DAY - dt.timedelta(days=400))
    honseki_here = rng.random() < 0.75
    lives_here = rng.random() < 0.88 or not honseki_here
    if not honseki_here:
        lives_here = True
    deceased_husband = husband_born.year < 1960 and rng.random() < 0.4
    divorced = not deceased_husband and rng.random() < 0.1
    adopted = rng.random() < 0.08
    household_id = f"H{len(b.households) + 1:04d}"
    address = b.city_address() if lives_here else b.elsewhere()
    arrived = b.day_between(married, REFERENCE_DAY - dt.timedelta(days=30))
    previous = b.elsewhere()
    honseki = b.honseki_in_city() if honseki_here else b.elsewhere()
    koseki_id = f"K{len(b.koseki) + 1:04d}" if honseki_here else None
    husband_full = f"{family}{husband_name}"
    wife_full = f"{family}{wife_name}"

    def residence(relationship: str, born: dt.date) -> Residence | None:
        if not lives_here:
            return None
        since = max(arrived, born)
        return Residence(
            household_id=household_id,
            relationship=relationship,
            became_resident_on=since,
            address_set_on=since,
            notified_on=since + dt.timedelta(days=rng.randint(0, 10)),
            previous_address=previous if since == arrived else "",
        )

    def history(born: dt.date) -> list[AddressEntry]:
        entries = []
        if born < arrived:
            entries.append(AddressEntry(address=previous, set_on=max(born, married)))
        entries.append(AddressEntry(address=address, set_on=max(arrived, born)))
        return entries

    common = {
        "koseki_id": koseki_id,
        "honseki_elsewhere": None if honseki_here else honseki,
        "hittosha_elsewhere": None if honseki_here else f"{family}　{husband_name}",
        "address": address,
    }
    members: list[KosekiMember] = []
    head_role = "世帯主"
    husband_died = b.day_between(married, REFERENCE_DAY) if deceased_husband else None
    husband = b.person(
        family_name=family,
        given_name=husband_name,
        family_kana=family_kana,
        given_kana=husband_kana,
        birth_date=husband_born,
        sex="男",
        residence=None if husband_died else residence(head_role, husband_born),
        deceased_on=husband_died,
        address_history=history(husband_born),
        **common,
    )
    husband_events = [
        _birth_event(b, husband_born, b.rng.choice(_ELSEWHERE), "父"),
        KosekiEvent(
            kind="婚姻",
            fields=[
                ("婚姻日", married.isoformat()),
                ("配偶者氏名", f"{wife_family}{wife_name}"),
                ("従前戸籍", f"{b.elsewhere()}　{family}{rng.choice(_MALE)[0]}"),
            ],
        ),
    ]
    if husband_died:
        husband_events.append(
            KosekiEvent(
                kind="死亡",
                fields=[
                    ("死亡日", husband_died.isoformat()),
                    ("死亡時分", f"午後{rng.randint(1, 11)}時{rng.randint(0, 59)}分"),
                    ("死亡地", CITY),
                    ("届出日", (husband_died + dt.timedelta(days=2)).isoformat()),
                    ("届出人", f"親族　{wife_full}"),
                ],
            )
        )
    members.append(
        KosekiMember(
            person_id=husband.id,
            given_name=husband_name,
            given_kana=husband_kana,
            birth_date=husband_born,
            father=f"{family}{rng.choice(_MALE)[0]}",
            mother=f"{family}{rng.choice(_FEMALE)[0]}",
            relation="長男",
            spouse_role="夫",
            removed=husband_died is not None,
            events=husband_events,
        )
    )
    divorce_day = (
        b.day_between(married + dt.timedelta(days=800), REFERENCE_DAY) if divorced else None
    )
    wife_relationship = "世帯主" if husband_died else "妻"
    wife = b.person(
        family_name=wife_family if divorced else family,
        given_name=wife_name,
        family_kana=wife_family_kana if divorced else family_kana,
        given_kana=wife_kana,
        birth_date=wife_born,
        sex="女",
        old_surname=None if divorced else wife_family,
        residence=None if divorced else residence(wife_relationship, wife_born),
        address=b.elsewhere() if divorced else address,
        koseki_id=None if divorced else koseki_id,
        honseki_elsewhere=b.elsewhere() if divorced else common["honseki_elsewhere"],
        hittosha_elsewhere=f"{wife_family}　{wife_name}"
        if divorced
        else common["hittosha_elsewhere"],
        address_history=[] if divorced else history(wife_born),
    )
    wife_events = [
        _birth_event(b, wife_born, b.rng.choice(_ELSEWHERE), "母"),
        KosekiEvent(
            kind="婚姻",
            fields=[
                ("婚姻日", married.isoformat()),
                ("配偶者氏名", husband_full),
                ("従前戸籍", f"{b.elsewhere()}　{wife_family}{rng.choice(_MALE)[0]}"),
            ],
        ),
    ]
    if divorce_day:
        wife_events.append(
            KosekiEvent(
                kind="離婚",
                fields=[
                    ("離婚日", divorce_day.isoformat()),
                    ("配偶者氏名", husband_full),
                    ("新本籍", b.elsewhere()),
                ],
            )
        )
        husband_events.append(
            KosekiEvent(
                kind="離婚",
                fields=[
                    ("離婚日", divorce_day.isoformat()),
                    ("配偶者氏名", f"{wife_family}{wife_name}"),
                ],
            )
        )
        members[0] = members[0].model_copy(update={"spouse_role": None, "events": husband_events})
    members.append(
        KosekiMember(
            person_id=wife.id,
            given_name=wife_name,
            given_kana=wife_kana,
            birth_date=wife_born,
            father=f"{wife_family}{rng.choice(_MALE)[0]}",
            mother=f"{wife_family}{rng.choice(_FEMALE)[0]}",
            relation="長女",
            spouse_role=None if divorced else "妻",
            removed=divorced,
            events=wife_events,
        )
    )
    head = wife if husband_died else husband

    def add_child(
        male: bool,
        name: str,
        kana: str,
        born: dt.date,
        parents: tuple[str, str],
        relation: str,
        events: list[KosekiEvent],
    ) -> None:
        child = b.person(
            family_name=family,
            given_name=name,
            family_kana=family_kana,
            given_kana=kana,
            birth_date=born,
            sex="男" if male else "女",
            residence=residence("子", born),
            address_history=history(born),
            **common,
        )
        members.append(
            KosekiMember(
                person_id=child.id,
                given_name=name,
                given_kana=kana,
                birth_date=born,
                father=parents[0],
                mother=parents[1],
                relation=relation,
                events=events,
            )
        )

    sons = daughters = 0
    for _ in range(rng.choice([0, 1, 1, 2, 2, 3])):
        male = rng.random() < 0.5
        name, kana = rng.choice(_MALE if male else _FEMALE)
        born = b.day_between(
            married + dt.timedelta(days=300), REFERENCE_DAY - dt.timedelta(days=30)
        )
        if male:
            relation = f"{_FIRST_ORDINALS[min(sons, 3)]}男"
            sons += 1
        else:
            relation = f"{_FIRST_ORDINALS[min(daughters, 3)]}女"
            daughters += 1
        add_child(
            male,
            name,
            kana,
            born,
            (husband_full, wife_full),
            relation,
            [_birth_event(b, born, CITY, rng.choice(["父", "母"]))],
        )
    if adopted:
        male = rng.random() < 0.5
        name, kana = rng.choice(_MALE if male else _FEMALE)
        born = b.day_between(married - dt.timedelta(days=3000), married + dt.timedelta(days=2000))
        born = min(born, REFERENCE_DAY - dt.timedelta(days=400))
        adopted_on = b.day_between(max(born, married), REFERENCE_DAY)
        parents = (
            f"{rng.choice(_FAMILY)[0]}{rng.choice(_MALE)[0]}",
            f"{rng.choice(_FAMILY)[0]}{rng.choice(_FEMALE)[0]}",
        )
        add_child(
            male,
            name,
            kana,
            born,
            parents,
            "養子" if male else "養女",
            [
                _birth_event(b, born, b.rng.choice(_ELSEWHERE), "母"),
                KosekiEvent(
                    kind="養子縁組",
                    fields=[
                        ("縁組日", adopted_on.isoformat()),
                        ("養父氏名", husband_full),
                        ("養母氏名", wife_full),
                        ("従前戸籍", f"{b.elsewhere()}　{parents[0]}"),
                    ],
                ),
            ],
        )
    if lives_here:
        b.households.append(Household(id=household_id, address=address, head_id=head.id))
    if koseki_id:
        if married < KAISEI_DAY:
            events = [
                KosekiEvent(
                    kind="戸籍改製",
                    fields=[("改製日", KAISEI_DAY.isoformat()), ("改製事由", KAISEI_REASON)],
                )
            ]
        else:
            events = [KosekiEvent(kind="戸籍編製", fields=[("編製日", married.isoformat())])]
        if rng.random() < 0.15:
            moved = b.day_between(married, REFERENCE_DAY)
            events.append(
                KosekiEvent(
                    kind="転籍", fields=[("転籍日", moved.isoformat()), ("従前本籍", b.elsewhere())]
                )
            )
        b.koseki.append(
            Koseki(
                id=koseki_id,
                honseki=honseki,
                family_name=family,
                family_kana=family_kana,
                hittosha_given_name=husband_name,
                events=events,
                members=members,
            )
        )
    for p in [husband, wife]:
        if p.residence and p.deceased_on is None and rng.random() < 0.7:
            b.seal(p, abolished=rng.random() < 0.15)


def _foreign_family(b: _Builder, index: int) -> None:
    """A foreign-resident household (no koseki)."""
    rng = b.rng
    nationality, family, family_kana, given, given_kana = _FOREIGN[index % len(_FOREIGN)]
    household_id = f"H{len(b.households) + 1:04d}"
    address = b.city_address()
    arrived = b.day_between(dt.date(2012, 7, 9), REFERENCE_DAY - dt.timedelta(days=60))
    head_id = ""
    for k in range(rng.randint(1, 3)):
        born = (
            b.day_between(dt.date(1965, 1, 1), dt.date(2002, 1, 1))
            if k < 2
            else b.day_between(dt.date(2012, 1, 1), dt.date(2024, 1, 1))
        )
        status = rng.choice(["永住者", "技術・人文知識・国際業務", "家族滞在", "定住者"])
        period = "無期限" if status == "永住者" else f"{rng.choice([1, 3, 5])}年"
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
                became_resident_on=arrived,
                address_set_on=arrived,
                notified_on=arrived + dt.timedelta(days=3),
                previous_address="国外",
            ),
            foreign=ForeignResident(
                nationality=nationality,
                became_foreign_resident_on=arrived,
                category="中長期在留者",
                status=status,
                period=period,
                period_ends_on=REFERENCE_DAY + dt.timedelta(days=rng.randint(100, 1500)),
                card_number=f"AB{rng.randrange(10**8):08d}CD",
            ),
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
    since = b.day_between(born + dt.timedelta(days=365 * 18), REFERENCE_DAY)
    person = b.person(
        family_name=family,
        given_name=name,
        family_kana=family_kana,
        given_kana=kana,
        birth_date=born,
        sex="男" if male else "女",
        address=address,
        honseki_elsewhere=b.elsewhere(),
        hittosha_elsewhere=f"{family}　{rng.choice(_MALE)[0]}",
        residence=Residence(
            household_id=household_id,
            relationship="世帯主",
            became_resident_on=since,
            address_set_on=since,
            notified_on=since,
            previous_address=b.elsewhere(),
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


@functools.lru_cache(maxsize=4)
def generate(
    seed: int = DEFAULT_SEED, families: int = 70, card_serial_base: int = DEFAULT_CARD_SERIAL_BASE
) -> Registry:
    """The whole fictitious registry for ``seed`` (same seed, same data).

    Card serials start at ``card_serial_base``: demo municipalities sharing the one demo JPKI CA
    (as every real card shares J-LIS's) need distinct ranges.
    """
    b = _Builder(random.Random(seed))
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
