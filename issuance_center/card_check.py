"""The center's check of a card certificate before it relays anything for it.

Chain (issued by the JPKI CA), validity now and revocation (the CA's CRL). The card's signature
is not the center's to check: the municipality verifies it over its own nonce, end to end.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import rsa

from issuance_contract.errors import CenterRefusedError


class CardRefusedError(CenterRefusedError):
    """The card certificate cannot be relayed; ``reason_code`` says why."""


@dataclass(frozen=True)
class CardIdentity:
    """What the card directory is keyed by."""

    issuer: str  # RFC 4514
    serial: int


def issuer_name(certificate: x509.Certificate) -> str:
    """The issuer as the card directory writes it (RFC 4514)."""
    return certificate.issuer.rfc4514_string()


class CardChecker:
    """Checks card certificates against one JPKI CA and its revoked serials."""

    def __init__(self, ca: x509.Certificate, revoked: frozenset[int] = frozenset()) -> None:
        self._ca = ca
        self._revoked = revoked

    @classmethod
    def from_files(cls, ca_path: Path, crl_path: Path | None) -> CardChecker:
        """The CA certificate (PEM) and, optionally, its CRL (DER or PEM), checked as signed."""
        ca = x509.load_pem_x509_certificate(ca_path.read_bytes())
        if crl_path is None:
            return cls(ca)
        data = crl_path.read_bytes()
        crl = (
            x509.load_pem_x509_crl(data)
            if data.lstrip().startswith(b"-----")
            else x509.load_der_x509_crl(data)
        )
        key = ca.public_key()
        if not isinstance(key, rsa.RSAPublicKey) or not crl.is_signature_valid(key):
            raise ValueError(f"{crl_path}: the CRL is not signed by the JPKI CA")
        return cls(ca, frozenset(entry.serial_number for entry in crl))

    def check(self, certificate_der: bytes, now: dt.datetime) -> CardIdentity:
        """The card's identity, or CardRefusedError."""
        try:
            cert = x509.load_der_x509_certificate(certificate_der)
        except ValueError as exc:
            raise CardRefusedError("bad_certificate") from exc
        try:
            cert.verify_directly_issued_by(self._ca)
        except (ValueError, TypeError, InvalidSignature) as exc:
            raise CardRefusedError("untrusted_certificate") from exc
        if not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc:
            raise CardRefusedError("expired_certificate")
        if cert.serial_number in self._revoked:
            raise CardRefusedError("revoked_certificate")
        return CardIdentity(issuer_name(cert), cert.serial_number)
