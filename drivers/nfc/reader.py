"""Card readers chosen by URL: ``pcsc:``, ``pcsc:?reader=NAME`` (PC/SC) or ``sim:`` (in-process)."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

from drivers.device import DeviceABC
from drivers.nfc.card import MyNumberCard
from drivers.nfc.errors import ReaderUrlError
from drivers.nfc.transport import DEFAULT_APDU_TIMEOUT_S

CardEvent = Callable[[], None]


class CardReader(DeviceABC):
    """One card reader: card events through callbacks, and connecting to the card on it."""

    @property
    @abstractmethod
    def name(self) -> str:
        """The reader's name as the backend knows it."""

    @abstractmethod
    def start_monitoring(self, on_inserted: CardEvent, on_removed: CardEvent) -> None:
        """Report card insertion and removal; callbacks come from a driver thread.

        A card already on the reader is reported as inserted at once.
        """

    @abstractmethod
    def stop_monitoring(self) -> None:
        """Stop reporting card events."""

    @abstractmethod
    def card_present(self) -> bool:
        """Whether a card is on the reader now."""

    @abstractmethod
    def connect(self) -> MyNumberCard:
        """Connect to the card and check that it is a My Number Card."""

    @abstractmethod
    def close(self) -> None:
        """Stop monitoring and release the reader."""


def _options(query: str) -> dict[str, str]:
    """The last value of each query parameter of a device URL."""
    return {key: values[-1] for key, values in parse_qs(query).items()}


def _flag(options: dict[str, str], key: str) -> bool:
    """A yes/no URL option, ``1`` or ``0`` (the default)."""
    value = options.get(key, "0")
    if value not in ("0", "1"):
        raise ReaderUrlError(f"{key} must be 0 or 1")
    return value == "1"


def open_card_reader(url: str) -> CardReader:
    """Open the reader a device URL names.

    Options: ``timeout`` (seconds per APDU) and ``extended=1`` (the reader passes extended-length
    APDUs, so the certificate is read in one APDU; short APDUs are the safe default).
    """
    parts = urlsplit(url)
    options = _options(parts.query)
    timeout_s = float(options.get("timeout", DEFAULT_APDU_TIMEOUT_S))
    if not 0 < timeout_s <= 60:
        raise ReaderUrlError("timeout must be between 0 and 60 seconds")
    extended = _flag(options, "extended")
    if parts.scheme == "sim":
        from drivers.nfc.sim import SimCardReader

        return SimCardReader(extended_length=extended, timeout_s=timeout_s)
    if parts.scheme == "pcsc":
        from drivers.nfc.pcsc import PcscCardReader

        return PcscCardReader(options.get("reader"), extended_length=extended, timeout_s=timeout_s)
    raise ReaderUrlError(f"unsupported card reader URL scheme {parts.scheme!r} (use pcsc: or sim:)")
