"""A demo JPKI certification authority (fictitious) that issues auth certificates and CRLs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import AuthorityInformationAccessOID, NameOID

from drivers.nfc.virtual_card import CardFaults, VirtualMyNumberCard

_DEMO_ORGANISATION = "JPKI (fictitious demo)"
_DEMO_BASE_URL = "http://jpki.demo.invalid"
#: The policy OID under which the real JPKI issues user-authentication certificates.
JPKI_AUTH_POLICY_OID = x509.ObjectIdentifier("1.2.392.200149.8.5.1.3.30")
CERTIFICATE_VALIDITY = dt.timedelta(days=5 * 365)


def new_rsa_key() -> rsa.RSAPrivateKey:
    """A fresh RSA-2048 key, the size the My Number Card uses."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class DemoJpkiCa:
    """A self-signed CA standing in for the JPKI user-authentication CA."""

    key: rsa.RSAPrivateKey
    certificate: x509.Certificate

    @classmethod
    def create(cls, common_name: str = "Demo JPKI CA (fictitious)") -> DemoJpkiCa:
        """Make a new CA key and its self-signed certificate (valid ten years from yesterday)."""
        key = new_rsa_key()
        name = x509.Name(
            [
                x509.NameAttribute(NameOID.COUNTRY_NAME, "JP"),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, _DEMO_ORGANISATION),
                x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            ]
        )
        now = dt.datetime.now(dt.UTC)
        public = key.public_key()
        certificate = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(public)
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(_key_usage(cert_sign=True), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
            .sign(key, hashes.SHA256())
        )
        return cls(key, certificate)

    @property
    def certificate_der(self) -> bytes:
        """The CA certificate in DER (what EF 000B of a card holds)."""
        return self.certificate.public_bytes(serialization.Encoding.DER)

    def issue_auth_certificate(
        self,
        public_key: rsa.RSAPublicKey,
        serial: int,
        not_before: dt.datetime,
        not_after: dt.datetime,
    ) -> bytes:
        """A JPKI-style user-authentication certificate in DER; its subject carries no name."""
        subject = x509.Name(
            [
                x509.NameAttribute(NameOID.COUNTRY_NAME, "JP"),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, _DEMO_ORGANISATION),
                x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "User Authentication"),
                x509.NameAttribute(NameOID.COMMON_NAME, f"{serial:032X}"),
            ]
        )
        policy = x509.PolicyInformation(JPKI_AUTH_POLICY_OID, [f"{_DEMO_BASE_URL}/cps.html"])
        issuer_key = self.key.public_key()
        certificate = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(self.certificate.subject)
            .public_key(public_key)
            .serial_number(serial)
            .not_valid_before(not_before)
            .not_valid_after(not_after)
            .add_extension(_key_usage(cert_sign=False), critical=True)
            .add_extension(x509.CertificatePolicies([policy]), critical=True)
            .add_extension(
                x509.IssuerAlternativeName([x509.DirectoryName(self.certificate.subject)]),
                critical=False,
            )
            .add_extension(_crl_distribution_points(), critical=False)
            .add_extension(_authority_information_access(), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key), critical=False
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
            .sign(self.key, hashes.SHA256())
        )
        return certificate.public_bytes(serialization.Encoding.DER)

    def crl_der(self, revoked_serials: Iterable[int]) -> bytes:
        """A CRL (DER) listing ``revoked_serials``, valid from now for one day."""
        now = dt.datetime.now(dt.UTC)
        builder = (
            x509.CertificateRevocationListBuilder()
            .issuer_name(self.certificate.subject)
            .last_update(now)
            .next_update(now + dt.timedelta(days=1))
        )
        for serial in sorted(set(revoked_serials)):
            builder = builder.add_revoked_certificate(
                x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(now).build()
            )
        return builder.sign(self.key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)

    def new_card(
        self,
        pin: str,
        serial: int,
        *,
        not_before: dt.datetime | None = None,
        not_after: dt.datetime | None = None,
        key: rsa.RSAPrivateKey | None = None,
        faults: CardFaults | None = None,
    ) -> VirtualMyNumberCard:
        """A virtual card with a fresh auth key (or ``key``) and a certificate from this CA."""
        start = not_before or dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
        end = not_after or start + CERTIFICATE_VALIDITY
        auth_key = key or new_rsa_key()
        certificate = self.issue_auth_certificate(auth_key.public_key(), serial, start, end)
        return VirtualMyNumberCard(auth_key, certificate, pin, self.certificate_der, faults)


def _key_usage(*, cert_sign: bool) -> x509.KeyUsage:
    """Key usage of a CA (certificate and CRL signing) or of an auth key (digital signature)."""
    return x509.KeyUsage(
        digital_signature=not cert_sign,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=cert_sign,
        crl_sign=cert_sign,
        encipher_only=False,
        decipher_only=False,
    )


def _crl_distribution_points() -> x509.CRLDistributionPoints:
    """Where a verifier fetches the demo CRL."""
    location = x509.UniformResourceIdentifier(f"{_DEMO_BASE_URL}/crl/auth.crl")
    return x509.CRLDistributionPoints([x509.DistributionPoint([location], None, None, None)])


def _authority_information_access() -> x509.AuthorityInformationAccess:
    """Where a verifier asks the demo OCSP responder."""
    return x509.AuthorityInformationAccess(
        [
            x509.AccessDescription(
                AuthorityInformationAccessOID.OCSP,
                x509.UniformResourceIdentifier(f"{_DEMO_BASE_URL}/ocsp"),
            )
        ]
    )
