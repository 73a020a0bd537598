"""The one exception tree of the ccTalk driver (python-can style)."""

from __future__ import annotations

from drivers.errors import DeviceTimeoutError, DeviceUrlError, DriverError


class CoinMechError(DriverError):
    """Base of every error raised by the coin acceptor and hopper driver."""


class PortError(CoinMechError):
    """The serial port could not be opened, was unplugged or failed (wraps SerialException)."""


class CoinUrlError(CoinMechError, DeviceUrlError):
    """A device URL (``cctalk://…``, ``sim:``) is malformed or names an unknown option."""


class CommunicationError(CoinMechError):
    """One exchange failed on the wire; safe to retry only for idempotent commands."""


class ReplyTimeoutError(CommunicationError, DeviceTimeoutError):
    """No complete reply arrived within the command's reply time-out."""


class EchoError(CommunicationError):
    """The single-wire echo of our own bytes was missing or different (a link failure)."""


class FrameError(CommunicationError):
    """Bytes were received that do not form a valid frame for us."""


class ChecksumError(FrameError):
    """A frame's simple checksum or CRC-16 did not match."""


class TruncatedFrameError(FrameError):
    """A frame stopped part-way: more than the inter-byte gap passed (resynchronised)."""


class FrameLengthError(FrameError):
    """A frame announced an absurd data length."""


class AddressError(FrameError):
    """A valid frame was addressed to someone else or came from the wrong device."""


class NakError(CommunicationError):
    """The device answered NAK (header 5)."""


class BusyError(CommunicationError):
    """The device answered BUSY (header 6)."""


class UnexpectedReplyError(CommunicationError):
    """A checksummed reply had the wrong header or a data length the command never returns."""


class DeviceFaultError(CoinMechError):
    """The device reports a fault (self-check code, hopper status register)."""


class HopperError(CoinMechError):
    """A hopper operation could not be carried out."""


class PayoutUnverifiedError(HopperError):
    """A dispense may or may not have happened and the hopper status cannot tell (never resend)."""

    def __init__(self, message: str, requested: int) -> None:
        super().__init__(message)
        self.requested = requested
