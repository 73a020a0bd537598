"""Kiosk configuration: a TOML file loaded into typed, validated objects."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, Strict, ValidationError, field_validator

DEFAULT_CONFIG_PATH = Path("/etc/shomei-kiosk/kiosk.toml")


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names file, key and expectation."""


class CertificateType(StrEnum):
    """The certificates the kiosk issues."""

    JUMINHYO = "juminhyo"  # 住民票の写し
    INKAN = "inkan"  # 印鑑登録証明書
    KOSEKI_ZENBU = "koseki_zenbu"  # 戸籍全部事項証明書
    KOSEKI_KOJIN = "koseki_kojin"  # 戸籍個人事項証明書
    FUHYO = "fuhyo"  # 戸籍の附票の写し


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


# Values that TOML can only write as strings: converted, everything else must have its TOML type.
Lax = Strict(False)


_DEVICE_SCHEMES: dict[str, tuple[str, ...]] = {
    "card_reader": ("pcsc", "sim"),
    "coin_acceptor": ("cctalk", "sim"),
    "hopper": ("cctalk", "sim"),
    "a4_printer": ("ipp", "ipps", "cups", "sim"),
    "receipt_printer": ("escpos+serial", "escpos+usb", "escpos+tcp", "sim"),
    "center": ("embedded", "https", "http"),
}


def check_device_url(kind: str, url: str) -> str:
    """Return ``url`` if its scheme suits the device ``kind``, else raise ValueError."""
    allowed = _DEVICE_SCHEMES[kind]
    scheme = urlsplit(url).scheme
    if ":" not in url or scheme not in allowed:
        raise ValueError(f"a URL starting with {' or '.join(s + ':' for s in allowed)}")
    return url


class DevicesConfig(_Strict):
    """Which driver backend talks to each device, chosen by URL."""

    card_reader: str = "pcsc:"
    coin_acceptor: str
    hoppers: dict[str, str] = Field(default_factory=dict)
    a4_printer: str
    receipt_printer: str

    @field_validator("card_reader", "coin_acceptor", "a4_printer", "receipt_printer")
    @classmethod
    def _url_scheme(cls, value: str, info: Any) -> str:
        return check_device_url(str(info.field_name), value)

    @field_validator("hoppers")
    @classmethod
    def _hoppers(cls, value: dict[str, str]) -> dict[str, str]:
        for denomination, url in value.items():
            if denomination not in {"10", "50", "100", "500"}:
                raise ValueError("hopper keys that are coin values in yen: 10, 50, 100 or 500")
            check_device_url("hopper", url)
        return value


class CenterConfig(_Strict):
    """The link to the municipality's issuance server."""

    url: str = "embedded:"
    client_certificate: Annotated[Path, Lax] | None = None
    client_key: Annotated[Path, Lax] | None = None
    server_ca: Annotated[Path, Lax] | None = None

    @field_validator("url")
    @classmethod
    def _url_scheme(cls, value: str) -> str:
        return check_device_url("center", value)


class MunicipalityConfig(_Strict):
    """The city the kiosk issues for."""

    code: Annotated[str, Field(pattern=r"^\d{6}$")]
    name: Annotated[str, Field(min_length=1)]
    mayor: Annotated[str, Field(min_length=1)]
    allow_individual_number: bool = False


_HOURS = re.compile(r"^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$")


class ServiceHours(_Strict):
    """When one certificate type can be issued."""

    open: dt.time
    close: dt.time
    weekdays_only: bool = False

    def is_open(self, when: dt.datetime) -> bool:
        """True if ``when`` is within these hours."""
        if self.weekdays_only and when.weekday() >= 5:
            return False
        return self.open <= when.time() < self.close


class CertificateConfig(_Strict):
    """Fee and hours of one certificate type."""

    enabled: bool = True
    fee_yen: Annotated[int, Field(ge=0, le=10_000, multiple_of=10)]
    hours: Annotated[str, Field(pattern=_HOURS.pattern)] = "06:30-23:00"
    weekdays_only: bool = False

    @property
    def service_hours(self) -> ServiceHours:
        """The hours as times."""
        start, end = self.hours.split("-")
        close = dt.time.max if end == "24:00" else dt.time.fromisoformat(end)
        return ServiceHours(
            open=dt.time.fromisoformat(start), close=close, weekdays_only=self.weekdays_only
        )


class TimeoutsConfig(_Strict):
    """Time-outs in seconds."""

    screen: Annotated[float, Field(gt=0, le=600)] = 60.0
    more_time_prompt: Annotated[float, Field(gt=0, le=120)] = 20.0
    card_removal: Annotated[float, Field(gt=0, le=300)] = 30.0
    payment: Annotated[float, Field(gt=0, le=600)] = 120.0
    printing: Annotated[float, Field(gt=0, le=1800)] = 300.0
    server: Annotated[float, Field(gt=0, le=120)] = 15.0
    take_reminder: Annotated[float, Field(gt=0, le=300)] = 60.0


class Language(StrEnum):
    """Screen languages; certificates stay in Japanese."""

    JA = "ja"
    EN = "en"
    ZH = "zh"
    KO = "ko"
    PT = "pt"
    ES = "es"
    VI = "vi"


class KioskConfig(_Strict):
    """This kiosk's identity and local settings."""

    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9-]{1,32}$")]
    data_dir: Annotated[Path, Lax]
    languages: list[Annotated[Language, Lax]] = Field(default_factory=lambda: list(Language))
    default_language: Annotated[Language, Lax] = Language.JA
    closed_days: list[Annotated[str, Field(pattern=r"^\d{2}-\d{2}$")]] = Field(
        default_factory=lambda: ["12-29", "12-30", "12-31", "01-01", "01-02", "01-03"]
    )
    maintenance_dates: list[dt.date] = Field(default_factory=list)


class Config(_Strict):
    """The whole kiosk configuration."""

    kiosk: KioskConfig
    devices: DevicesConfig
    center: CenterConfig = CenterConfig()
    municipality: MunicipalityConfig
    certificates: dict[Annotated[CertificateType, Lax], CertificateConfig]
    timeouts: TimeoutsConfig = TimeoutsConfig()

    @field_validator("certificates")
    @classmethod
    def _all_types(
        cls, value: dict[CertificateType, CertificateConfig]
    ) -> dict[CertificateType, CertificateConfig]:
        missing = [t.value for t in CertificateType if t not in value]
        if missing:
            raise ValueError(f"a table for every certificate type; missing {', '.join(missing)}")
        return value


_EXPECTATIONS = {
    "missing": "this required key",
    "extra_forbidden": "no such key (it is unknown)",
    "string_type": "a string",
    "int_type": "an integer",
    "float_type": "a number",
    "bool_type": "true or false",
    "dict_type": "a table",
    "list_type": "an array",
    "model_type": "a table",
    "enum": "one of the listed values",
}


def _describe(error: Mapping[str, Any]) -> tuple[str, str]:
    key = ".".join(str(part) for part in error["loc"]) or "(top level)"
    kind = str(error["type"])
    if kind in _EXPECTATIONS and kind not in {"enum"}:
        expected = _EXPECTATIONS[kind]
    else:
        message = str(error["msg"])
        expected = message.removeprefix("Value error, ")
    return key, expected


def parse_config(text: str, source: str) -> Config:
    """Parse TOML ``text`` (named ``source`` in messages) into a Config."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source}: not valid TOML: {exc}") from None
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        key, expected = _describe(exc.errors()[0])
        got = exc.errors()[0].get("input")
        shown = "" if isinstance(got, dict) or got is None else f" (got {got!r})"
        if exc.error_count() > 1:
            shown += f"; {exc.error_count() - 1} more problem(s) after this one"
        raise ConfigError(f"{source}: key '{key}': expected {expected}{shown}") from None


def load_config(path: Path) -> Config:
    """Read and validate the configuration file at ``path``."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the configuration file: {exc}") from None
    return parse_config(text, str(path))


def demo_config_text() -> str:
    """The built-in demo configuration (simulated devices, embedded server)."""
    return resources.files("kiosk_app").joinpath("demo_config.toml").read_text(encoding="utf-8")


def load_demo_config(data_dir: Path | None = None) -> Config:
    """The demo configuration, with its data directory optionally replaced."""
    config = parse_config(demo_config_text(), "built-in demo config")
    if data_dir is not None:
        config = config.model_copy(
            update={"kiosk": config.kiosk.model_copy(update={"data_dir": data_dir})}
        )
    return config
