"""The NFC driver's one exception tree: every failure a caller can see is an ``NfcError``."""

from __future__ import annotations

from drivers.errors import DeviceTimeoutError, DeviceUrlError, DriverError


class NfcError(DriverError):
    """Base of every error raised by ``drivers.nfc``."""


class ReaderUrlError(NfcError, DeviceUrlError):
    """A card reader URL cannot be used (scheme, options)."""


class NoReaderError(NfcError):
    """No card reader (or no PC/SC service) is available."""


class ReaderError(NfcError):
    """The reader or the PC/SC service failed in a way that is not a card removal."""


class CardRemovedError(NfcError):
    """The card is not on the reader, or left it during an operation."""


class CardTimeoutError(NfcError, DeviceTimeoutError):
    """The card did not answer an APDU in time; the connection is no longer usable."""


class NotMyNumberCardError(NfcError):
    """The card on the reader is not a My Number Card (no JPKI application or token)."""


class BadResponseError(NfcError):
    """The card's answer broke the protocol: truncated, too long or malformed data."""


class PinFormatError(NfcError):
    """The PIN handed to the driver is not 4 ASCII digits (no try is consumed)."""


class WrongPinError(NfcError):
    """The card refused the PIN; ``tries_left`` more wrong PINs lock it."""

    def __init__(self, tries_left: int) -> None:
        super().__init__(f"wrong PIN, {tries_left} tries left")
        self.tries_left = tries_left


class PinLockedError(NfcError):
    """The authentication PIN is locked (too many wrong PINs); only the city office can reset it."""


class CardError(NfcError):
    """The card answered with an unexpected status word ``sw`` (e.g. 0x6A82)."""

    def __init__(self, sw: int, context: str = "") -> None:
        where = f" ({context})" if context else ""
        super().__init__(f"card status {sw:04X}{where}")
        self.sw = sw
