"""The demo PKI kept in a data directory: the fictitious JPKI CA and the cached card keys.

RSA-2048 keys are slow to make, so every key is made on first use and kept as a file.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from drivers.nfc.demo_ca import DemoJpkiCa, new_rsa_key

CA_COMMON_NAME = "Demo JPKI CA (fictitious)"


@dataclass(frozen=True)
class CardKeys:
    """A virtual card's 利用者証明用 key and certificate."""

    auth_key: rsa.RSAPrivateKey
    auth_certificate_der: bytes


def _write_key(path: Path, key: rsa.RSAPrivateKey) -> None:
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    path.chmod(0o600)


def _read_key(path: Path) -> rsa.RSAPrivateKey:
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ValueError(f"{path}: not an RSA key")
    return key


def load_or_create_ca(directory: Path) -> DemoJpkiCa:
    """The demo JPKI CA kept in ``directory`` (``ca.pem``, ``ca-key.pem``), made on first use."""
    key_path, cert_path = directory / "ca-key.pem", directory / "ca.pem"
    if key_path.is_file() and cert_path.is_file():
        certificate = x509.load_pem_x509_certificate(cert_path.read_bytes())
        return DemoJpkiCa(_read_key(key_path), certificate)
    ca = DemoJpkiCa.create(CA_COMMON_NAME)
    directory.mkdir(parents=True, exist_ok=True)
    _write_key(key_path, ca.key)
    cert_path.write_bytes(ca.certificate.public_bytes(serialization.Encoding.PEM))
    return ca


class CardKeyCache:
    """Card keys made on first use and kept under ``directory`` (one PEM + DER per serial), and
    in memory once read: loading a PEM key checks it (~0.1 s of CPU), and a signature needs
    the key twice (certificate, then signing)."""

    def __init__(self, directory: Path, ca: DemoJpkiCa) -> None:
        self._dir = directory
        self._ca = ca
        self._lock = threading.Lock()
        self._loaded: dict[int, CardKeys] = {}

    def keys(self, serial: int, not_before: dt.datetime, not_after: dt.datetime) -> CardKeys:
        """The key and certificate of card ``serial``."""
        with self._lock:
            keys = self._loaded.get(serial)
            if keys is None:
                keys = self._loaded[serial] = self._read_or_make(serial, not_before, not_after)
            return keys

    def _read_or_make(
        self, serial: int, not_before: dt.datetime, not_after: dt.datetime
    ) -> CardKeys:
        key_path = self._dir / f"card-{serial}.pem"
        cert_path = self._dir / f"card-{serial}.der"
        if key_path.is_file() and cert_path.is_file():
            return CardKeys(_read_key(key_path), cert_path.read_bytes())
        key = new_rsa_key()
        der = self._ca.issue_auth_certificate(key.public_key(), serial, not_before, not_after)
        self._dir.mkdir(parents=True, exist_ok=True)
        _write_key(key_path, key)
        cert_path.write_bytes(der)
        return CardKeys(key, der)
