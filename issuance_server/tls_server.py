"""Serving the API over mutual TLS with the hardened listener (``mtls_listener``).

The kiosk's certificate is required at the handshake; health checks go to a plain-HTTP
listener on 127.0.0.1 (``health_port``), never to the mutual-TLS one.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import uvicorn

from issuance_contract.mtls_listener import (
    MutualTlsFiles,
    bind_sockets,
    hardened_config,
    port_of,
    running_in_thread,
)
from issuance_server.http_api import create_app
from issuance_server.service import IssuanceService
from issuance_server.settings import ServerSettings


@dataclass(frozen=True)
class Listening:
    """The ports a running server is bound to."""

    port: int
    health_port: int | None


def server_sockets(settings: ServerSettings) -> list[socket.socket]:
    """The mutual-TLS socket and, if configured, the loopback health socket."""
    return bind_sockets(settings.host, settings.port, settings.health_port)


def uvicorn_config(
    service: IssuanceService, settings: ServerSettings, sockets: list[socket.socket]
) -> uvicorn.Config:
    """The uvicorn configuration: client certificates from the kiosks' CA, required."""
    if settings.tls is None:
        raise ValueError("the server needs [server.tls] certificate, key and client_ca")
    tls = settings.tls
    files = MutualTlsFiles(tls.certificate, tls.key, tls.client_ca, tls.client_crl)
    app = create_app(
        service, frozenset(settings.kiosks) if settings.kiosks else None, settings.api_docs
    )
    health = port_of(sockets[1]) if len(sockets) > 1 else None
    return hardened_config(app, files, settings.connections, health_port=health)


@contextmanager
def running_server(service: IssuanceService, settings: ServerSettings) -> Iterator[Listening]:
    """Serve in a background thread (tests, benchmarks); yields the bound ports."""
    sockets = server_sockets(settings)
    try:
        config = uvicorn_config(service, settings, sockets)
    except BaseException:
        for sock in sockets:
            sock.close()
        raise
    with running_in_thread(config, sockets) as ports:
        yield Listening(ports[0], ports[1] if len(ports) > 1 else None)
