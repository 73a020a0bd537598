"""Certificate PDFs sealed for one kiosk request: X25519 + HKDF-SHA256 + AES-256-GCM.

The kiosk sends an ephemeral X25519 public key with each order; the municipality seals every
PDF with a key agreed between that key and its own ephemeral key, so a relay center in between
passes on what it cannot read. Each PDF is bound to its request, document and applicant (AAD).
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from issuance_contract.messages import Issuance, IssuedDocument

_INFO = b"shomei-kiosk certificate seal v1"
_NONCE_BYTES = 12


class SealError(Exception):
    """A sealed reply that cannot be opened (wrong key, altered, or not sealed at all)."""


def public_bytes(key: X25519PrivateKey) -> bytes:
    """The raw 32-byte public key to send with an order."""
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _cipher(shared: bytes, sender: bytes, recipient: bytes) -> AESGCM:
    key = HKDF(hashes.SHA256(), 32, salt=sender + recipient, info=_INFO).derive(shared)
    return AESGCM(key)


def _aad(document: IssuedDocument) -> bytes:
    return "|".join((document.request_id, document.document_id, document.applicant_id)).encode()


def seal_issuance(issuance: Issuance, recipient_key: bytes) -> Issuance:
    """``issuance`` with every PDF sealed for ``recipient_key`` (raw X25519 public key)."""
    try:
        recipient = X25519PublicKey.from_public_bytes(recipient_key)
    except ValueError as exc:
        raise SealError("not an X25519 public key") from exc
    ephemeral = X25519PrivateKey.generate()
    sender = public_bytes(ephemeral)
    cipher = _cipher(ephemeral.exchange(recipient), sender, recipient_key)
    documents = []
    for document in issuance.documents:
        nonce = os.urandom(_NONCE_BYTES)
        sealed = nonce + cipher.encrypt(nonce, document.pdf, _aad(document))
        documents.append(document.model_copy(update={"pdf": sealed}))
    return issuance.model_copy(update={"documents": documents, "sealed_by": sender})


def open_issuance(issuance: Issuance, recipient: X25519PrivateKey) -> Issuance:
    """The PDFs of a reply sealed for ``recipient``; SealError if any cannot be opened."""
    if issuance.sealed_by is None:
        raise SealError("the reply is not sealed")
    try:
        sender = X25519PublicKey.from_public_bytes(issuance.sealed_by)
    except ValueError as exc:
        raise SealError("the sender key is not an X25519 public key") from exc
    cipher = _cipher(recipient.exchange(sender), issuance.sealed_by, public_bytes(recipient))
    documents = []
    for document in issuance.documents:
        nonce, body = document.pdf[:_NONCE_BYTES], document.pdf[_NONCE_BYTES:]
        try:
            pdf = cipher.decrypt(nonce, body, _aad(document))
        except (InvalidTag, ValueError) as exc:
            raise SealError("a sealed certificate could not be opened") from exc
        documents.append(document.model_copy(update={"pdf": pdf}))
    return issuance.model_copy(update={"documents": documents, "sealed_by": None})
