"""Where an IPP request goes and how it is protected: the printer URI, its HTTP URL, TLS.

``ipps://HOST/PATH#sha256=FINGERPRINT`` pins the printer's certificate (SHA-256 of its DER form,
hex, colons allowed): the fragment is never sent, and a certificate with another fingerprint is
refused. ``ipps://`` without a pin verifies the certificate against the system's CAs and the host
name. ``ipp://`` is cleartext: fine on loopback (a local cupsd), a warning anywhere else, because
certificate PDFs would cross the network readable by anyone on it.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
import socket
import ssl
from dataclasses import dataclass

import aiohttp
from yarl import URL

from drivers.printer.errors import PrinterUrlError

DEFAULT_IPP_PORT = 631
_FINGERPRINT = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class IppTarget:
    """A printer's IPP URI (as sent in requests), the URL to POST to and its TLS setting."""

    printer_uri: str
    http_url: URL
    pin: bytes | None

    @property
    def encrypted(self) -> bool:
        """Whether requests (and the documents in them) travel inside TLS."""
        return self.http_url.scheme == "https"

    @property
    def loopback(self) -> bool:
        """Whether the printer (or the CUPS server) is on this machine."""
        return is_loopback(self.http_url.host or "")

    @property
    def cleartext_remote(self) -> bool:
        """Whether documents would cross a network unencrypted."""
        return not self.encrypted and not self.loopback

    def ssl(self) -> aiohttp.Fingerprint | bool:
        """aiohttp's ``ssl=``: the pinned fingerprint, full verification, or none (cleartext)."""
        if self.pin is not None:
            return aiohttp.Fingerprint(self.pin)
        return self.encrypted


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine (localhost, 127.0.0.0/8, ::1)."""
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def parse_fingerprint(text: str) -> bytes:
    """A SHA-256 fingerprint written as hex, with or without colons."""
    digits = text.replace(":", "").lower()
    if not _FINGERPRINT.fullmatch(digits):
        raise PrinterUrlError("a printer pin is sha256= followed by 64 hex digits")
    return bytes.fromhex(digits)


def ipp_target(uri: str) -> IppTarget:
    """The target of ``ipp://…`` or ``ipps://…[#sha256=…]``."""
    url = URL(uri)
    if url.scheme not in ("ipp", "ipps") or not url.host:
        raise PrinterUrlError(f"not an IPP printer URI: {uri!r}")
    pin: bytes | None = None
    if url.fragment:
        key, _, value = url.fragment.partition("=")
        if key != "sha256":
            raise PrinterUrlError(f"unknown printer URI fragment {url.fragment!r} (sha256=…)")
        if url.scheme != "ipps":
            raise PrinterUrlError("a certificate pin needs an ipps:// printer URI")
        pin = parse_fingerprint(value)
    printer_uri = str(url.with_fragment(None))
    http_url = url.with_fragment(None).with_scheme("https" if url.scheme == "ipps" else "http")
    if url.explicit_port is None:
        http_url = http_url.with_port(DEFAULT_IPP_PORT)
    return IppTarget(printer_uri, http_url, pin)


def server_fingerprint(target: IppTarget, timeout: float = 5.0) -> str | None:
    """The SHA-256 fingerprint (hex) of the certificate the printer presents, or None."""
    host, port = target.http_url.host, target.http_url.port
    if not target.encrypted or host is None or port is None:
        return None
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    try:
        with (
            socket.create_connection((host, port), timeout=timeout) as raw,
            context.wrap_socket(raw, server_hostname=host) as tls,
        ):
            der = tls.getpeercert(binary_form=True)
    except (OSError, ssl.SSLError):
        return None
    return hashlib.sha256(der).hexdigest() if der else None
