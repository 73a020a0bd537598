"""The certificates as layouts.

住民票の写し, 印鑑登録証明書, 戸籍全部/個人事項証明書 and 戸籍の附票の写し.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import Any

from reportlab.lib.units import mm

from issuance_contract.certificates import CertificateType, MunicipalityConfig
from issuance_contract.errors import CenterRefusedError
from issuance_server.eligibility import Applicant
from issuance_server.eras import wareki
from issuance_server.options import (
    AnyOptions,
    FuhyoOptions,
    JuminhyoOptions,
    KosekiKojinOptions,
)
from issuance_server.registry import Koseki, KosekiEvent, KosekiMember, Person
from issuance_server.rendering.layout import (
    Cell,
    DocumentIds,
    Layout,
    RenderedDocument,
    Row,
    render,
)
from issuance_server.rendering.seal_images import BLACK, official_seal_png

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def koseki_lot(address: str) -> str:
    """Computerized koseki drop 「の」 from lot numbers: 「12番地の3」 → 「12番地3」."""
    return re.sub(r"番地の(\d)", r"番地\1", address)


def _official(
    city: MunicipalityConfig, ids: DocumentIds, issued_on: dt.date, **fields: Any
) -> Layout:
    """A layout signed by the mayor with the city's red seal unless ``fields`` say otherwise."""
    fields.setdefault("seal_png", official_seal_png(city.name))
    return Layout(issued_on=issued_on, mayor_line=f"{city.name}長　{city.mayor}", ids=ids, **fields)


def _value(text: str) -> str:
    return wareki(dt.date.fromisoformat(text)) if _ISO.match(text) else text


class _Groups:
    """Numbers the groups of rows that must stay on one page."""

    def __init__(self) -> None:
        self.last = 0

    def next(self) -> int:
        self.last += 1
        return self.last


def _event_rows(event: KosekiEvent, section: str, group: int) -> list[Row]:
    """One 戸籍事項/身分事項 entry: the event in the middle column, its fields at the right."""
    return [
        Row(
            left=section if i == 0 else "",
            middle=event.kind if i == 0 else "",
            right=f"【{label}】{koseki_lot(_value(value))}",
            group=group,
        )
        for i, (label, value) in enumerate(event.fields)
    ]


def _member_rows(member: KosekiMember, groups: _Groups) -> list[Row]:
    """A 戸籍に記録されている者 block; a rule separates it from the person before."""
    spouse = f"　　【配偶者区分】{member.spouse_role}" if member.spouse_role else ""
    group = groups.next()
    items = [
        f"【名の振り仮名】{member.given_kana}",
        f"【生年月日】{wareki(member.birth_date)}{spouse}",
        f"【父】{member.father}",
        f"【母】{member.mother}",
        f"【続柄】{member.relation}",
    ]
    if member.adoptive_relation:
        items += [
            f"【養父】{member.adoptive_father or ''}",
            f"【養母】{member.adoptive_mother or ''}",
            f"【続柄】{member.adoptive_relation}",
        ]
    rows = [
        Row(
            left="戸籍に記録されている者",
            span="left",
            right=f"【名】{member.given_name}",
            size=13,
            rule="thick",
            group=group,
        )
    ]
    rows += [
        Row(right=item, removed=member.removed and item.startswith("【生年月日】"), group=group)
        for item in items
    ]
    for i, event in enumerate(member.events):
        rows += _event_rows(event, "身分事項" if i == 0 else "", groups.next())
    return rows


def koseki_layout(
    koseki: Koseki,
    members: list[KosekiMember],
    whole: bool,
    city: MunicipalityConfig,
    ids: DocumentIds,
    issued_on: dt.date,
) -> Layout:
    """戸籍全部事項証明書 (``whole``) or 戸籍個人事項証明書 for ``members``."""
    groups = _Groups()
    header = groups.next()
    rows = [
        Row(left="本籍", right=koseki_lot(koseki.honseki), span="right", group=header),
        Row(left="氏名", right=koseki.hittosha_name, span="right", group=header),
    ]
    if koseki.family_kana:
        rows.append(Row(left="氏の振り仮名", right=koseki.family_kana, span="right", group=header))
    for i, event in enumerate(koseki.events):
        event_rows = _event_rows(event, "戸籍事項" if i == 0 else "", groups.next())
        if i == 0:
            event_rows[0] = replace(event_rows[0], rule="thick")
        rows.extend(event_rows)
    for member in members:
        rows.extend(_member_rows(member, groups))
    closing = (
        "これは、戸籍に記録されている事項の全部を証明した書面である。"
        if whole
        else "これは、戸籍中の一部の者について記録されている事項の全部を証明した書面である。"
    )
    return _official(
        city,
        ids,
        issued_on,
        title="全部事項証明" if whole else "個人事項証明",
        title_right=True,
        rows=rows,
        closing=closing,
        seal_png=official_seal_png(city.name, BLACK),
        certificate_type="koseki_zenbu" if whole else "koseki_kojin",
        columns=(26 * mm, 22 * mm),
    )


_BLANK = "【空欄】"


def _honseki_of(p: Person, applicant: Applicant) -> tuple[str, str] | None:
    """The person's own 本籍 and 筆頭者 (household members can differ)."""
    if p.foreign:
        return None
    koseki = applicant.household_koseki.get(p.koseki_id or "")
    if koseki:
        return koseki_lot(koseki.honseki), koseki.hittosha_name
    if p.honseki_elsewhere and p.hittosha_elsewhere:
        return p.honseki_elsewhere, p.hittosha_elsewhere
    return None


def _foreign_rows(p: Person) -> list[tuple[Cell, ...]]:
    f = p.foreign
    if f is None:
        return []
    rows: list[tuple[Cell, ...]] = [
        (
            Cell("国籍・地域", f.nationality),
            Cell("外国人住民となった年月日", wareki(f.became_foreign_resident_on), 1.4),
        ),
        (Cell("法第30条の45に規定する区分", f.category, 1.4), Cell("在留資格", f.status, 1.6)),
    ]
    if f.period and f.period_ends_on:  # a 永住者 has neither
        rows.append(
            (
                Cell("在留期間", f.period),
                Cell("在留期間の満了の日", wareki(f.period_ends_on), 1.4),
            )
        )
    rows.append((Cell("在留カード等の番号", f.card_number), Cell("通称", p.alias or "")))
    return rows


def _resident_block(
    number: int, p: Person, options: JuminhyoOptions, applicant: Applicant, sheet: bool
) -> list[Row]:
    """One person as a numbered block of the standard layout (住民記録システム標準仕様書)."""
    r = p.residence
    if r is None:
        raise CenterRefusedError("not_resident")
    items: list[tuple[Cell, ...]] = [
        (Cell("氏名の振り仮名", p.full_kana),),
        (Cell("氏名", p.full_name, size=13),),
    ]
    if p.old_surname:
        items.append(
            (Cell("旧氏", p.old_surname), Cell("旧氏の振り仮名", p.old_surname_kana or ""))
        )
    born = [Cell("生年月日", wareki(p.birth_date), 1.6), Cell("性別", p.sex, 0.7)]
    if options.head_relation:
        born.append(Cell("続柄", r.relationship, 0.9))
    items.append(tuple(born))
    items += _foreign_rows(p)
    items += [
        (
            Cell("住民となった年月日", wareki(r.became_resident_on)),
            Cell("住所を定めた年月日", wareki(r.address_set_on) if r.address_set_on else _BLANK),
        ),
        (Cell("届出日", wareki(r.notified_on), 0.8), Cell("転入前住所", r.previous_address, 1.5)),
    ]
    honseki = _honseki_of(p, applicant) if options.honseki else None
    if honseki:
        items.append((Cell("本籍", honseki[0], 1.6), Cell("筆頭者", honseki[1], 0.8)))
    if options.individual_number:
        items.append((Cell("個人番号", p.individual_number),))
    return [
        Row(
            left=str(number) if i == 0 else "",
            cells=cells,
            rule="thick" if i == 0 else "thin",
            group=number,
            page_break=sheet and i == 0 and number > 1,
        )
        for i, cells in enumerate(items)
    ]


def _juminhyo_persons(applicant: Applicant, options: JuminhyoOptions) -> tuple[list[Person], bool]:
    """The persons shown, 世帯主 first then in record order, and whether it is the whole 世帯."""
    household = applicant.household
    if household is None:
        raise CenterRefusedError("not_resident")
    living = [p for p in applicant.household_members if p.deceased_on is None]
    living.sort(key=lambda p: (p.id != household.head_id, p.id))
    if options.scope == "household":
        return living, True
    wanted = set(options.members or [applicant.person.id])
    if wanted - {p.id for p in living}:
        raise CenterRefusedError("bad_member", "a selected person is not in the household")
    persons = [p for p in living if p.id in wanted]
    return persons, len(persons) == len(living)


def juminhyo_layout(
    applicant: Applicant,
    options: JuminhyoOptions,
    city: MunicipalityConfig,
    ids: DocumentIds,
    issued_on: dt.date,
) -> tuple[Layout, list[str]]:
    """住民票の写し, 世帯連記式 (4 persons a sheet) or 個人票 as the city chose."""
    household = applicant.household
    if household is None:
        raise CenterRefusedError("not_resident")
    if options.individual_number and not city.allow_individual_number:
        raise CenterRefusedError("individual_number_not_allowed")
    persons, whole = _juminhyo_persons(applicant, options)
    header = [Row(cells=(Cell("住所", household.address),), span="all")]
    head = next((p for p in applicant.household_members if p.id == household.head_id), None)
    if options.head_relation and head:
        header.append(Row(cells=(Cell("世帯主", head.full_name),), span="all"))
    individual = city.juminhyo_form == "individual"
    rows = [
        row
        for number, p in enumerate(persons, start=1)
        for row in _resident_block(number, p, options, applicant, individual)
    ]
    closing = (
        "この写しは、世帯全員の住民票の原本と相違ないことを証明する。"
        if whole
        else "この写しは、住民票の原本と相違ないことを証明する。"
    )
    layout = _official(
        city,
        ids,
        issued_on,
        title="住民票の写し",
        title_right=False,
        rows=rows,
        closing=closing,
        certificate_type="juminhyo",
        columns=(10 * mm, 0.0),
        page_header=tuple(header),
        groups_per_page=1 if individual else 4,
        closing_every_page=individual,
    )
    return layout, [p.id for p in persons]


def inkan_layout(
    applicant: Applicant, city: MunicipalityConfig, ids: DocumentIds, issued_on: dt.date
) -> Layout:
    """印鑑登録証明書 with the registered 印影 (refused for an abolished seal, checked here too)."""
    seal, p = applicant.seal, applicant.person
    if seal is None:
        raise CenterRefusedError("no_seal")
    if seal.abolished_on is not None:
        raise CenterRefusedError("seal_abolished")
    rows = [
        Row(left="氏名", right=p.full_name, size=13, rule="thick"),
        Row(left="氏名の振り仮名", right=p.full_kana),
    ]
    if p.old_surname:
        rows.append(Row(left="旧氏", right=p.old_surname))
    if p.alias:
        rows.append(Row(left="通称", right=p.alias))
    rows += [
        Row(left="生年月日", right=wareki(p.birth_date)),
        Row(left="男女の別", right=p.sex),
        Row(left="住所", right=p.address),
        Row(left="登録番号", right=seal.registration_number),
    ]
    return _official(
        city,
        ids,
        issued_on,
        title="印鑑登録証明書",
        title_right=False,
        rows=rows,
        closing="この写しは、登録されている印影と相違ないことを証明する。",
        certificate_type="inkan",
        columns=(40 * mm, 0.0),
        image_png=seal.image_png,
        image_caption="印影",
    )


def _selected_members(applicant: Applicant, ids: list[str]) -> list[KosekiMember]:
    koseki = applicant.koseki
    if koseki is None:
        raise CenterRefusedError("honseki_elsewhere")
    wanted = set(ids or [applicant.person.id])
    members = [m for m in koseki.members if m.person_id in wanted]
    if len(members) != len(wanted):
        raise CenterRefusedError("bad_member", "a selected person is not in the koseki")
    return members


def fuhyo_layout(
    applicant: Applicant,
    options: FuhyoOptions,
    city: MunicipalityConfig,
    ids: DocumentIds,
    issued_on: dt.date,
) -> tuple[Layout, list[str]]:
    """戸籍の附票の写し (全部 or 一部) and the ids of the persons it shows."""
    koseki = applicant.koseki
    if koseki is None:
        raise CenterRefusedError("honseki_elsewhere")
    if options.scope == "all":
        members = list(koseki.members)
    else:
        members = _selected_members(applicant, options.members)
    rows: list[Row] = []
    if options.honseki:
        rows += [
            Row(left="本籍", right=koseki_lot(koseki.honseki), group=1),
            Row(left="筆頭者氏名", right=koseki.hittosha_name, group=1),
        ]
    for number, m in enumerate(members, start=2):
        p = applicant.koseki_persons.get(m.person_id)
        if p is None:
            continue
        name = m.given_name if options.honseki else p.full_name
        kana = m.given_kana if options.honseki else p.full_kana
        rows += [
            Row(left="氏名", right=name, size=13, rule="thick", removed=m.removed, group=number),
            Row(
                left="名の振り仮名" if options.honseki else "氏名の振り仮名",
                right=kana,
                group=number,
            ),
            Row(
                left="生年月日", right=f"{wareki(p.birth_date)}　　男女の別　{p.sex}", group=number
            ),
        ]
        if options.resident_code:
            rows.append(Row(left="住民票コード", right=p.resident_code, group=number))
        for entry in p.address_history:
            rows.append(Row(left="住所", right=entry.address, rule="thin", group=number))
            rows.append(Row(left="住所を定めた年月日", right=wareki(entry.set_on), group=number))
    # The same sentence for 全部 and 一部: a partial copy is told by the persons it lists.
    closing = "この写しは、戸籍の附票の原本と相違ないことを証明する。"
    layout = _official(
        city,
        ids,
        issued_on,
        title="戸籍の附票の写し",
        title_right=False,
        rows=rows,
        closing=closing,
        certificate_type="fuhyo",
        columns=(40 * mm, 0.0),
    )
    return layout, [m.person_id for m in members]


def render_certificate(
    certificate_type: CertificateType,
    options: AnyOptions,
    applicant: Applicant,
    city: MunicipalityConfig,
    ids: DocumentIds,
    issued_on: dt.date,
) -> tuple[RenderedDocument, list[str]]:
    """Render one certificate for ``applicant``; returns the PDF and the persons it shows."""
    if certificate_type is CertificateType.JUMINHYO and isinstance(options, JuminhyoOptions):
        layout, subjects = juminhyo_layout(applicant, options, city, ids, issued_on)
    elif certificate_type is CertificateType.INKAN:
        layout, subjects = inkan_layout(applicant, city, ids, issued_on), [applicant.person.id]
    elif certificate_type is CertificateType.KOSEKI_ZENBU and applicant.koseki:
        members = list(applicant.koseki.members)
        layout = koseki_layout(applicant.koseki, members, True, city, ids, issued_on)
        subjects = [m.person_id for m in members]
    elif certificate_type is CertificateType.KOSEKI_KOJIN and isinstance(
        options, KosekiKojinOptions
    ):
        members = _selected_members(applicant, options.members)
        if applicant.koseki is None:
            raise CenterRefusedError("honseki_elsewhere")
        layout = koseki_layout(applicant.koseki, members, False, city, ids, issued_on)
        subjects = [m.person_id for m in members]
    elif certificate_type is CertificateType.FUHYO and isinstance(options, FuhyoOptions):
        layout, subjects = fuhyo_layout(applicant, options, city, ids, issued_on)
    else:
        raise CenterRefusedError("bad_options", f"cannot make {certificate_type.value}")
    return render(layout), subjects
