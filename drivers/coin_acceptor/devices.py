"""Open coin acceptors and hoppers by URL: ``cctalk:///dev/x?checksum=crc16``, a bare ``/dev/x``
or ``sim:``."""

from __future__ import annotations

import threading
import urllib.parse
from dataclasses import dataclass

import serial

from drivers.coin_acceptor.acceptor import CcTalkCoinAcceptor
from drivers.coin_acceptor.errors import CoinUrlError, PortError
from drivers.coin_acceptor.framing import ACCEPTOR_ADDRESS, HOPPER_ADDRESS, ChecksumMode
from drivers.coin_acceptor.hopper import DEFAULT_LOW_LEVEL_COINS, CcTalkHopper
from drivers.coin_acceptor.link import CcTalkLink
from drivers.coin_acceptor.protocol_ccemu import register
from drivers.coin_acceptor.sim import DEFAULT_SIM_LEVEL, SimCoinAcceptor, SimHopper

_LINK_OPTIONS = {"checksum", "echo", "baudrate"}
_DEVICE_OPTIONS = {"address", "low_level_coins"}
_SIM_OPTIONS = {"checksum", "echo", "pace", "level", "coin_period"}


@dataclass(frozen=True)
class DeviceUrl:
    """A parsed device URL."""

    scheme: str
    port: str
    options: dict[str, str]

    def integer(self, name: str, default: int, low: int = 0, high: int = 255) -> int:
        """An integer option within bounds."""
        raw = self.options.get(name, str(default))
        if not raw.isdigit() or not low <= int(raw) <= high:
            raise CoinUrlError(f"{name}={raw!r}: expected a whole number {low}..{high}")
        return int(raw)

    def flag(self, name: str) -> bool:
        """A 0/1 option."""
        raw = self.options.get(name, "0")
        if raw not in {"0", "1"}:
            raise CoinUrlError(f"{name}={raw!r}: expected 0 or 1")
        return raw == "1"

    def checksum(self) -> ChecksumMode:
        """The checksum option."""
        raw = self.options.get("checksum", "simple")
        try:
            return ChecksumMode(raw)
        except ValueError as exc:
            raise CoinUrlError(f"checksum={raw!r}: expected simple or crc16") from exc


def parse_device_url(url: str) -> DeviceUrl:
    """Split ``cctalk://PORT?options`` or ``sim:?options``; unknown options are errors.

    A bare device path (``/dev/ttyUSB0``) means ``cctalk:///dev/ttyUSB0`` with every default.
    """
    if url.startswith("/"):
        url = f"cctalk://{url}"
    parts = urllib.parse.urlsplit(url)
    options = dict(urllib.parse.parse_qsl(parts.query, keep_blank_values=True))
    if parts.scheme == "sim":
        allowed = _SIM_OPTIONS
        port = ""
    elif parts.scheme == "cctalk":
        allowed = _LINK_OPTIONS | _DEVICE_OPTIONS
        port = parts.netloc + parts.path
        if not port:
            raise CoinUrlError(f"{url!r}: no serial port named (cctalk:///dev/ttyUSB0)")
    else:
        raise CoinUrlError(f"{url!r}: expected cctalk://PORT or sim:")
    unknown = set(options) - allowed
    if unknown:
        raise CoinUrlError(f"{url!r}: unknown option(s) {', '.join(sorted(unknown))}")
    return DeviceUrl(parts.scheme, port, options)


class LinkPool:
    """One :class:`CcTalkLink` per serial port, shared by the devices on that bus."""

    def __init__(self) -> None:
        self._links: dict[str, CcTalkLink] = {}
        self._lock = threading.Lock()

    def link_for(self, url: DeviceUrl) -> CcTalkLink:
        """The link for ``url``'s port, opened on first use (settings must then agree)."""
        with self._lock:
            link = self._links.get(url.port)
            checksum, echo = url.checksum(), url.flag("echo")
            if link is not None:
                if (link.checksum, link.echo) != (checksum, echo):
                    raise CoinUrlError(f"{url.port}: devices disagree on checksum/echo")
                return link
            baudrate = url.integer("baudrate", 9600, 1200, 115200)
            register()
            try:
                port = serial.serial_for_url(url.port, baudrate=baudrate, timeout=0.01)
            except (serial.SerialException, OSError, ValueError) as exc:
                raise PortError(f"cannot open {url.port}: {exc}") from exc
            link = CcTalkLink(port, checksum=checksum, echo=echo)
            self._links[url.port] = link
            return link

    def close(self) -> None:
        """Close every link."""
        with self._lock:
            links, self._links = list(self._links.values()), {}
        for link in links:
            link.close()


def open_coin_acceptor(url: str, links: LinkPool | None = None) -> CcTalkCoinAcceptor:
    """An initialised coin acceptor (coin table read, all coins inhibited).

    Pass one ``links`` pool when the acceptor and hoppers share a serial port.
    """
    parsed = parse_device_url(url)
    acceptor: CcTalkCoinAcceptor
    if parsed.scheme == "sim":
        acceptor = SimCoinAcceptor(
            checksum=parsed.checksum(), echo=parsed.flag("echo"), pace=parsed.flag("pace")
        )
    else:
        link = (links or LinkPool()).link_for(parsed)
        acceptor = CcTalkCoinAcceptor(link, parsed.integer("address", ACCEPTOR_ADDRESS, 1, 255))
    acceptor.initialise()
    return acceptor


def open_hopper(url: str, coin_yen: int, links: LinkPool | None = None) -> CcTalkHopper:
    """An enabled hopper paying ``coin_yen`` coins."""
    parsed = parse_device_url(url)
    hopper: CcTalkHopper
    if parsed.scheme == "sim":
        hopper = SimHopper(
            coin_yen,
            level=parsed.integer("level", DEFAULT_SIM_LEVEL, 0, 100_000),
            coin_period=float(parsed.integer("coin_period", 0, 0, 10_000)) / 1000,
            checksum=parsed.checksum(),
            echo=parsed.flag("echo"),
            pace=parsed.flag("pace"),
        )
    else:
        link = (links or LinkPool()).link_for(parsed)
        hopper = CcTalkHopper(
            link,
            coin_yen,
            parsed.integer("address", HOPPER_ADDRESS, 1, 255),
            parsed.integer("low_level_coins", DEFAULT_LOW_LEVEL_COINS, 0, 10_000),
        )
    hopper.enable()
    return hopper
