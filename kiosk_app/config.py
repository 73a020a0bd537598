"""Kiosk configuration: a TOML file loaded into typed, validated objects."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import msgspec

from issuance_contract.certificates import CertificateConfig, CertificateType, MunicipalityConfig
from issuance_contract.demo_city import demo_city_text
from issuance_contract.service_calendar import YEAR_END_CLOSED_DAYS, MonthDay, ServiceCalendar
from issuance_contract.toml_schema import ConfigError, Strict, TableRuleError, convert, described

DEFAULT_CONFIG_PATH = Path("/etc/shomei-kiosk/kiosk.toml")


_DEVICE_SCHEMES: dict[str, tuple[str, ...]] = {
    "card_reader": ("pcsc", "sim"),
    "coin_acceptor": ("cctalk", "sim"),
    "hopper": ("cctalk", "sim"),
    "a4_printer": ("ipp", "ipps", "cups", "sim"),
    "receipt_printer": ("escpos+serial", "escpos+usb", "escpos+tcp", "sim"),
    "center": ("embedded", "https", "http"),
}


def _device_url(kind: str) -> msgspec.Meta:
    """A URL whose scheme suits the device ``kind``."""
    schemes = _DEVICE_SCHEMES[kind]
    pattern = "^(?:" + "|".join(re.escape(scheme) for scheme in schemes) + "):"
    return described(pattern, "a URL starting with " + " or ".join(s + ":" for s in schemes))


CardReaderUrl = Annotated[str, _device_url("card_reader")]
CoinAcceptorUrl = Annotated[str, _device_url("coin_acceptor")]
HopperUrl = Annotated[str, _device_url("hopper")]
A4PrinterUrl = Annotated[str, _device_url("a4_printer")]
ReceiptPrinterUrl = Annotated[str, _device_url("receipt_printer")]
CenterUrl = Annotated[str, _device_url("center")]
#: The coin values a hopper can pay out, in yen (TOML table keys are strings).
HopperCoin = Literal["10", "50", "100", "500"]


def _seconds(limit: float) -> msgspec.Meta:
    return msgspec.Meta(gt=0, le=limit)


class DevicesConfig(Strict, frozen=True):
    """Which driver backend talks to each device, chosen by URL."""

    coin_acceptor: CoinAcceptorUrl
    a4_printer: A4PrinterUrl
    receipt_printer: ReceiptPrinterUrl
    card_reader: CardReaderUrl = "pcsc:"
    hoppers: dict[HopperCoin, HopperUrl] = msgspec.field(default_factory=dict)


class CenterConfig(Strict, frozen=True):
    """The link to the municipality's issuance server."""

    url: CenterUrl = "embedded:"
    #: True when ``url`` names a relay center (a store kiosk serving every municipality): the
    #: person first chooses 住所地 or 本籍地. With ``embedded:`` the demo's center is started.
    relay: bool = False
    client_certificate: Path | None = None
    client_key: Path | None = None
    server_ca: Path | None = None


class TimeoutsConfig(Strict, frozen=True):
    """Time-outs in seconds."""

    screen: Annotated[float, _seconds(600)] = 60.0
    more_time_prompt: Annotated[float, _seconds(120)] = 20.0
    card_removal: Annotated[float, _seconds(300)] = 30.0
    payment: Annotated[float, _seconds(600)] = 120.0
    printing: Annotated[float, _seconds(1800)] = 300.0
    server: Annotated[float, _seconds(120)] = 15.0
    take_reminder: Annotated[float, _seconds(300)] = 60.0


class Language(StrEnum):
    """Screen languages; certificates stay in Japanese."""

    JA = "ja"
    EN = "en"
    ZH = "zh"
    KO = "ko"
    PT = "pt"
    ES = "es"
    VI = "vi"


#: The zone of every displayed or printed time unless ``kiosk.time_zone`` says otherwise.
DEFAULT_TIME_ZONE = "Asia/Tokyo"


def _is_time_zone(name: str) -> bool:
    """True when ``name`` is a time zone this system knows (tzdata)."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


#: The largest ``[kiosk] ui_scale`` (and automatic stylesheet scale): beyond it screens overflow.
MAX_UI_SCALE = 3.0


class Place(StrEnum):
    """Where a device's opening is, seen from the person facing the screen."""

    LEFT = "left"
    RIGHT = "right"
    BELOW = "below"


class KioskLayout(Strict, frozen=True):
    """Where the kiosk's reader, slots and trays are, so that the pictures point there."""

    card_reader: Place = Place.RIGHT
    coin_slot: Place = Place.RIGHT
    change_tray: Place = Place.BELOW
    a4_tray: Place = Place.BELOW
    receipt_slot: Place = Place.RIGHT


class KioskConfig(Strict, frozen=True):
    """This kiosk's identity and local settings."""

    id: Annotated[str, described(r"^[A-Za-z0-9-]{1,32}$", "1 to 32 letters, digits or -")]
    data_dir: Path
    languages: list[Language] = msgspec.field(default_factory=lambda: list(Language))
    default_language: Language = Language.JA
    closed_days: list[MonthDay] = msgspec.field(default_factory=lambda: [*YEAR_END_CLOSED_DAYS])
    maintenance_dates: list[dt.date] = msgspec.field(default_factory=list)
    #: How much to enlarge the 96-dpi screens: 0 = from the panel's physical size (automatic).
    ui_scale: float = 0.0
    #: Shuffle the PIN keypad's digits for each PIN entry (against shoulder-surfing and smudges).
    shuffle_pin_keypad: bool = False
    layout: KioskLayout = msgspec.field(default_factory=KioskLayout)
    #: The zone of every time shown or printed (IANA name), whatever the system's zone.
    time_zone: str = DEFAULT_TIME_ZONE

    def __post_init__(self) -> None:
        if not (self.ui_scale == 0 or 1.0 <= self.ui_scale <= MAX_UI_SCALE):
            raise TableRuleError(
                "kiosk.ui_scale",
                f"0 (automatic) or a factor from 1.0 to {MAX_UI_SCALE} (got {self.ui_scale})",
            )
        if not _is_time_zone(self.time_zone):
            raise TableRuleError(
                "kiosk.time_zone", f"an IANA time zone such as Asia/Tokyo (got {self.time_zone!r})"
            )


class Config(Strict, frozen=True):
    """The whole kiosk configuration."""

    kiosk: KioskConfig
    devices: DevicesConfig
    municipality: MunicipalityConfig
    certificates: dict[CertificateType, CertificateConfig]
    center: CenterConfig = CenterConfig()
    timeouts: TimeoutsConfig = TimeoutsConfig()

    def __post_init__(self) -> None:
        missing = [t.value for t in CertificateType if t not in self.certificates]
        if missing:
            raise TableRuleError(
                "certificates", f"a table for every certificate type; missing {', '.join(missing)}"
            )

    def service_calendar(self) -> ServiceCalendar:
        """When this kiosk serves which certificate."""
        return ServiceCalendar(
            self.certificates,
            self.kiosk.closed_days,
            self.kiosk.maintenance_dates,
            ZoneInfo(self.kiosk.time_zone),
        )


def parse_config(text: str, source: str) -> Config:
    """Parse TOML ``text`` (named ``source`` in messages) into a Config."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source}: not valid TOML: {exc}") from None
    return convert(data, Config, source)


def load_config(path: Path) -> Config:
    """Read and validate the configuration file at ``path``."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the configuration file: {exc}") from None
    return parse_config(text, str(path))


def demo_config_text() -> str:
    """The built-in demo configuration (simulated devices, embedded server, the demo city)."""
    kiosk = resources.files("kiosk_app").joinpath("demo_config.toml").read_text(encoding="utf-8")
    return kiosk + "\n" + demo_city_text()


def load_demo_config(data_dir: Path | None = None, relay: bool = False) -> Config:
    """The demo configuration, with its data directory optionally replaced; ``relay``: the
    store-kiosk demo (an embedded relay center in front of three demo municipalities)."""
    config = parse_config(demo_config_text(), "built-in demo config")
    if relay:
        center = msgspec.structs.replace(config.center, relay=True)
        config = msgspec.structs.replace(config, center=center)
    if data_dir is not None:
        config = msgspec.structs.replace(
            config, kiosk=msgspec.structs.replace(config.kiosk, data_dir=data_dir)
        )
    return config
