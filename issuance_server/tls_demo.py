"""A demo TLS setup for the API: a kiosk CA, a server certificate and one certificate per kiosk.

For tests, benchmarks and trying a deployment; a municipality uses its own PKI.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


@dataclass(frozen=True)
class TlsFiles:
    """Where the demo TLS files are."""

    ca: Path
    server_certificate: Path
    server_key: Path
    directory: Path

    def kiosk(self, kiosk_id: str) -> tuple[Path, Path]:
        """The certificate and key of a kiosk."""
        return self.directory / f"kiosk-{kiosk_id}.pem", self.directory / f"kiosk-{kiosk_id}.key"

    @property
    def crl(self) -> Path:
        """The kiosk CA's CRL (PEM), written by ``write_demo_crl``."""
        return self.directory / "ca.crl"


def write_demo_crl(files: TlsFiles, revoked_kiosks: list[str]) -> Path:
    """Write the kiosk CA's CRL revoking the certificates of ``revoked_kiosks``."""
    key = serialization.load_pem_private_key((files.directory / "ca.key").read_bytes(), None)
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise ValueError("the demo kiosk CA key is not an EC key")
    ca = x509.load_pem_x509_certificate(files.ca.read_bytes())
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca.subject)
        .last_update(now - dt.timedelta(minutes=5))
        .next_update(now + dt.timedelta(days=7))
    )
    for kiosk_id in revoked_kiosks:
        cert = x509.load_pem_x509_certificate(files.kiosk(kiosk_id)[0].read_bytes())
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(cert.serial_number)
            .revocation_date(now - dt.timedelta(minutes=1))
            .build()
        )
    files.crl.write_bytes(
        builder.sign(key, hashes.SHA256()).public_bytes(serialization.Encoding.PEM)
    )
    return files.crl


def _name(common_name: str, organization: str = "架空市 (fictitious demo)") -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _write(path: Path, cert: x509.Certificate, key: ec.EllipticCurvePrivateKey) -> None:
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path = path.with_suffix(".key")
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_path.chmod(0o600)


def _issue(
    ca_key: ec.EllipticCurvePrivateKey,
    issuer: x509.Name,
    subject: str,
    usage: x509.ObjectIdentifier,
    names: list[x509.GeneralName],
    organization: str | None = None,
) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    subject_name = _name(subject) if organization is None else _name(subject, organization)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject_name)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=825))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
    )
    if names:
        builder = builder.add_extension(x509.SubjectAlternativeName(names), critical=False)
    return builder.sign(ca_key, hashes.SHA256()), key


def make_demo_tls(
    directory: Path,
    kiosk_ids: list[str],
    hosts: tuple[str, ...] = ("127.0.0.1", "localhost"),
    operators: dict[str, str] | None = None,
) -> TlsFiles:
    """Make a CA, a server certificate for ``hosts`` and a client certificate per kiosk.

    ``operators`` names a kiosk's store operator (its certificate's organisation), for a center.
    """
    directory.mkdir(parents=True, exist_ok=True)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = _name("架空市 kiosk CA (fictitious demo)")
    now = dt.datetime.now(dt.UTC)
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )
    _write(directory / "ca.pem", ca, ca_key)
    names: list[x509.GeneralName] = []
    for host in hosts:
        try:
            names.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            names.append(x509.DNSName(host))
    server, server_key = _issue(ca_key, ca_name, hosts[0], ExtendedKeyUsageOID.SERVER_AUTH, names)
    _write(directory / "server.pem", server, server_key)
    files = TlsFiles(
        directory / "ca.pem", directory / "server.pem", directory / "server.key", directory
    )
    for kiosk_id in kiosk_ids:
        operator = (operators or {}).get(kiosk_id)
        cert, key = _issue(ca_key, ca_name, kiosk_id, ExtendedKeyUsageOID.CLIENT_AUTH, [], operator)
        _write(files.kiosk(kiosk_id)[0], cert, key)
    return files
