"""JPKI card authentication checks: certificate chain, validity, revocation and the signature."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from issuance_contract.errors import CenterRefusedError

#: The certificate policy of JPKI 利用者証明用 (user authentication) certificates.
JPKI_AUTH_POLICY_OID = x509.ObjectIdentifier("1.2.392.200149.8.5.1.3.30")


def token_hash(token: str) -> str:
    """The stored form of a session token (the token itself is never stored)."""
    return hashlib.sha256(token.encode()).hexdigest()


def check_card_certificate(
    certificate_der: bytes, ca_certificate: x509.Certificate, now: dt.datetime
) -> x509.Certificate:
    """Parse a card's 利用者証明用 certificate; check its issuer (the CA) and validity now."""
    try:
        cert = x509.load_der_x509_certificate(certificate_der)
    except ValueError as exc:
        raise CenterRefusedError("bad_certificate", "not a DER X.509 certificate") from exc
    try:
        cert.verify_directly_issued_by(ca_certificate)
    except (ValueError, TypeError, InvalidSignature) as exc:
        raise CenterRefusedError("untrusted_certificate", "not issued by the JPKI CA") from exc
    if not isinstance(cert.public_key(), rsa.RSAPublicKey):
        raise CenterRefusedError("bad_certificate", "not an RSA key")
    if not _is_user_authentication(cert):
        raise CenterRefusedError("bad_certificate", "not a 利用者証明用 certificate")
    if not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc:
        raise CenterRefusedError("expired_certificate")
    return cert


def _is_user_authentication(cert: x509.Certificate) -> bool:
    """True if the certificate is for signing (key usage) under the JPKI auth policy."""
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
        policies = cert.extensions.get_extension_for_class(x509.CertificatePolicies).value
    except (x509.ExtensionNotFound, ValueError):
        return False
    oids = {policy.policy_identifier for policy in policies}
    return usage.digital_signature and JPKI_AUTH_POLICY_OID in oids


def verify_nonce_signature(cert: x509.Certificate, nonce: bytes, signature: bytes) -> None:
    """Check the card's PKCS#1 v1.5 SHA-256 signature over the nonce."""
    key = cert.public_key()
    if not isinstance(key, rsa.RSAPublicKey):
        raise CenterRefusedError("bad_certificate", "not an RSA key")
    try:
        key.verify(signature, nonce, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature as exc:
        raise CenterRefusedError("bad_signature") from exc


def load_crl(path: Path, ca_certificate: x509.Certificate) -> frozenset[int]:
    """The revoked serials of a CRL file (DER or PEM) signed by the JPKI CA."""
    data = path.read_bytes()
    try:
        crl = (
            x509.load_pem_x509_crl(data)
            if data.lstrip().startswith(b"-----")
            else x509.load_der_x509_crl(data)
        )
    except ValueError as exc:
        raise ValueError(f"{path}: not a CRL") from exc
    key = ca_certificate.public_key()
    if not isinstance(key, rsa.RSAPublicKey) or not crl.is_signature_valid(key):
        raise ValueError(f"{path}: the CRL is not signed by the JPKI CA")
    return frozenset(entry.serial_number for entry in crl)
