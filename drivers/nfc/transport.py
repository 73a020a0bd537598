"""The link to one connected card: a ``Transport`` per backend, with time-outs and a trace."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Protocol

from drivers.nfc.apdu import describe_command, describe_response
from drivers.nfc.errors import CardTimeoutError, NfcError, ReaderError

trace = logging.getLogger("drivers.nfc.apdu")

DEFAULT_APDU_TIMEOUT_S = 3.0


class Transport(Protocol):
    """Sends one command APDU to a connected card and returns its raw response (data + SW)."""

    @property
    def atr(self) -> bytes:
        """The card's answer to reset."""
        ...

    @property
    def extended_length(self) -> bool:
        """Whether the reader passes extended-length APDUs."""
        ...

    def transmit(self, apdu: bytes | bytearray) -> bytes:
        """Exchange one APDU; raise an ``NfcError`` (removal, reader failure) on failure."""
        ...

    def close(self) -> None:
        """Release the card (no error if it is already gone)."""
        ...


@dataclass
class ExchangeStats:
    """What crossed the link: APDUs and bytes in each direction."""

    apdus: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0


class TimedExchanger:
    """Runs each exchange on a daemon thread so that no card or reader can hang the caller."""

    def __init__(self, transport: Transport, timeout_s: float = DEFAULT_APDU_TIMEOUT_S) -> None:
        self._transport = transport
        self._timeout_s = timeout_s
        self._broken = False
        self.stats = ExchangeStats()

    def exchange(self, apdu: bytes | bytearray) -> bytes:
        """Send ``apdu`` and return the raw response, or raise within the time-out."""
        if self._broken:
            raise CardTimeoutError("an earlier APDU timed out; reconnect the card")
        trace.debug("> %s", describe_command(apdu))
        outcome: list[bytes | NfcError] = []
        done = threading.Event()

        def work() -> None:
            try:
                outcome.append(self._transport.transmit(apdu))
            except NfcError as exc:
                outcome.append(exc)
            except Exception as exc:  # a thread boundary: hand every failure to the caller
                error = ReaderError(f"transport failed: {type(exc).__name__}")
                error.__cause__ = exc
                outcome.append(error)
            finally:
                done.set()

        threading.Thread(target=work, name="nfc-apdu", daemon=True).start()
        if not done.wait(self._timeout_s):
            self._broken = True
            trace.debug("< no answer within %.1f s", self._timeout_s)
            raise CardTimeoutError(f"no answer within {self._timeout_s:.1f} s")
        result = outcome[0]
        if isinstance(result, NfcError):
            trace.debug("< %s", type(result).__name__)
            raise result
        trace.debug("< %s", describe_response(result))
        self.stats.apdus += 1
        self.stats.bytes_sent += len(apdu)
        self.stats.bytes_received += len(result)
        return result
