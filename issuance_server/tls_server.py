"""Serving the API over HTTPS with client certificates (uvicorn).

uvicorn verifies the kiosk's certificate during the handshake but does not hand it to the
application, so a small protocol subclass puts it in the ASGI ``tls`` extension of each request.
"""

from __future__ import annotations

import asyncio
import ssl
import threading
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from issuance_server.http_api import TLS_EXTENSION, create_app
from issuance_server.service import IssuanceService
from issuance_server.settings import ServerSettings


class ClientCertificateProtocol(H11Protocol):
    """h11 protocol that exposes the verified client certificate to the application."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        ssl_object = transport.get_extra_info("ssl_object")
        der = ssl_object.getpeercert(binary_form=True) if ssl_object else None
        if der:
            pem = ssl.DER_cert_to_PEM_cert(der)
            inner = self.app

            async def with_certificate(
                scope: MutableMapping[str, Any], receive: Any, send: Any
            ) -> None:
                scope.setdefault("extensions", {})[TLS_EXTENSION] = {"client_cert_chain": [pem]}
                await inner(scope, receive, send)

            self.app = with_certificate


def uvicorn_config(service: IssuanceService, settings: ServerSettings) -> uvicorn.Config:
    """The uvicorn configuration: TLS with client certificates from the kiosks' CA."""
    if settings.tls is None:
        raise ValueError("the server needs [server.tls] certificate, key and client_ca")
    return uvicorn.Config(
        create_app(service, frozenset(settings.kiosks) if settings.kiosks else None),
        host=settings.host,
        port=settings.port,
        ssl_certfile=str(settings.tls.certificate),
        ssl_keyfile=str(settings.tls.key),
        ssl_ca_certs=str(settings.tls.client_ca),
        ssl_cert_reqs=ssl.CERT_OPTIONAL,
        http=ClientCertificateProtocol,
        log_level="warning",
        access_log=False,
        timeout_keep_alive=30,
        limit_concurrency=512,
    )


@contextmanager
def running_server(service: IssuanceService, settings: ServerSettings) -> Iterator[int]:
    """Serve in a background thread (tests, benchmarks); yields the bound port."""
    server = uvicorn.Server(uvicorn_config(service, settings))
    thread = threading.Thread(target=server.run, name="shomei-server", daemon=True)
    thread.start()
    try:
        while not server.started:
            if not thread.is_alive():
                raise RuntimeError("the server did not start")
            thread.join(0.02)
        yield server.servers[0].sockets[0].getsockname()[1]
    finally:
        server.should_exit = True
        thread.join(10)
