"""Ed25519-signed per-page verification codes (the QR on the back of each sheet), checked offline.

A code is ``SV1.<payload>.<signature>`` in base64url; the payload names the city, the document,
the request, the page and a digest of the page's text. Anyone with the city's public key can
check a printed page without the inquiry site.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

PREFIX = "SV1"


@dataclass(frozen=True)
class PageClaim:
    """What one printed page claims to be."""

    municipality_code: str
    document_id: str
    request_id: str
    certificate_type: str
    page: int
    pages: int
    issued_on: dt.date
    digest: str  # hex, the first 16 bytes of SHA-256 over the page's text

    def encode(self) -> bytes:
        """The signed bytes."""
        fields = [
            self.municipality_code,
            self.document_id,
            self.request_id,
            self.certificate_type,
            str(self.page),
            str(self.pages),
            self.issued_on.isoformat(),
            self.digest,
        ]
        return "|".join(fields).encode()

    @classmethod
    def decode(cls, data: bytes) -> PageClaim:
        """Parse signed bytes; ValueError if malformed."""
        parts = data.decode().split("|")
        if len(parts) != 8:
            raise ValueError("wrong number of fields")
        code, document_id, request_id, kind, page, pages, issued, digest = parts
        return cls(
            code,
            document_id,
            request_id,
            kind,
            int(page),
            int(pages),
            dt.date.fromisoformat(issued),
            digest,
        )


@dataclass(frozen=True)
class Verdict:
    """The result of checking a code: valid or not, why, and the claim if readable."""

    valid: bool
    reason: str
    claim: PageClaim | None = None


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign_page_code(key: Ed25519PrivateKey, claim: PageClaim) -> str:
    """The verification code of one page."""
    payload = claim.encode()
    return f"{PREFIX}.{_b64(payload)}.{_b64(key.sign(payload))}"


def verify_page_code(code: str, public_key: Ed25519PublicKey) -> Verdict:
    """Check a code offline against the city's public key."""
    parts = code.strip().split(".")
    if len(parts) != 3 or parts[0] != PREFIX:
        return Verdict(False, "not a verification code")
    try:
        payload, signature = _unb64(parts[1]), _unb64(parts[2])
        claim = PageClaim.decode(payload)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return Verdict(False, "malformed code")
    try:
        public_key.verify(signature, payload)
    except InvalidSignature:
        return Verdict(False, "bad signature: not issued by this city", claim)
    return Verdict(True, "genuine", claim)


def load_or_create_signing_key(directory: Path) -> Ed25519PrivateKey:
    """The city's signing key in ``directory`` (``verification-key.pem``), made on first use."""
    path = directory / "verification-key.pem"
    if path.is_file():
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError(f"{path}: not an Ed25519 key")
        if not (directory / "verification-public.pem").is_file():
            public_pem(key, directory / "verification-public.pem")
        return key
    key = Ed25519PrivateKey.generate()
    directory.mkdir(parents=True, exist_ok=True)
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    path.chmod(0o600)
    public_pem(key, directory / "verification-public.pem")
    return key


def public_pem(key: Ed25519PrivateKey, path: Path) -> None:
    """Write the public key for verifiers."""
    path.write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )


def load_public_key(path: Path) -> Ed25519PublicKey:
    """Read a verifier's public key (PEM)."""
    key = serialization.load_pem_public_key(path.read_bytes())
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError(f"{path}: not an Ed25519 public key")
    return key
