"""Serving the relay API with the shared hardened mutual-TLS listener, one or more workers.

The kiosk's certificate is required at the handshake (``issuance_contract.mtls_listener``:
connection limits, handshake and idle time-outs, the kiosks' CA and its CRL); health checks go
to a plain-HTTP listener on 127.0.0.1 (``health_port``).
"""

from __future__ import annotations

import datetime as dt
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from issuance_center.card_check import CardChecker
from issuance_center.relay import Relay
from issuance_center.relay_api import create_relay_app
from issuance_center.settings import CenterSettings, load_settings
from issuance_center.store import CenterStore
from issuance_center.upstream import Upstreams
from issuance_contract.mtls_listener import (
    MutualTlsFiles,
    bind_sockets,
    hardened_config,
    port_of,
    running_in_thread,
    serve,
)

CONFIG_ENVIRONMENT = "SHOMEI_CENTER_CONFIG"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def build_app(settings: CenterSettings, store: CenterStore | None = None) -> FastAPI:
    """The relay application for ``settings`` (its own store unless one is given)."""
    relay = Relay(
        store or CenterStore(settings.database_url, settings.database_connections),
        CardChecker.from_files(settings.jpki_ca, settings.jpki_crl),
        Upstreams(settings.upstream, settings.request_timeout + 1.0, settings.upstream_connections),
        request_timeout=settings.request_timeout,
        session_seconds=settings.session_seconds,
        challenge_seconds=settings.challenge_seconds,
        clock=_now,
    )
    app = create_relay_app(relay, frozenset(settings.kiosks) if settings.kiosks else None)
    app.router.on_startup.append(relay.store.db.open_async)
    app.router.on_shutdown.append(relay.store.db.close_async)
    app.router.on_shutdown.append(relay.upstreams.close)
    return app


def app_from_environment() -> FastAPI:
    """The application of the configuration named by SHOMEI_CENTER_CONFIG (one per worker)."""
    return build_app(load_settings(Path(os.environ[CONFIG_ENVIRONMENT])))


def _config(
    settings: CenterSettings, app: FastAPI | str, sockets: list[socket.socket]
) -> uvicorn.Config:
    if settings.tls is None:
        raise ValueError("the center needs [center.tls] certificate, key and client_ca")
    tls = settings.tls
    files = MutualTlsFiles(tls.certificate, tls.key, tls.client_ca, tls.client_crl)
    health = port_of(sockets[1]) if len(sockets) > 1 else None
    return hardened_config(
        app, files, settings.connections, health_port=health, factory=isinstance(app, str)
    )


def serve_forever(settings: CenterSettings, config_path: Path) -> None:
    """Run the center in the foreground with ``settings.workers`` processes on one socket."""
    os.environ[CONFIG_ENVIRONMENT] = str(config_path)
    sockets = bind_sockets(settings.host, settings.port, settings.health_port)
    config = _config(settings, "issuance_center.serving:app_from_environment", sockets)
    serve(config, sockets, workers=settings.workers)


@contextmanager
def running_center(settings: CenterSettings, store: CenterStore) -> Iterator[int]:
    """Serve one worker in a background thread (tests, the demo); yields the bound port."""
    sockets = bind_sockets(settings.host, settings.port, settings.health_port)
    try:
        config = _config(settings, build_app(settings, store), sockets)
    except BaseException:
        for sock in sockets:
            sock.close()
        raise
    with running_in_thread(config, sockets) as ports:
        yield ports[0]
