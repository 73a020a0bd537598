"""The PC/SC backend on pyscard's framework layer: readers, card events, and APDU transport."""

from __future__ import annotations

import logging
import threading
import time
import weakref
from contextlib import suppress
from typing import Any

from smartcard import scard
from smartcard.CardRequest import CardRequest
from smartcard.Exceptions import (
    CardRequestTimeoutException,
    NoCardException,
    SmartcardException,
)
from smartcard.pcsc.PCSCExceptions import BaseSCardException
from smartcard.System import readers as list_pcsc_readers

from drivers.nfc.card import MyNumberCard
from drivers.nfc.errors import (
    BadResponseError,
    CardRemovedError,
    NfcError,
    NoReaderError,
    ReaderError,
)
from drivers.nfc.reader import CardEvent, CardReader
from drivers.nfc.transport import DEFAULT_APDU_TIMEOUT_S

logger = logging.getLogger(__name__)

#: PC/SC results that mean the card is gone (or never answered because it left the field).
_REMOVAL_RESULTS = frozenset(
    {
        scard.SCARD_W_REMOVED_CARD,
        scard.SCARD_E_NO_SMARTCARD,
        scard.SCARD_E_NOT_TRANSACTED,
        scard.SCARD_W_UNPOWERED_CARD,
        scard.SCARD_W_UNRESPONSIVE_CARD,
        scard.SCARD_E_COMM_DATA_LOST,
    }
)
#: How long to watch for a removal after the reader returned an empty answer.
_REMOVAL_GRACE_S = 0.7
#: How often the monitor thread asks PC/SC for the card state.
_MONITOR_POLL_S = 0.1
#: PC/SC results that mean there is no service or no reader to talk to.
_NO_READER_RESULTS = frozenset(
    {
        scard.SCARD_E_NO_SERVICE,
        scard.SCARD_E_SERVICE_STOPPED,
        scard.SCARD_E_NO_READERS_AVAILABLE,
        scard.SCARD_E_READER_UNAVAILABLE,
    }
)


class _CardResetError(CardRemovedError):
    """Another party reset the card after we connected; whatever was selected is lost."""


def _hresult(exc: SmartcardException) -> int:
    """The PC/SC result code of a pyscard exception, as an unsigned 32-bit value."""
    return int(exc.hresult) & 0xFFFFFFFF


def _translate(exc: SmartcardException, context: str) -> NfcError:
    """The driver error that a pyscard exception stands for."""
    code = _hresult(exc)
    if code == scard.SCARD_W_RESET_CARD:
        return _CardResetError(f"{context}: the card was reset")
    if isinstance(exc, NoCardException) or code in _REMOVAL_RESULTS:
        return CardRemovedError(f"{context}: the card is not on the reader")
    if code in _NO_READER_RESULTS:
        return NoReaderError(f"{context}: reader or PC/SC service unavailable")
    if code == scard.SCARD_S_SUCCESS:
        return BadResponseError(f"{context}: the card returned no status word")
    return ReaderError(f"{context}: {exc}")


def _pcsc_readers() -> list[Any]:
    """pyscard's reader objects; no PC/SC service is a ``NoReaderError``."""
    try:
        return list(list_pcsc_readers())
    except (SmartcardException, BaseSCardException) as exc:
        raise NoReaderError(f"PC/SC service not available: {exc}") from exc


def reader_names() -> list[str]:
    """The names of the PC/SC readers attached now."""
    return [str(reader) for reader in _pcsc_readers()]


def _release_quietly(connection: Any) -> None:
    """Disconnect and release a pyscard connection; a card or service already gone is fine."""
    for step in (connection.disconnect, connection.release):
        try:
            step()
        except SmartcardException as exc:
            logger.debug("release: %s", exc)
    # A failed release leaves the handles set, and pyscard's __del__ would raise on them later
    # (createConnection returns a decorator around the PCSCCardConnection that holds them).
    inner = getattr(connection, "component", connection)
    inner.hcard = None
    inner.hcontext = None


class _PcscTransport:
    """APDUs over one pyscard ``CardConnection``."""

    def __init__(self, connection: Any, extended_length: bool) -> None:
        self._connection = connection
        self.extended_length = extended_length
        self._closer = weakref.finalize(self, _release_quietly, connection)
        try:
            self.atr = bytes(connection.getATR())
        except SmartcardException as exc:
            self.close()
            raise _translate(exc, "status") from exc

    def transmit(self, apdu: bytes | bytearray) -> bytes:
        """SCardTransmit one APDU; PC/SC failures become driver errors."""
        try:
            data, sw1, sw2 = self._connection.transmit(list(apdu))
        except SmartcardException as exc:
            error = _translate(exc, "transmit")
            if isinstance(error, BadResponseError) and self._card_left():
                error = CardRemovedError("transmit: the card left during the exchange")
            raise error from exc
        return bytes(data) + bytes((sw1, sw2))

    def _card_left(self) -> bool:
        """Whether PC/SC reports the card gone within ``_REMOVAL_GRACE_S``.

        An empty answer is how some reader drivers (vpcd among them) report a card that left
        in the middle of an exchange; PC/SC notices the removal a moment later.
        """
        deadline = time.monotonic() + _REMOVAL_GRACE_S
        while True:
            try:
                self._connection.getATR()
            except SmartcardException:
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.02)

    def close(self) -> None:
        """Disconnect and release the PC/SC handles, ignoring a card already gone."""
        self._closer()


class _Monitor:
    """A driver thread that polls one reader's card state and reports each change.

    pyscard's ``CardMonitor`` singleton stops for good when pcscd restarts (and cannot be
    stopped itself), so the kiosk uses its own thread on the same framework calls.
    """

    def __init__(self, owner: PcscCardReader, on_inserted: CardEvent, on_removed: CardEvent):
        self._owner = owner
        self._on_inserted = on_inserted
        self._on_removed = on_removed
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="nfc-pcsc-monitor", daemon=True)

    def start(self) -> None:
        """Start polling."""
        self._thread.start()

    def stop(self) -> None:
        """Stop polling and wait for the thread (unless called from a callback)."""
        self._stop.set()
        if self._thread is not threading.current_thread():
            self._thread.join(timeout=5)

    def _run(self) -> None:
        """Poll until stopped; a missing service or reader counts as no card and is retried."""
        present = False
        while not self._stop.is_set():
            try:
                now = self._owner.card_present()
            except NfcError as exc:
                logger.debug("card monitor: %s", exc)
                now = False
            if now != present:
                present = now
                callback = self._on_inserted if now else self._on_removed
                try:
                    callback()
                except Exception:
                    logger.exception("card event callback failed")
            self._stop.wait(_MONITOR_POLL_S)


class PcscCardReader(CardReader):
    """A PC/SC reader, by name (a prefix is enough) or the first one attached."""

    def __init__(
        self,
        reader_name: str | None = None,
        *,
        extended_length: bool = False,
        timeout_s: float = DEFAULT_APDU_TIMEOUT_S,
    ) -> None:
        self._wanted = reader_name
        self._extended_length = extended_length
        self._timeout_s = timeout_s
        self._monitor: _Monitor | None = None
        self._lock = threading.Lock()

    def matches(self, name: str) -> bool:
        """Whether the PC/SC reader ``name`` is this reader."""
        return self._wanted is None or name == self._wanted or name.startswith(self._wanted)

    def _reader(self) -> Any:
        """The pyscard reader object, looked up now (readers come and go)."""
        for reader in _pcsc_readers():
            if self.matches(str(reader)):
                return reader
        wanted = f" named {self._wanted!r}" if self._wanted else ""
        raise NoReaderError(f"no card reader{wanted}")

    @property
    def name(self) -> str:
        """The full PC/SC name of the reader."""
        return str(self._reader())

    def start_monitoring(self, on_inserted: CardEvent, on_removed: CardEvent) -> None:
        """Report card changes from a driver thread; a card already present is reported at once."""
        self.stop_monitoring()
        monitor = _Monitor(self, on_inserted, on_removed)
        with self._lock:
            self._monitor = monitor
        monitor.start()

    def stop_monitoring(self) -> None:
        """Stop the monitoring thread."""
        with self._lock:
            monitor, self._monitor = self._monitor, None
        if monitor is not None:
            monitor.stop()

    def card_present(self) -> bool:
        """Whether a card is on the reader (asks PC/SC without waiting)."""
        reader = self._reader()
        try:
            request = CardRequest(readers=[reader], timeout=0)
        except SmartcardException as exc:
            raise _translate(exc, "card status") from exc
        try:
            request.waitforcard()
        except CardRequestTimeoutException:
            return False
        except SmartcardException as exc:
            raise _translate(exc, "card status") from exc
        finally:
            with suppress(SmartcardException):
                request.pcsccardrequest.release()
        return True

    def connect(self) -> MyNumberCard:
        """Connect (shared mode) and check that the card is a My Number Card."""
        try:
            return self._connect_once()
        except _CardResetError:
            # pcscd was still powering up a card just put on the reader: nothing was lost yet.
            logger.debug("card reset during detection; connecting again")
            return self._connect_once()

    def _connect_once(self) -> MyNumberCard:
        """One attempt to connect and detect."""
        connection = self._reader().createConnection()
        try:
            connection.connect()
        except SmartcardException as exc:
            _release_quietly(connection)
            raise _translate(exc, "connect") from exc
        transport = _PcscTransport(connection, self._extended_length)
        card = MyNumberCard(transport, self._timeout_s)
        try:
            card.detect()
        except NfcError:
            transport.close()
            raise
        return card

    def close(self) -> None:
        """Stop monitoring."""
        self.stop_monitoring()
