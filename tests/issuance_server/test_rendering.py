"""The certificates look like the real ones: markers, closing sentences, options, era dates."""

from __future__ import annotations

import datetime as dt
import io

import msgspec
import pytest
from pypdf import PdfReader

from issuance_contract.certificates import CertificateType, MunicipalityConfig
from issuance_contract.errors import CenterRefusedError
from issuance_server.eligibility import Applicant, load_applicant
from issuance_server.options import (
    FuhyoOptions,
    InkanOptions,
    JuminhyoOptions,
    KosekiKojinOptions,
    KosekiZenbuOptions,
)
from issuance_server.registry import Registry
from issuance_server.rendering.documents import koseki_lot, render_certificate
from issuance_server.rendering.layout import DocumentIds
from issuance_server.service import IssuanceService
from tests.support.server import full_resident

IDS = DocumentIds("req0001", "doc0001", "P0000", "0123456789")
DAY = dt.date(2026, 11, 27)
CITY = MunicipalityConfig(
    code="999991", name="架空市", mayor="見本　太郎", allow_individual_number=True
)


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def _applicant(service: IssuanceService, person_id: str) -> Applicant:
    applicant = load_applicant(service.store, person_id)
    assert applicant is not None
    return applicant


def _biggest_koseki(registry: Registry) -> str:
    koseki = max(registry.koseki, key=lambda k: sum(len(m.events) + 5 for m in k.members))
    return next(m.person_id for m in koseki.members if not m.removed)


def test_a_long_koseki_runs_over_pages_with_all_the_markers(
    registry: Registry, service: IssuanceService
) -> None:
    applicant = _applicant(service, _biggest_koseki(registry))
    rendered, subjects = render_certificate(
        CertificateType.KOSEKI_ZENBU, KosekiZenbuOptions(), applicant, CITY, IDS, DAY
    )
    pages = _pages(rendered.pdf)
    total = len(pages)
    assert total >= 2
    assert len(rendered.page_digests) == total
    for n, text in enumerate(pages, start=1):
        assert f"{total}の{n}" in text
        assert "全部事項証明" in text
        assert "発行番号" in text
        assert "0123456789" in text
        assert ("以下次頁" in text) == (n < total)
    joined = "".join(pages)
    assert joined.count("以下余白") == 1
    assert "これは、戸籍に記録されている事項の全部を証明した書面である。" in pages[-1]
    assert "令和8年11月27日" in pages[-1]
    assert "架空市長" in pages[-1]
    assert applicant.koseki is not None
    assert applicant.koseki.honseki in joined
    assert "【生年月日】" in joined
    assert "【続柄】" in joined
    assert "【出生日】" in joined
    assert any(era in joined for era in ("昭和", "平成"))
    assert sorted(subjects) == sorted(m.person_id for m in applicant.koseki.members)
    assert b"/FontFile2" in rendered.pdf  # the font is embedded


def test_removed_members_carry_the_joseki_box(registry: Registry, service: IssuanceService) -> None:
    koseki = next(k for k in registry.koseki if any(m.removed for m in k.members))
    living = next(m for m in koseki.members if not m.removed)
    rendered, _ = render_certificate(
        CertificateType.KOSEKI_ZENBU,
        KosekiZenbuOptions(),
        _applicant(service, living.person_id),
        CITY,
        IDS,
        DAY,
    )
    assert "除　籍" in "".join(_pages(rendered.pdf))


def test_the_individual_certificate_shows_only_the_chosen_person(
    registry: Registry, service: IssuanceService
) -> None:
    person_id = _biggest_koseki(registry)
    applicant = _applicant(service, person_id)
    rendered, subjects = render_certificate(
        CertificateType.KOSEKI_KOJIN, KosekiKojinOptions(), applicant, CITY, IDS, DAY
    )
    text = "".join(_pages(rendered.pdf))
    assert subjects == [person_id]
    assert "個人事項証明" in text
    assert "戸籍中の一部の者について記録されている事項の全部を証明した書面である。" in text
    assert applicant.person.given_name in text
    assert text.count("【名】") == 1


def test_juminhyo_options(registry: Registry, service: IssuanceService) -> None:
    person = full_resident(registry)
    applicant = _applicant(service, person.id)
    plain, _ = render_certificate(
        CertificateType.JUMINHYO, JuminhyoOptions(head_relation=False), applicant, CITY, IDS, DAY
    )
    text = "".join(_pages(plain.pdf))
    assert "住民票の写し" in text
    assert "世帯全員の住民票の原本と相違ないことを証明する" in text
    assert person.individual_number not in text
    assert "本籍" not in text
    assert "続柄" not in text
    assert "世帯主" not in text
    assert person.resident_code not in text  # never printed at a kiosk
    full, subjects = render_certificate(
        CertificateType.JUMINHYO,
        JuminhyoOptions(
            scope="selected", members=[person.id], honseki=True, individual_number=True
        ),
        applicant,
        CITY,
        IDS,
        DAY,
    )
    text = "".join(_pages(full.pdf))
    assert subjects == [person.id]
    assert person.individual_number in text
    assert "本籍" in text
    assert "筆頭者" in text
    assert "続柄" in text
    household = [p for p in applicant.household_members if p.deceased_on is None]
    if len(household) > 1:
        assert "この写しは、住民票の原本と相違ないことを証明する。" in text


def test_a_city_that_refuses_individual_numbers(
    registry: Registry, service: IssuanceService
) -> None:
    strict = msgspec.structs.replace(CITY, allow_individual_number=False)
    with pytest.raises(CenterRefusedError) as info:
        render_certificate(
            CertificateType.JUMINHYO,
            JuminhyoOptions(individual_number=True),
            _applicant(service, full_resident(registry).id),
            strict,
            IDS,
            DAY,
        )
    assert info.value.reason_code == "individual_number_not_allowed"


def test_foreign_residents_have_their_items(registry: Registry, service: IssuanceService) -> None:
    person = next(p for p in registry.persons if p.foreign and p.foreign.status != "永住者")
    rendered, _ = render_certificate(
        CertificateType.JUMINHYO, JuminhyoOptions(), _applicant(service, person.id), CITY, IDS, DAY
    )
    text = "".join(_pages(rendered.pdf))
    assert person.foreign is not None
    for item in ("国籍・地域", "在留資格", "在留期間", "在留カード等の番号", "第30条の45"):
        assert item in text
    assert person.foreign.card_number in text


def test_the_seal_certificate_shows_the_seal_image(
    registry: Registry, service: IssuanceService
) -> None:
    person = full_resident(registry)
    rendered, _ = render_certificate(
        CertificateType.INKAN, InkanOptions(), _applicant(service, person.id), CITY, IDS, DAY
    )
    text = "".join(_pages(rendered.pdf))
    assert "印鑑登録証明書" in text
    assert "登録されている印影と相違ないことを証明する" in text
    page = PdfReader(io.BytesIO(rendered.pdf)).pages[0]
    assert len(page.images) >= 2  # the 印影 and the mayor's seal


def test_fuhyo_whole_and_part(registry: Registry, service: IssuanceService) -> None:
    person_id = _biggest_koseki(registry)
    applicant = _applicant(service, person_id)
    whole, subjects = render_certificate(
        CertificateType.FUHYO, FuhyoOptions(honseki=True), applicant, CITY, IDS, DAY
    )
    text = "".join(_pages(whole.pdf))
    assert applicant.koseki is not None
    assert len(subjects) == len(applicant.koseki.members)
    assert "戸籍の附票の写し" in text
    assert "住所を定めた年月日" in text
    assert "男女の別" in text
    assert "筆頭者氏名" in text
    others = [
        p
        for p in applicant.koseki_persons.values()
        if p.full_name != applicant.koseki.hittosha_name
    ]
    assert others
    assert all(p.full_name not in text and p.given_name in text for p in others)  # 名 only
    part, subjects = render_certificate(
        CertificateType.FUHYO,
        FuhyoOptions(scope="selected", members=[person_id], resident_code=True),
        applicant,
        CITY,
        IDS,
        DAY,
    )
    text = "".join(_pages(part.pdf))
    assert subjects == [person_id]
    assert applicant.person.full_name in text
    assert applicant.person.resident_code in text
    assert "この写しは、戸籍の附票の原本と相違ないことを証明する。" in text


def test_koseki_lot_numbers_drop_no() -> None:
    assert koseki_lot("架空市本町一丁目12番地の3") == "架空市本町一丁目12番地3"
