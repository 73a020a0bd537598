"""Per-page verification codes: Ed25519-signed, checked offline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from issuance_contract.certificates import CertificateType
from issuance_contract.messages import AuthSession, OrderItem
from issuance_server.embedded_link import EmbeddedCenterLink
from issuance_server.registry import Registry
from issuance_server.service import IssuanceService
from issuance_server.verification import PageClaim, sign_page_code, verify_page_code
from tests.support.server import full_resident

CLAIM = PageClaim("999991", "doc", "req", "juminhyo", 1, 2, dt.date(2026, 11, 27), "ab" * 16)


def test_a_signed_code_verifies_and_tells_what_it_is() -> None:
    key = Ed25519PrivateKey.generate()
    verdict = verify_page_code(sign_page_code(key, CLAIM), key.public_key())
    assert verdict.valid
    assert verdict.claim == CLAIM


def test_tampered_foreign_and_malformed_codes_fail() -> None:
    key = Ed25519PrivateKey.generate()
    code = sign_page_code(key, CLAIM)
    other = sign_page_code(key, PageClaim(**{**CLAIM.__dict__, "page": 2}))
    forged = ".".join([*code.split(".")[:2], other.split(".")[2]])
    assert not verify_page_code(forged, key.public_key()).valid
    assert not verify_page_code(code, Ed25519PrivateKey.generate().public_key()).valid
    for junk in ("", "SV1", "SV1.!!!.???", "XX1.a.b", "SV1.YWJj.YWJj"):
        assert not verify_page_code(junk, key.public_key()).valid


def test_issued_pages_carry_codes_for_their_own_document(
    registry: Registry,
    service: IssuanceService,
    link: EmbeddedCenterLink,
    login: Callable[[str], AuthSession],
) -> None:
    session = login(full_resident(registry).id)
    issuance = link.issue(
        session.token, [OrderItem(certificate_type=CertificateType.KOSEKI_ZENBU)], "codes-0001"
    )
    document = issuance.documents[0]
    public = service.signing_key.public_key()
    claims = []
    for code in document.page_codes:
        verdict = verify_page_code(code, public)
        assert verdict.valid
        assert verdict.claim is not None
        claims.append(verdict.claim)
    assert [c.page for c in claims] == list(range(1, len(claims) + 1))
    assert {(c.document_id, c.request_id, c.pages) for c in claims} == {
        (document.document_id, issuance.request_id, len(claims))
    }
    assert len({c.digest for c in claims}) == len(claims)
