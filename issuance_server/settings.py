"""The issuance server's settings: the city, fees and hours, storage, time limits and TLS."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo

import msgspec

from issuance_contract.certificates import CertificateConfig, CertificateType, MunicipalityConfig
from issuance_contract.demo_city import demo_city_text
from issuance_contract.mtls_listener import DEFAULT_LIMITS, ConnectionLimits
from issuance_contract.pool_size import DEFAULT_SIZE
from issuance_contract.service_calendar import YEAR_END_CLOSED_DAYS, MonthDay
from issuance_contract.toml_schema import ConfigError, Strict, TableRuleError, convert

TOKYO = ZoneInfo("Asia/Tokyo")
#: The demo server's time limit for one request: a demo kiosk's default ``[timeouts] server``.
DEMO_REQUEST_TIMEOUT = 15.0


class TlsSettings(Strict, frozen=True):
    """The HTTPS listener: server certificate, the kiosks' CA and that CA's CRL (PEM)."""

    certificate: Path
    key: Path
    client_ca: Path
    client_crl: Path | None = None  # kiosk certificates revoked by the kiosk CA


class ServerSettings(Strict, frozen=True):
    """Everything ``IssuanceService`` and ``shomei-server serve`` need."""

    municipality: MunicipalityConfig
    certificates: dict[CertificateType, CertificateConfig]
    data_dir: Path
    database: str = ""  # empty: SQLite in data_dir
    #: PostgreSQL connections per server process at most; the cluster's max_connections must be
    #: at least the processes × this (plus what else uses it).
    database_connections: Annotated[int, msgspec.Meta(ge=1, le=200)] = DEFAULT_SIZE
    demo_data: bool = False  # load the fictitious demo registry into an empty database
    demo_seed: int = 20260401
    demo_card_serial_base: int = 0x100000  # distinct per demo municipality (one demo JPKI CA)
    jpki_ca: Path | None = None  # the JPKI CA certificate (PEM); unset only in the demo
    jpki_crl: Path | None = None  # a CRL of the JPKI CA (DER or PEM), read at start
    closed_days: list[MonthDay] = msgspec.field(default_factory=lambda: [*YEAR_END_CLOSED_DAYS])
    maintenance_dates: list[dt.date] = msgspec.field(default_factory=list)
    challenge_seconds: Annotated[float, msgspec.Meta(gt=0, le=600)] = 120.0
    session_seconds: Annotated[float, msgspec.Meta(gt=0, le=3600)] = 900.0
    request_timeout: Annotated[float, msgspec.Meta(gt=0, le=120)] = 10.0
    host: str = "127.0.0.1"
    port: Annotated[int, msgspec.Meta(ge=0, le=65535)] = 8443
    #: Plain-HTTP ``GET /healthz`` on 127.0.0.1 (never TLS, never another address); unset: none.
    health_port: Annotated[int, msgspec.Meta(ge=0, le=65535)] | None = 8444
    #: Publish /docs and /openapi.json on the mutual-TLS listener (off in production).
    api_docs: bool = False
    tls: TlsSettings | None = None
    connections: ConnectionLimits = DEFAULT_LIMITS
    kiosks: list[str] = msgspec.field(default_factory=list)  # allowed kiosk ids; demo: any

    def __post_init__(self) -> None:
        if self.demo_data:
            return
        if self.jpki_ca is None:
            raise TableRuleError(
                "server.jpki_ca", "the JPKI CA certificate (only the demo trusts its own CA)"
            )
        if not self.kiosks:
            raise TableRuleError(
                "server.kiosks", "the ids of the kiosks allowed to connect (only the demo has none)"
            )
        if self.tls is not None and self.tls.client_crl is None:
            raise TableRuleError(
                "server.tls.client_crl", "the kiosk CA's CRL (PEM), so that a kiosk can be revoked"
            )

    @property
    def database_url(self) -> str:
        """The database URL (SQLite file in the data directory unless set)."""
        return self.database or f"sqlite:///{self.data_dir / 'registry.sqlite3'}"


def load_settings(path: Path) -> ServerSettings:
    """Read a server TOML file: [server], [server.tls], [municipality], [certificates.*]."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the configuration: {exc}") from None
    server = data.pop("server", {})
    if not isinstance(server, dict):
        raise ConfigError(f"{path}: key 'server': expected a table")
    return convert({**server, **data}, ServerSettings, str(path))


def demo_settings(data_dir: Path) -> ServerSettings:
    """The demo city's settings (shared with the kiosk's demo) with a data directory."""
    city = tomllib.loads(demo_city_text())
    demo = {"data_dir": str(data_dir), "demo_data": True, "request_timeout": DEMO_REQUEST_TIMEOUT}
    return convert({**city, **demo}, ServerSettings, "built-in demo city")
