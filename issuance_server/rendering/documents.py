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
from issuance_server.rendering.layout import DocumentIds, Layout, RenderedDocument, Row, render
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


def _event_rows(event: KosekiEvent, section: str) -> list[Row]:
    rows = []
    for i, (label, value) in enumerate(event.fields):
        rows.append(
            Row(
                left=section if i == 0 else "",
                middle=event.kind if i == 0 else "",
                right=f"【{label}】{koseki_lot(_value(value))}",
                rule="thin" if i == 0 and section else "",
            )
        )
    return rows


def _member_rows(member: KosekiMember) -> list[Row]:
    spouse = f"　　【配偶者区分】{member.spouse_role}" if member.spouse_role else ""
    rows = [
        Row(
            left="戸籍に記録されている者", right=f"【名】{member.given_name}", size=13, rule="thick"
        ),
        Row(right=f"【名の振り仮名】{member.given_kana}"),
        Row(right=f"【生年月日】{wareki(member.birth_date)}{spouse}", removed=member.removed),
        Row(right=f"【父】{member.father}"),
        Row(right=f"【母】{member.mother}"),
        Row(right=f"【続柄】{member.relation}"),
    ]
    for i, event in enumerate(member.events):
        section_rows = _event_rows(event, "身分事項" if i == 0 else "")
        if i > 0:
            section_rows[0] = Row(
                middle=section_rows[0].middle, right=section_rows[0].right, rule="thin"
            )
        rows.extend(section_rows)
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
    rows = [
        Row(left="本籍", right=koseki_lot(koseki.honseki)),
        Row(left="氏名", right=koseki.hittosha_name),
    ]
    if koseki.family_kana:
        rows.append(Row(left="氏の振り仮名", right=koseki.family_kana))
    for i, event in enumerate(koseki.events):
        event_rows = _event_rows(event, "戸籍事項" if i == 0 else "")
        if i == 0:
            event_rows[0] = Row(
                left="戸籍事項", middle=event.kind, right=event_rows[0].right, rule="thick"
            )
        rows.extend(event_rows)
    for member in members:
        rows.extend(_member_rows(member))
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
        columns=(36 * mm, 22 * mm),
    )


def _resident_rows(p: Person, options: JuminhyoOptions) -> list[Row]:
    r = p.residence
    if r is None:
        raise CenterRefusedError("not_resident")
    rows = [
        Row(
            left="氏名",
            right=p.full_name,
            size=13,
            rule="thick",
        ),
        Row(left="フリガナ", right=p.full_kana),
    ]
    if p.old_surname:
        rows.append(Row(left="旧氏", right=p.old_surname))
    if p.alias:
        rows.append(Row(left="通称", right=p.alias))
    rows.append(Row(left="生年月日", right=f"{wareki(p.birth_date)}　　性別　{p.sex}"))
    if options.head_relation:
        rows.append(Row(left="続柄", right=r.relationship))
    if p.foreign:
        f = p.foreign
        rows += [
            Row(left="国籍・地域", right=f.nationality),
            Row(left="外国人住民となった年月日", right=wareki(f.became_foreign_resident_on)),
            Row(left="法第30条の45に規定する区分", right=f.category),
            Row(left="在留資格", right=f.status),
            Row(left="在留期間", right=f"{f.period}　　満了の日　{wareki(f.period_ends_on)}"),
            Row(left="在留カード等の番号", right=f.card_number),
        ]
    else:
        rows.append(Row(left="住民となった年月日", right=wareki(r.became_resident_on)))
    rows.append(
        Row(
            left="住所を定めた年月日",
            right=f"{wareki(r.address_set_on)}　　届出　{wareki(r.notified_on)}",
        )
    )
    if r.previous_address:
        rows.append(Row(left="従前の住所", right=r.previous_address))
    if options.individual_number:
        rows.append(Row(left="個人番号", right=p.individual_number))
    return rows


def juminhyo_layout(
    applicant: Applicant,
    options: JuminhyoOptions,
    city: MunicipalityConfig,
    ids: DocumentIds,
    issued_on: dt.date,
) -> tuple[Layout, list[str]]:
    """住民票の写し (世帯全員 or selected members) and the ids of the persons it shows."""
    household = applicant.household
    if household is None:
        raise CenterRefusedError("not_resident")
    living = [p for p in applicant.household_members if p.deceased_on is None]
    if options.scope == "household":
        persons = living
    else:
        wanted = set(options.members or [applicant.person.id])
        unknown = wanted - {p.id for p in living}
        if unknown:
            raise CenterRefusedError("bad_member", "a selected person is not in the household")
        persons = [p for p in living if p.id in wanted]
    if options.individual_number and not city.allow_individual_number:
        raise CenterRefusedError("individual_number_not_allowed")
    head = next((p for p in living if p.id == household.head_id), None)
    header = [Row(left="住所", right=household.address)]
    if options.head_relation and head:
        header.append(Row(left="世帯主", right=head.full_name))
    if options.honseki:
        person = applicant.person
        honseki = (
            koseki_lot(applicant.koseki.honseki) if applicant.koseki else person.honseki_elsewhere
        )
        hittosha = applicant.koseki.hittosha_name if applicant.koseki else person.hittosha_elsewhere
        if honseki and hittosha and not person.foreign:
            header += [Row(left="本籍", right=honseki), Row(left="筆頭者", right=hittosha)]
    # One person per sheet (個票) when 個人番号 is printed: every sheet repeats the header.
    one_per_sheet = options.individual_number
    rows = list(header)
    for i, p in enumerate(persons):
        if one_per_sheet and i > 0:
            rows.append(replace(header[0], page_break=True))
            rows.extend(header[1:])
        rows.extend(_resident_rows(p, options))
    whole = options.scope == "household" or len(persons) == len(living)
    closing = (
        "この写しは、世帯全員の住民票の原本と相違ないことを証明する。"
        if whole
        else "この写しは、世帯の一部の住民票の原本と相違ないことを証明する。"
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
        columns=(48 * mm, 0.0),
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
        Row(left="フリガナ", right=p.full_kana),
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
            Row(left="本籍", right=koseki_lot(koseki.honseki)),
            Row(left="筆頭者氏名", right=koseki.hittosha_name),
        ]
    for m in members:
        p = applicant.koseki_persons.get(m.person_id)
        if p is None:
            continue
        name = m.given_name if options.honseki else p.full_name
        rows.append(Row(left="氏名", right=name, size=13, rule="thick", removed=m.removed))
        kana = m.given_kana if options.honseki else p.full_kana
        rows.append(Row(left="振り仮名", right=kana))
        rows.append(Row(left="生年月日", right=f"{wareki(p.birth_date)}　　男女の別　{p.sex}"))
        if options.resident_code:
            rows.append(Row(left="住民票コード", right=p.resident_code))
        for entry in p.address_history:
            rows.append(Row(left="住所", right=entry.address, rule="thin"))
            rows.append(Row(left="住所を定めた年月日", right=wareki(entry.set_on)))
    whole = options.scope == "all"
    closing = (
        "この写しは、戸籍の附票の原本と相違ないことを証明する。"
        if whole
        else "この写しは、戸籍の附票の一部の原本と相違ないことを証明する。"
    )
    layout = _official(
        city,
        ids,
        issued_on,
        title="戸籍の附票の写し",
        title_right=False,
        rows=rows,
        closing=closing,
        certificate_type="fuhyo",
        columns=(44 * mm, 0.0),
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
