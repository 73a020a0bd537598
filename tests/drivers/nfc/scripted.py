"""A transport that answers from a script, for driver tests with hostile or odd cards."""

from __future__ import annotations

from collections.abc import Callable

from drivers.nfc.errors import CardRemovedError

Responder = Callable[[bytes], bytes]


class ScriptedTransport:
    """Answers each APDU with ``responder(apdu)``; records the APDUs it saw."""

    def __init__(self, responder: Responder, *, extended_length: bool = False) -> None:
        self._responder = responder
        self.extended_length = extended_length
        self.atr = bytes.fromhex("3B8080")
        self.sent: list[bytes] = []
        self.closed = False

    def transmit(self, apdu: bytes | bytearray) -> bytes:
        """Record the APDU and return the scripted answer."""
        if self.closed:
            raise CardRemovedError("closed")
        self.sent.append(bytes(apdu))
        return self._responder(bytes(apdu))

    def close(self) -> None:
        """Mark the transport closed."""
        self.closed = True
