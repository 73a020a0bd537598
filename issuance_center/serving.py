"""Serving the relay API over HTTPS with client certificates (uvicorn), one or more workers.

uvicorn verifies the kiosk's certificate at the handshake but does not hand it to the
application; a small protocol subclass puts it in each request's ASGI ``tls`` extension.
(To be replaced by the server's hardened TLS listener once it is shared.)
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import ssl
import threading
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI
from uvicorn.protocols.http.h11_impl import H11Protocol

from issuance_center.card_check import CardChecker
from issuance_center.relay import Relay
from issuance_center.relay_api import create_relay_app, scope_with_certificate
from issuance_center.settings import CenterSettings, load_settings
from issuance_center.store import CenterStore
from issuance_center.upstream import Upstreams

CONFIG_ENVIRONMENT = "SHOMEI_CENTER_CONFIG"


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
                scope_with_certificate(scope, pem)
                await inner(scope, receive, send)

            self.app = with_certificate


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def build_app(settings: CenterSettings, store: CenterStore | None = None) -> FastAPI:
    """The relay application for ``settings`` (its own store unless one is given)."""
    relay = Relay(
        store or CenterStore(settings.database_url),
        CardChecker.from_files(settings.jpki_ca, settings.jpki_crl),
        Upstreams(settings.upstream, settings.request_timeout + 1.0),
        request_timeout=settings.request_timeout,
        session_seconds=settings.session_seconds,
        challenge_seconds=settings.challenge_seconds,
        clock=_now,
    )
    app = create_relay_app(relay, frozenset(settings.kiosks) if settings.kiosks else None)
    app.router.on_shutdown.append(relay.upstreams.close)
    return app


def app_from_environment() -> FastAPI:
    """The application of the configuration named by SHOMEI_CENTER_CONFIG (one per worker)."""
    return build_app(load_settings(Path(os.environ[CONFIG_ENVIRONMENT])))


def uvicorn_options(settings: CenterSettings) -> dict[str, Any]:
    """TLS with client certificates from the kiosks' CA (required at the handshake)."""
    if settings.tls is None:
        raise ValueError("the center needs [center.tls] certificate, key and client_ca")
    return {
        "host": settings.host,
        "port": settings.port,
        "ssl_certfile": str(settings.tls.certificate),
        "ssl_keyfile": str(settings.tls.key),
        "ssl_ca_certs": str(settings.tls.client_ca),
        "ssl_cert_reqs": ssl.CERT_REQUIRED,
        "http": ClientCertificateProtocol,
        "log_level": "warning",
        "access_log": False,
        "timeout_keep_alive": 30,
        "limit_concurrency": 1024,
    }


def serve(settings: CenterSettings, config_path: Path) -> None:
    """Run the center in the foreground with ``settings.workers`` processes on one socket."""
    os.environ[CONFIG_ENVIRONMENT] = str(config_path)
    uvicorn.run(
        "issuance_center.serving:app_from_environment",
        factory=True,
        workers=settings.workers,
        **uvicorn_options(settings),
    )


@contextmanager
def running_center(settings: CenterSettings, store: CenterStore) -> Iterator[int]:
    """Serve one worker in a background thread (tests, the demo); yields the bound port."""
    server = uvicorn.Server(uvicorn.Config(build_app(settings, store), **uvicorn_options(settings)))
    thread = threading.Thread(target=server.run, name="shomei-center", daemon=True)
    thread.start()
    try:
        while not server.started:
            if not thread.is_alive():
                raise RuntimeError("the center did not start")
            thread.join(0.02)
        yield server.servers[0].sockets[0].getsockname()[1]
    finally:
        server.should_exit = True
        thread.join(10)
