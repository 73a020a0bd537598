"""Puts a virtual card on vsmartcard's vpcd reader: a socket client speaking vpcd's framing."""

from __future__ import annotations

import logging
import socket
import threading
import time

from drivers.nfc.virtual_card import CardWithdrawn, VirtualMyNumberCard

logger = logging.getLogger(__name__)

VPCD_DEFAULT_PORT = 35963
_POWER_OFF, _POWER_ON, _RESET, _GET_ATR = 0x00, 0x01, 0x02, 0x04


class VpcdError(Exception):
    """The vpcd reader could not be reached."""


def _receive_exactly(sock: socket.socket, size: int) -> bytes | None:
    """``size`` bytes from ``sock``, or None when the peer closed the connection."""
    buffer = bytearray()
    while len(buffer) < size:
        chunk = sock.recv(size - len(buffer))
        if not chunk:
            return None
        buffer += chunk
        # vpcd writes its length prefix and payload separately: acknowledge at once so that
        # Nagle's algorithm on its side does not wait for our delayed ACK (40 ms per APDU).
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
    return bytes(buffer)


class VpcdCardClient:
    """A virtual card "on" a vpcd slot: connected = inserted, disconnected = removed."""

    def __init__(
        self, card: VirtualMyNumberCard, host: str = "127.0.0.1", port: int = VPCD_DEFAULT_PORT
    ) -> None:
        self.card = card
        self._address = (host, port)
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    @property
    def inserted(self) -> bool:
        """Whether the card is connected to vpcd."""
        with self._lock:
            return self._sock is not None

    def insert(self, connect_timeout_s: float = 5.0) -> None:
        """Connect to vpcd (retrying while pcscd starts) and answer it from a thread."""
        self.remove()
        deadline = time.monotonic() + connect_timeout_s
        while True:
            try:
                sock = socket.create_connection(self._address, timeout=1.0)
                break
            except OSError as exc:
                if time.monotonic() >= deadline:
                    raise VpcdError(f"vpcd not reachable at {self._address}: {exc}") from exc
                time.sleep(0.05)
        sock.settimeout(None)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.card.power_on()
        thread = threading.Thread(target=self._serve, args=(sock,), name="vpcd-card", daemon=True)
        with self._lock:
            self._sock, self._thread = sock, thread
        thread.start()

    def remove(self) -> None:
        """Take the card away: power lost and the socket closed (vpcd reports the removal)."""
        with self._lock:
            sock, thread = self._sock, self._thread
            self._sock, self._thread = None, None
        self.card.power_off()
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                logger.debug("vpcd socket already closed")
            sock.close()
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=5)

    def _serve(self, sock: socket.socket) -> None:
        """Answer vpcd's control messages and APDUs until the socket closes."""
        try:
            while (header := _receive_exactly(sock, 2)) is not None:
                payload = _receive_exactly(sock, int.from_bytes(header, "big"))
                if payload is None:
                    break
                reply = self._answer(payload)
                if reply is not None:
                    sock.sendall(len(reply).to_bytes(2, "big") + reply)
        except CardWithdrawn:
            logger.debug("virtual card left the vpcd reader")
        except OSError as exc:
            logger.debug("vpcd connection ended: %s", exc)
        with self._lock:
            ours = self._sock is sock
        if ours:
            self.remove()

    def _answer(self, payload: bytes) -> bytes | None:
        """The reply to one vpcd message (None for control messages without reply)."""
        if len(payload) == 1:
            if payload[0] == _GET_ATR:
                return self.card.atr
            if payload[0] == _POWER_OFF:
                self.card.power_off()
            elif payload[0] in (_POWER_ON, _RESET):
                self.card.power_on()
            return None
        return self.card.process_apdu(payload)
