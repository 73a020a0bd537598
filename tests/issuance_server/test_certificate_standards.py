"""Issue 16, point by point: the certificates read back from their PDFs with poppler.

Text is read with ``pdftotext -layout`` (and ``-bbox`` for positions), type sizes and rules from
the page content, so what is checked is what a clerk would see on the page.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import subprocess
import tempfile
from pathlib import Path

import msgspec
from pypdf import PdfReader
from reportlab.lib.units import mm

from issuance_contract.certificates import CertificateType, MunicipalityConfig
from issuance_contract.fonts import MINCHO
from issuance_server.eligibility import Applicant, load_applicant
from issuance_server.options import (
    AnyOptions,
    FuhyoOptions,
    JuminhyoOptions,
    KosekiZenbuOptions,
)
from issuance_server.registry import KosekiEvent, Registry
from issuance_server.rendering.documents import render_certificate
from issuance_server.rendering.layout import (
    BODY_SIZE,
    LEFT,
    RIGHT,
    DocumentIds,
    RenderedDocument,
)
from issuance_server.rendering.wrapping import NOT_AT_END, NOT_AT_START, text_width, wrap
from issuance_server.service import IssuanceService
from kiosk_app.printing.composer import compose_for_print

IDS = DocumentIds("req-16-0001", "doc-16-0001", "P0000", "0123456789")
DAY = dt.date(2026, 11, 27)
CITY = MunicipalityConfig(
    code="999991", name="架空市", mayor="見本　太郎", allow_individual_number=True
)
CLOSING_ALL = "この写しは、世帯全員の住民票の原本と相違ないことを証明する。"


def pdftotext(pdf: bytes, *flags: str) -> list[str]:
    """The pages' text as poppler reads it (``-layout`` unless other flags are given)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(
            ["pdftotext", *(flags or ("-layout",)), str(path), "-"],
            capture_output=True,
            check=True,
        ).stdout.decode()
    return out.split("\f")[:-1] if not flags or "-layout" in flags else [out]


def words(pdf: bytes) -> list[tuple[int, str, float, float, float, float]]:
    """(page, word, xMin, yMin, xMax, yMax) of every word, top-left origin, in points."""
    html = pdftotext(pdf, "-bbox")[0]
    found = []
    for page, body in enumerate(html.split("<page ")[1:], start=1):
        for m in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', body
        ):
            x0, y0, x1, y1 = (float(v) for v in m.groups()[:4])
            found.append((page, m.group(5), x0, y0, x1, y1))
    return found


def font_sizes(pdf: bytes) -> dict[str, float]:
    """The type size each piece of text was set in (by pypdf's text visitor)."""
    sizes: dict[str, float] = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:

        def visit(text: str, cm: object, tm: list[float], font: object, size: float) -> None:
            if text.strip():
                sizes[text.strip()] = size * tm[0]

        page.extract_text(visitor_text=visit)
    return sizes


def applicant(service: IssuanceService, person_id: str) -> Applicant:
    found = load_applicant(service.store, person_id)
    assert found is not None
    return found


def read_back(
    service: IssuanceService,
    kind: CertificateType,
    options: AnyOptions,
    person_id: str,
    city: MunicipalityConfig = CITY,
) -> tuple[RenderedDocument, str]:
    """The certificate the person gets (``city``'s, issued on DAY) and its text as poppler
    reads it."""
    rendered, _ = render_certificate(kind, options, applicant(service, person_id), city, IDS, DAY)
    return rendered, "".join(pdftotext(rendered.pdf))


def block(text: str, start: str, end: str) -> str:
    """The text from ``start`` up to the next ``end`` (or the end)."""
    head = text.index(start)
    tail = text.find(end, head + len(start))
    return text[head : tail if tail >= 0 else len(text)]


# 1. Adoption in the 戸籍


def test_an_adopted_child_keeps_birth_parents_and_adds_the_adoptive_ones(
    registry: Registry, service: IssuanceService
) -> None:
    koseki, child = next((k, m) for k in registry.koseki for m in k.members if m.adoptive_relation)
    _, text = read_back(
        service, CertificateType.KOSEKI_ZENBU, KosekiZenbuOptions(), koseki.members[0].person_id
    )
    entry = block(text, f"【名】{child.given_name}", "戸籍に記録されている者")
    tags = re.findall(r"【(父|母|続柄|養父|養母)】(\S+)", entry)
    assert tags == [
        ("父", child.father),
        ("母", child.mother),
        ("続柄", child.relation),
        ("養父", child.adoptive_father),
        ("養母", child.adoptive_mother),
        ("続柄", child.adoptive_relation),
    ]
    adoption = entry[entry.index("養子縁組") :]
    for tag in ("【縁組日】", "【養父氏名】", "【養母氏名】", "【従前戸籍】"):
        assert tag in adoption
    event = next(e for e in child.events if e.kind == "養子縁組")
    assert ("【代諾者】親権者父母" in adoption) == ("代諾者" in dict(event.fields))


# 3. 本籍・筆頭者 per person on the 住民票


def test_each_resident_shows_their_own_honseki(
    registry: Registry, service: IssuanceService
) -> None:
    mother = next(p for p in registry.persons if p.residence and p.residence.relationship == "母")
    assert mother.residence is not None
    household = next(h for h in registry.households if h.id == mother.residence.household_id)
    _, text = read_back(
        service, CertificateType.JUMINHYO, JuminhyoOptions(honseki=True), household.head_id
    )
    head = next(p for p in registry.persons if p.id == household.head_id)
    koseki = next(k for k in registry.koseki if k.id == head.koseki_id) if head.koseki_id else None
    assert mother.hittosha_elsewhere
    family, given = mother.hittosha_elsewhere.split("　")
    assert re.search(rf"本籍\s+{mother.honseki_elsewhere}\s+筆頭者\s+{family}\s+{given}", text)
    if koseki:
        assert (
            text.count(koseki.honseki)
            == len(
                [
                    p
                    for p in registry.persons
                    if p.residence and p.residence.household_id == household.id
                ]
            )
            - 1
        )


# 4. The standard layout: 世帯連記式, 4 persons a sheet, or 個人票


def _largest_household(registry: Registry) -> str:
    def size(household_id: str) -> int:
        return sum(
            1 for p in registry.persons if p.residence and p.residence.household_id == household_id
        )

    return max(registry.households, key=lambda h: size(h.id)).head_id


def test_the_household_form_has_numbered_blocks_four_a_sheet(
    registry: Registry, service: IssuanceService
) -> None:
    who = applicant(service, _largest_household(registry))
    rendered, subjects = render_certificate(
        CertificateType.JUMINHYO, JuminhyoOptions(honseki=True), who, CITY, IDS, DAY
    )
    pages = pdftotext(rendered.pdf)
    assert len(subjects) >= 5
    numbers = [re.findall(r"^\s*(\d)\s+氏名の振り仮名", page, re.M) for page in pages]
    assert [n for page in numbers for n in page] == [str(i) for i in range(1, len(subjects) + 1)]
    assert all(1 <= len(n) <= 4 for n in numbers)  # never the certification alone
    assert CLOSING_ALL in pages[-1]
    assert all(CLOSING_ALL not in p for p in pages[:-1])
    for page in pages:
        assert who.household
        assert who.household.address in page
    text = "".join(pages)
    for item in (
        "氏名の振り仮名",
        "住民となった年月日",
        "住所を定めた年月日",
        "届出日",
        "転入前住所",
    ):
        assert text.count(item) == len(subjects)
    assert "従前の住所" not in text
    assert "フリガナ" not in text
    never_moved = [
        p for p in who.household_members if p.residence and not p.residence.address_set_on
    ]
    assert text.count("住所を定めた年月日 【空欄】") == len(never_moved)


def test_the_individual_form_certifies_every_sheet(
    registry: Registry, service: IssuanceService
) -> None:
    who = applicant(service, _largest_household(registry))
    city = msgspec.structs.replace(CITY, juminhyo_form="individual")
    rendered, subjects = render_certificate(
        CertificateType.JUMINHYO, JuminhyoOptions(individual_number=True), who, city, IDS, DAY
    )
    pages = pdftotext(rendered.pdf)
    assert len(pages) == len(subjects)
    numbers = {p.id: p.individual_number for p in who.household_members}
    for page in pages:
        assert CLOSING_ALL in page
        assert "令和8年11月27日" in page
        assert "架空市長" in page
        assert sum(number in page for number in numbers.values()) == 1
    assert len(PdfReader(io.BytesIO(rendered.pdf)).pages[0].images) >= 1  # the seal


def test_old_surname_has_its_reading_and_permanent_residents_no_period(
    registry: Registry, service: IssuanceService
) -> None:
    wife = next(p for p in registry.persons if p.old_surname and p.residence)
    _, text = read_back(
        service,
        CertificateType.JUMINHYO,
        JuminhyoOptions(scope="selected", members=[wife.id]),
        wife.id,
    )
    assert re.search(rf"旧氏\s+{wife.old_surname}\s+旧氏の振り仮名\s+{wife.old_surname_kana}", text)
    permanent = next(p for p in registry.persons if p.foreign and p.foreign.status == "永住者")
    _, text = read_back(
        service,
        CertificateType.JUMINHYO,
        JuminhyoOptions(scope="selected", members=[permanent.id]),
        permanent.id,
    )
    assert "在留資格 永住者" in text.replace("  ", " ")
    assert "在留期間" not in text


# 5. Long entries wrap; no type smaller than the body


def test_long_entries_wrap_and_type_is_never_shrunk(
    registry: Registry, service: IssuanceService
) -> None:
    koseki = registry.koseki[0]
    note = (
        "本件は架空のデモデータであり、実在の人物・住所・事件とは一切関係がない旨をここに長く記載する。"
        * 2
    )
    long_previous = f"{'見本県見本市中央町' * 3}40番地9　{koseki.family_name}長い名前の筆頭者"
    member = koseki.members[0]
    event = KosekiEvent(kind="特記事項", fields=[("特記事項", note), ("従前戸籍", long_previous)])
    member = member.model_copy(update={"events": [*member.events, event]})
    long_koseki = koseki.model_copy(update={"members": [member, *koseki.members[1:]]})
    who = dataclasses.replace(applicant(service, member.person_id), koseki=long_koseki)
    rendered, _ = render_certificate(
        CertificateType.KOSEKI_ZENBU, KosekiZenbuOptions(), who, CITY, IDS, DAY
    )
    text = re.sub(r"\s+", "", "".join(pdftotext(rendered.pdf, "-raw")))
    assert note in text
    assert long_previous.replace("　", "") in text
    sizes = font_sizes(rendered.pdf)
    assert min(sizes.values()) >= 9  # 発行番号 is 9 pt; nothing is shrunk to fit
    assert sizes["戸籍に記録されている者"] == BODY_SIZE
    assert all(size >= BODY_SIZE for text, size in sizes.items() if text.startswith("【"))
    foreign = next(p for p in registry.persons if p.foreign)
    rendered, _ = render_certificate(
        CertificateType.JUMINHYO, JuminhyoOptions(), applicant(service, foreign.id), CITY, IDS, DAY
    )
    assert font_sizes(rendered.pdf)["法第30条の45に規定する区分"] == BODY_SIZE


# 6. The 戸籍 grid and the 除籍 box


def _full_width_rules(pdf: bytes) -> list[int]:
    """Per page, how many horizontal rules run across the whole table."""
    counts = []
    pattern = re.compile(rf"{LEFT:.5f}\d* (\S+) m {RIGHT:.3f}\d* \1 l")
    for page in PdfReader(io.BytesIO(pdf)).pages:
        content = page.get_contents()
        data = content.get_data().decode("latin-1") if content is not None else ""
        counts.append(len(pattern.findall(data)))
    return counts


def test_koseki_rules_fall_between_persons_not_before_every_event(
    registry: Registry, service: IssuanceService
) -> None:
    koseki = max(registry.koseki, key=lambda k: len(k.members))
    rendered, _ = render_certificate(
        CertificateType.KOSEKI_ZENBU,
        KosekiZenbuOptions(),
        applicant(service, koseki.members[0].person_id),
        CITY,
        IDS,
        DAY,
    )
    pages = pdftotext(rendered.pdf)
    rules = _full_width_rules(rendered.pdf)
    for n, (page, count) in enumerate(zip(pages, rules, strict=True)):
        persons = len(re.findall(r"^\s*戸籍に記録されている者", page, re.M))
        starts_with_person = re.search(r"全部事項証明\s+戸籍に記録されている者", page) is not None
        expected = persons - starts_with_person + ("戸籍事項" in page) + (n == len(pages) - 1)
        assert count == expected, (n, count, expected)
    header = [w for w in words(rendered.pdf) if w[0] == 1 and w[1] == koseki.honseki.split("　")[0]]
    assert header
    assert header[0][2] < LEFT + 26 * mm + 3 * mm


def test_the_removed_box_covers_no_text(registry: Registry, service: IssuanceService) -> None:
    koseki = next(k for k in registry.koseki if any(m.removed for m in k.members))
    for certificate, options in (
        (CertificateType.KOSEKI_ZENBU, KosekiZenbuOptions()),
        (CertificateType.FUHYO, FuhyoOptions()),
    ):
        rendered, _ = render_certificate(
            certificate,
            options,
            applicant(service, koseki.members[0].person_id),
            CITY,
            IDS,
            DAY,
        )
        found = words(rendered.pdf)
        boxes = [w for w in found if w[1] == "除"]
        assert boxes, certificate
        for page, _, x0, y0, x1, y1 in boxes:
            # the 18 mm box around 「除　籍」, slightly taller than the text
            bx0, bx1 = x0 - 4 * mm, x1 + 18 * mm
            others = [
                w
                for w in found
                if w[0] == page
                and w[1] not in ("除", "籍")
                and w[2] < bx1
                and w[4] > bx0
                and w[3] < y1 + 2
                and w[5] > y0 - 2
            ]
            assert not others, (certificate, others)


# 7. Internal ids off the front; wording of the partial sentences


def test_internal_ids_are_in_the_metadata_and_on_the_back_not_the_front(
    registry: Registry, service: IssuanceService
) -> None:
    person = next(p for p in registry.persons if p.residence and p.koseki_id)
    rendered, front = read_back(
        service,
        CertificateType.JUMINHYO,
        JuminhyoOptions(scope="selected", members=[person.id]),
        person.id,
    )
    assert IDS.request_id not in front
    assert IDS.document_id not in front
    assert "発行番号" in front
    assert IDS.issue_number in front
    assert "この写しは、住民票の原本と相違ないことを証明する。" in front or CLOSING_ALL in front
    metadata = PdfReader(io.BytesIO(rendered.pdf)).metadata
    assert metadata is not None
    assert f"request_id={IDS.request_id}" in str(metadata.get("/Subject"))
    sheets = compose_for_print(
        rendered.pdf, ["SV1.code"] * len(rendered.page_digests), IDS.document_id
    )
    back = pdftotext(sheets)[1]
    assert re.search(rf"文書番号\s+{IDS.document_id}\s+請求番号\s+{IDS.request_id}", back)


def test_wrapping_keeps_lines_in_the_column_and_obeys_line_start_rules() -> None:
    text = "これは、戸籍に記録されている事項の全部を証明した書面である。" * 3
    width = 120.0
    lines = wrap(text, MINCHO, BODY_SIZE, width)
    assert "".join(lines) == text
    assert len(lines) > 3
    assert all(text_width(line, MINCHO, BODY_SIZE) <= width + BODY_SIZE for line in lines)
    assert not any(line[0] in NOT_AT_START for line in lines[1:])
    assert not any(line[-1] in NOT_AT_END for line in lines[:-1])


def test_an_entry_longer_than_a_page_runs_on_and_stays_inside_the_frame(
    registry: Registry, service: IssuanceService
) -> None:
    koseki = registry.koseki[0]
    member = koseki.members[0]
    fields = [("特記事項", f"第{n}項　架空の記録です。") for n in range(1, 61)]
    member = member.model_copy(
        update={"events": [*member.events, KosekiEvent(kind="特記事項", fields=fields)]}
    )
    long_koseki = koseki.model_copy(update={"members": [member, *koseki.members[1:]]})
    who = dataclasses.replace(applicant(service, member.person_id), koseki=long_koseki)
    rendered, _ = render_certificate(
        CertificateType.KOSEKI_ZENBU, KosekiZenbuOptions(), who, CITY, IDS, DAY
    )
    found = words(rendered.pdf)
    text = "".join(w[1] for w in found)
    assert all(f"第{n}項" in text for n in range(1, 61))
    page_h = 297 * mm
    footer = {"発行番号", IDS.issue_number, "以下次頁"}
    body = [w for w in found if w[1] not in footer]
    assert all(w[5] < page_h - 30 * mm for w in body)  # nothing runs into the bottom margin
