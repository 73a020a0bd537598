"""The municipality's records: residents, households, seal registrations, koseki and 附票."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field


class _Record(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, ser_json_bytes="base64", val_json_bytes="base64"
    )


class ForeignResident(_Record):
    """The extra 住民票 items of a foreign resident (住民基本台帳法第30条の45)."""

    nationality: str
    became_foreign_resident_on: dt.date
    category: str  # 住民基本台帳法第30条の45に規定する区分, e.g. 中長期在留者
    status: str  # 在留資格
    period: str | None = None  # 在留期間, e.g. 3年 (none for a 永住者)
    period_ends_on: dt.date | None = None  # 在留期間の満了の日 (none for a 永住者)
    card_number: str  # 在留カード等の番号


class Residence(_Record):
    """A person's 住民票 in this city (absent for people who live elsewhere)."""

    household_id: str
    relationship: str  # 続柄 to the head of household: 世帯主, 妻, 子, 母 …
    became_resident_on: dt.date  # 住民となった年月日 (転入 or 出生)
    address_set_on: dt.date | None = None  # 住所を定めた年月日: a move within the city, else 空欄
    notified_on: dt.date  # 届出日 of the last change
    previous_address: str  # 転入前住所 ("" for a person born in the city)
    move_out_filed: bool = False
    dv_protected: bool = False


class AddressEntry(_Record):
    """One line of a 附票 address history."""

    address: str
    set_on: dt.date


class Person(_Record):
    """One fictitious person known to the city (resident, or with 本籍 in the city, or both)."""

    id: str
    family_name: str
    given_name: str
    family_kana: str
    given_kana: str
    old_surname: str | None = None  # 旧氏
    old_surname_kana: str | None = None  # 旧氏の振り仮名
    alias: str | None = None  # 通称 (foreign residents)
    birth_date: dt.date
    sex: str  # 男 / 女
    individual_number: str  # 個人番号 (fictitious, 12 digits)
    resident_code: str  # 住民票コード (fictitious, 11 digits; never printed at a kiosk)
    address: str  # where the person lives now (in the city or elsewhere)
    residence: Residence | None = None
    foreign: ForeignResident | None = None
    deceased_on: dt.date | None = None
    koseki_id: str | None = None  # the city's koseki the person is in
    honseki_elsewhere: str | None = None  # 本籍 outside the city (for the 住民票)
    hittosha_elsewhere: str | None = None
    address_history: list[AddressEntry] = Field(default_factory=list)  # 附票

    @property
    def full_name(self) -> str:
        """氏名 with a full-width space, as printed."""
        return f"{self.family_name}　{self.given_name}"

    @property
    def full_kana(self) -> str:
        """The reading (フリガナ) with a full-width space."""
        return f"{self.family_kana}　{self.given_kana}"

    def age_on(self, day: dt.date) -> int:
        """Age in full years on ``day`` (a birthday counts from the day itself)."""
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years


class Household(_Record):
    """A 世帯: an address and its head."""

    id: str
    address: str
    head_id: str


class SealRegistration(_Record):
    """An 印鑑登録 with its 印影 image (PNG)."""

    id: str
    person_id: str
    registration_number: str
    registered_on: dt.date
    abolished_on: dt.date | None = None
    image_png: bytes


class KosekiEvent(_Record):
    """A 戸籍事項 or 身分事項 entry: its name (出生, 婚姻 …) and bracketed fields in order.

    Field values in ISO date form (``YYYY-MM-DD``) are printed as era dates.
    """

    kind: str
    fields: list[tuple[str, str]]


class KosekiMember(_Record):
    """A person recorded in a koseki (戸籍に記録されている者)."""

    person_id: str
    given_name: str
    given_kana: str
    birth_date: dt.date
    father: str
    mother: str
    relation: str  # 続柄 to the father and mother: 長男, 長女 …
    adoptive_father: str | None = None  # 養父 (an adopted child keeps 父 and 母 too)
    adoptive_mother: str | None = None  # 養母
    adoptive_relation: str | None = None  # the second 続柄: 養子 / 養女
    spouse_role: str | None = None  # 配偶者区分: 夫 / 妻
    removed: bool = False  # 除籍
    events: list[KosekiEvent] = Field(default_factory=list)


class Koseki(_Record):
    """A computerized koseki whose 本籍 is in the city."""

    id: str
    honseki: str
    family_name: str
    family_kana: str = ""  # 氏の振り仮名 (recorded since 令和7年5月26日)
    hittosha_given_name: str
    events: list[KosekiEvent] = Field(default_factory=list)  # 戸籍事項
    members: list[KosekiMember] = Field(default_factory=list)

    @property
    def hittosha_name(self) -> str:
        """筆頭者 氏名."""
        return f"{self.family_name}　{self.hittosha_given_name}"

    def member(self, person_id: str) -> KosekiMember | None:
        """The member entry of ``person_id``, if recorded here."""
        return next((m for m in self.members if m.person_id == person_id), None)


class CardRecord(_Record):
    """A JPKI 利用者証明用 certificate serial mapped to its holder."""

    serial: int
    person_id: str
    not_before: dt.datetime
    not_after: dt.datetime
    security_code: str  # the card's printed セキュリティコード (fictitious)
    revoked: bool = False


class Registry(_Record):
    """Everything the city knows, as generated or loaded."""

    persons: list[Person]
    households: list[Household]
    seals: list[SealRegistration]
    koseki: list[Koseki]
    cards: list[CardRecord]
