"""A scripted IPP printer on loopback: records every request, answers what a test tells it to."""

from __future__ import annotations

import datetime as dt
import hashlib
import ssl
import struct
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pyipp.enums import IppTag
from pyipp.serializer import construct_attribute

from drivers.printer.ipp_wire import Attribute, IppReply, decode_reply

#: Turns a decoded request into the reply body.
Answer = Callable[[IppReply], bytes]


def reply(status: int, groups: list[tuple[IppTag, list[Attribute]]]) -> bytes:
    """A well-formed IPP reply."""
    data = struct.pack(">bbhi", 2, 0, status, 1) + bytes([IppTag.OPERATION.value])
    data += construct_attribute("attributes-charset", "utf-8", IppTag.CHARSET)
    data += construct_attribute("attributes-natural-language", "en", IppTag.LANGUAGE)
    for group, attributes in groups:
        data += bytes([group.value])
        for name, tag, value in attributes:
            data += construct_attribute(name, value, tag)
    return data + bytes([IppTag.END.value])


def idle_printer() -> bytes:
    """Get-Printer-Attributes of an idle printer accepting jobs."""
    return reply(
        0,
        [
            (
                IppTag.PRINTER,
                [
                    ("printer-state", IppTag.ENUM, 3),
                    ("printer-state-reasons", IppTag.KEYWORD, "none"),
                    ("printer-is-accepting-jobs", IppTag.BOOLEAN, True),
                ],
            )
        ],
    )


class FakeIppPrinter:
    """The requests received (decoded) and the URL to reach the fake printer."""

    def __init__(self, url: str, requests: list[IppReply]) -> None:
        self.url = url
        self.requests = requests


def self_signed_certificate(directory: Path) -> tuple[ssl.SSLContext, str]:
    """A server TLS context with a fresh self-signed certificate (as printers ship), and the
    certificate's SHA-256 fingerprint in hex."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "fake-printer.local")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = directory / "printer.crt", directory / "printer.key"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    der = certificate.public_bytes(serialization.Encoding.DER)
    return context, hashlib.sha256(der).hexdigest()


@contextmanager
def fake_ipp_printer(answer: Answer, tls: ssl.SSLContext | None = None) -> Iterator[FakeIppPrinter]:
    """Serve ``answer`` on 127.0.0.1 (over TLS with ``tls``: an ipps:// URL); every request
    body is decoded and kept."""
    requests: list[IppReply] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            request = decode_reply(body)  # stops at the end tag, before any document
            requests.append(request)
            data = answer(request)
            self.send_response(200)
            self.send_header("Content-Type", "application/ipp")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    scheme = "ipps" if tls is not None else "ipp"
    try:
        yield FakeIppPrinter(f"{scheme}://127.0.0.1:{server.server_address[1]}/ipp/print", requests)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
