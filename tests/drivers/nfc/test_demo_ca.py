"""The demo JPKI CA: auth certificates chain to it, carry no name, and CRLs list revocations."""

from __future__ import annotations

import datetime as dt

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.x509.oid import NameOID

from drivers.nfc.demo_ca import JPKI_AUTH_POLICY_OID, DemoJpkiCa


def test_auth_certificate_chains_to_the_ca_and_has_no_name(
    demo_ca: DemoJpkiCa, auth_key: rsa.RSAPrivateKey
) -> None:
    start = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    der = demo_ca.issue_auth_certificate(
        auth_key.public_key(), 77, start, start + dt.timedelta(days=10)
    )
    certificate = x509.load_der_x509_certificate(der)
    ca_key = demo_ca.certificate.public_key()
    assert isinstance(ca_key, rsa.RSAPublicKey)
    ca_key.verify(
        certificate.signature,
        certificate.tbs_certificate_bytes,
        PKCS1v15(),
        certificate.signature_hash_algorithm,  # type: ignore[arg-type]
    )
    assert certificate.issuer == demo_ca.certificate.subject
    assert certificate.serial_number == 77
    assert certificate.not_valid_after_utc == start + dt.timedelta(days=10)
    common_name = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value
    assert common_name == f"{77:032X}"
    policies = certificate.extensions.get_extension_for_class(x509.CertificatePolicies).value
    assert [p.policy_identifier for p in policies] == [JPKI_AUTH_POLICY_OID]


def test_ca_certificate_is_a_ca(demo_ca: DemoJpkiCa) -> None:
    certificate = x509.load_der_x509_certificate(demo_ca.certificate_der)
    assert certificate.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert "fictitious" in certificate.subject.rfc4514_string()


def test_crl_lists_exactly_the_revoked_serials(demo_ca: DemoJpkiCa) -> None:
    crl = x509.load_der_x509_crl(demo_ca.crl_der([5, 9, 5]))
    assert crl.is_signature_valid(demo_ca.certificate.public_key())  # type: ignore[arg-type]
    assert sorted(revoked.serial_number for revoked in crl) == [5, 9]
    assert crl.get_revoked_certificate_by_serial_number(6) is None
