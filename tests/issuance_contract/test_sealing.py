"""Certificate PDFs sealed for one kiosk request: only that request's key opens them."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from issuance_contract.certificates import CertificateType
from issuance_contract.messages import Issuance, IssuedDocument
from issuance_contract.sealing import SealError, open_issuance, public_bytes, seal_issuance

PDF = "%PDF-1.7 fictitious certificate of 見本 太郎".encode()


def _issuance(applicant: str = "P0001") -> Issuance:
    document = IssuedDocument(
        request_id="R1",
        document_id="D1",
        applicant_id=applicant,
        certificate_type=CertificateType.JUMINHYO,
        copies=1,
        pdf=PDF,
        page_codes=["SV1.x.y"],
        fee_yen=300,
    )
    return Issuance(request_id="R1", total_fee_yen=300, documents=[document])


def test_the_requesting_key_opens_what_was_sealed_for_it() -> None:
    kiosk = X25519PrivateKey.generate()
    sealed = seal_issuance(_issuance(), public_bytes(kiosk))
    assert sealed.sealed_by is not None
    assert PDF not in sealed.documents[0].pdf
    assert sealed.documents[0].page_codes == ["SV1.x.y"]  # what the center may read stays
    opened = open_issuance(sealed, kiosk)
    assert opened.documents[0].pdf == PDF
    assert opened.sealed_by is None


def test_another_key_a_changed_byte_or_another_applicant_cannot_open_it() -> None:
    kiosk = X25519PrivateKey.generate()
    sealed = seal_issuance(_issuance(), public_bytes(kiosk))
    with pytest.raises(SealError):
        open_issuance(sealed, X25519PrivateKey.generate())
    document = sealed.documents[0]
    flipped = document.pdf[:-1] + bytes([document.pdf[-1] ^ 1])
    tampered = document.model_copy(update={"pdf": flipped})
    altered = sealed.model_copy(update={"documents": [tampered]})
    with pytest.raises(SealError):
        open_issuance(altered, kiosk)
    moved = document.model_copy(update={"applicant_id": "P0002"})  # bound to its applicant
    with pytest.raises(SealError):
        open_issuance(sealed.model_copy(update={"documents": [moved]}), kiosk)


def test_an_unsealed_reply_or_a_bad_key_is_refused() -> None:
    with pytest.raises(SealError):
        open_issuance(_issuance(), X25519PrivateKey.generate())
    with pytest.raises(SealError):
        seal_issuance(_issuance(), b"\x00" * 31)
