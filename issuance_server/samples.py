"""``shomei-server sample``: one PDF of each certificate type and variant, from the demo data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import msgspec

from issuance_contract.certificates import CertificateType
from issuance_server.demo_data import NOTICE
from issuance_server.eligibility import Applicant, load_applicant
from issuance_server.options import (
    AnyOptions,
    FuhyoOptions,
    InkanOptions,
    JuminhyoOptions,
    KosekiKojinOptions,
    KosekiZenbuOptions,
)
from issuance_server.registry import Person
from issuance_server.rendering.documents import render_certificate
from issuance_server.rendering.layout import DocumentIds
from issuance_server.service import IssuanceService
from issuance_server.verification import PageClaim, public_pem, sign_page_code


@dataclass(frozen=True)
class Sample:
    """One sample document to write."""

    name: str
    certificate_type: CertificateType
    options: AnyOptions
    person: Person
    juminhyo_form: Literal["household", "individual"] = "household"  # 世帯連記式 or 個人票


@dataclass(frozen=True)
class _Picked:
    """The demo persons whose certificates show every case."""

    full: Person  # a resident with a seal and a koseki of four or more
    household: Person  # the head of the largest household whose members' 本籍 differ
    foreign: Person
    adopted: Person  # in a koseki with an adoption
    removed: Person  # in a koseki with a 除籍 member


def _pick(service: IssuanceService) -> _Picked:
    """Walk the card holders once and keep the first person of each case."""
    store = service.store
    found: dict[str, Person] = {}
    largest = 0
    for record in store.cards():
        p = store.person(record.person_id)
        if p is None or p.residence is None or p.deceased_on is not None:
            continue
        if p.foreign:
            found.setdefault("foreign", p)
        applicant = load_applicant(store, p.id)
        if applicant is None:
            continue
        members = applicant.koseki.members if applicant.koseki else []
        if applicant.seal and not applicant.seal.abolished_on and len(members) >= 4:
            found.setdefault("full", p)
        if any(m.adoptive_relation for m in members):
            found.setdefault("adopted", p)
        if any(m.removed for m in members):
            found.setdefault("removed", p)
        mixed = len({q.koseki_id or q.honseki_elsewhere for q in applicant.household_members})
        size = len(applicant.household_members) + (10 if mixed > 1 else 0)
        if size > largest:
            largest = size
            found["household"] = p
    try:
        return _Picked(**found)
    except TypeError:
        raise LookupError("the demo registry lacks a sample person") from None


def samples(service: IssuanceService) -> list[Sample]:
    """Every certificate type and variant."""
    picked = _pick(service)
    person, household = picked.full, picked.household
    j = CertificateType.JUMINHYO
    f = CertificateType.FUHYO
    return [
        Sample("juminhyo_household", j, JuminhyoOptions(honseki=True), household),
        Sample(
            "juminhyo_household_individual_form",
            j,
            JuminhyoOptions(honseki=True, individual_number=True),
            household,
            juminhyo_form="individual",
        ),
        Sample(
            "juminhyo_selected_honseki_number",
            j,
            JuminhyoOptions(
                scope="selected", members=[person.id], honseki=True, individual_number=True
            ),
            person,
        ),
        Sample("juminhyo_no_relation", j, JuminhyoOptions(head_relation=False), person),
        Sample("juminhyo_foreign_resident", j, JuminhyoOptions(), picked.foreign),
        Sample("inkan", CertificateType.INKAN, InkanOptions(), person),
        Sample("koseki_zenbu", CertificateType.KOSEKI_ZENBU, KosekiZenbuOptions(), person),
        Sample(
            "koseki_zenbu_adoption",
            CertificateType.KOSEKI_ZENBU,
            KosekiZenbuOptions(),
            picked.adopted,
        ),
        Sample("koseki_kojin", CertificateType.KOSEKI_KOJIN, KosekiKojinOptions(), person),
        Sample("fuhyo_zenbu", f, FuhyoOptions(), picked.removed),
        Sample("fuhyo_zenbu_honseki", f, FuhyoOptions(honseki=True), person),
        Sample(
            "fuhyo_ichibu_resident_code",
            f,
            FuhyoOptions(scope="selected", members=[person.id], resident_code=True),
            person,
        ),
    ]


def write_samples(service: IssuanceService, out: Path, today: dt.date) -> list[Path]:
    """Write the sample PDFs, their page codes and the verification public key into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    codes = [f"# {NOTICE}"]
    for n, sample in enumerate(samples(service), start=1):
        applicant: Applicant | None = load_applicant(service.store, sample.person.id)
        if applicant is None:
            raise LookupError(sample.person.id)
        ids = DocumentIds(
            request_id=f"sample-request-{n:02d}",
            document_id=f"sample-{sample.name}",
            applicant_id=sample.person.id,
            issue_number=f"{n:010d}",
        )
        city = msgspec.structs.replace(
            service.settings.municipality, juminhyo_form=sample.juminhyo_form
        )
        rendered, _ = render_certificate(
            sample.certificate_type, sample.options, applicant, city, ids, today
        )
        path = out / f"{n:02d}_{sample.name}.pdf"
        path.write_bytes(rendered.pdf)
        written.append(path)
        pages = len(rendered.page_digests)
        for page, digest in enumerate(rendered.page_digests, start=1):
            claim = PageClaim(
                service.settings.municipality.code,
                ids.document_id,
                ids.request_id,
                sample.certificate_type.value,
                page,
                pages,
                today,
                digest,
            )
            codes.append(f"{path.name} p{page}: {sign_page_code(service.signing_key, claim)}")
    (out / "page_codes.txt").write_text("\n".join(codes) + "\n", encoding="utf-8")
    public_pem(service.signing_key, out / "verification-public.pem")
    return written
