"""The center's settings (``/etc/shomei-center/center.toml``): storage, listener, trust, limits."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Annotated

import msgspec

from issuance_contract.mtls_listener import ConnectionLimits
from issuance_contract.pool_size import DEFAULT_SIZE
from issuance_contract.toml_schema import ConfigError, Strict, convert


class ListenerTls(Strict, frozen=True):
    """The kiosk-facing listener: the center's server certificate and the kiosks' CA."""

    certificate: Path
    key: Path
    client_ca: Path
    client_crl: Path | None = None  # the kiosk CA's CRL: a revoked kiosk cannot connect


class UpstreamTls(Strict, frozen=True):
    """The center's own client certificate, presented to every municipality server."""

    certificate: Path
    key: Path


class CenterSettings(Strict, frozen=True):
    """Everything ``shomei-center`` needs; the municipalities live in the database."""

    data_dir: Path
    jpki_ca: Path  # the JPKI CA certificate (PEM) that issues the cards
    database: str = ""  # empty: SQLite in data_dir
    #: PostgreSQL connections per worker process at most; the cluster's max_connections must be
    #: at least workers × this (plus what else uses it).
    database_connections: Annotated[int, msgspec.Meta(ge=1, le=200)] = DEFAULT_SIZE
    jpki_crl: Path | None = None
    host: str = "127.0.0.1"
    port: Annotated[int, msgspec.Meta(ge=0, le=65535)] = 9443
    workers: Annotated[int, msgspec.Meta(ge=1, le=64)] = 1
    #: How long a municipality may take for one call (an issuance is cancelled whole after it).
    request_timeout: Annotated[float, msgspec.Meta(gt=0, le=120)] = 12.0
    session_seconds: Annotated[float, msgspec.Meta(gt=0, le=3600)] = 900.0
    challenge_seconds: Annotated[float, msgspec.Meta(gt=0, le=600)] = 120.0
    health_port: Annotated[int, msgspec.Meta(ge=0, le=65535)] | None = None  # on 127.0.0.1
    connections: ConnectionLimits = ConnectionLimits()  # [center.connections]
    #: Connections each worker keeps to one municipality at most (a call waits for a free one);
    #: the municipality's [server.connections] per_peer must be ≥ workers × this.
    upstream_connections: Annotated[int, msgspec.Meta(ge=1, le=1024)] = 16
    tls: ListenerTls | None = None
    upstream: UpstreamTls | None = None
    kiosks: list[str] = msgspec.field(default_factory=list)  # allowed kiosk ids; empty: any

    @property
    def database_url(self) -> str:
        """The database URL (SQLite file in the data directory unless set)."""
        return self.database or f"sqlite:///{self.data_dir / 'center.sqlite3'}"


def load_settings(path: Path) -> CenterSettings:
    """Read a center TOML file: [center], [center.tls], [center.upstream]."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the configuration: {exc}") from None
    center = data.pop("center", {})
    if not isinstance(center, dict) or data:
        raise ConfigError(f"{path}: expected only a [center] table")
    return convert(center, CenterSettings, str(path))
