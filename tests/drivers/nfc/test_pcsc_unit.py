"""The PC/SC backend without pcscd: error translation and the monitor thread's resilience."""

from __future__ import annotations

import threading

import pytest
from smartcard import scard
from smartcard.Exceptions import CardConnectionException, NoCardException

from drivers.nfc.errors import (
    BadResponseError,
    CardRemovedError,
    NfcError,
    NoReaderError,
    ReaderError,
)
from drivers.nfc.pcsc import PcscCardReader, _translate


@pytest.mark.parametrize(
    ("exception", "expected"),
    [
        (NoCardException("x", hresult=scard.SCARD_E_NO_SMARTCARD), CardRemovedError),
        (CardConnectionException("x", hresult=scard.SCARD_W_REMOVED_CARD), CardRemovedError),
        (CardConnectionException("x", hresult=scard.SCARD_E_NOT_TRANSACTED), CardRemovedError),
        (CardConnectionException("x", hresult=scard.SCARD_W_RESET_CARD), CardRemovedError),
        (CardConnectionException("x", hresult=scard.SCARD_E_NO_SERVICE), NoReaderError),
        (CardConnectionException("x", hresult=scard.SCARD_E_READER_UNAVAILABLE), NoReaderError),
        (CardConnectionException("x", hresult=scard.SCARD_S_SUCCESS), BadResponseError),
        (CardConnectionException("x", hresult=scard.SCARD_E_SHARING_VIOLATION), ReaderError),
    ],
)
def test_pcsc_failures_become_driver_errors(
    exception: CardConnectionException, expected: type[NfcError]
) -> None:
    error = _translate(exception, "test")
    assert isinstance(error, expected)
    assert isinstance(error, CardRemovedError) == (expected is CardRemovedError)


class FlakyReader(PcscCardReader):
    """A reader whose PC/SC service is down first, then shows a card, then loses it."""

    def __init__(self) -> None:
        super().__init__("flaky")
        self.states: list[bool | None] = [None, None, True, True, False]

    def card_present(self) -> bool:
        state = self.states.pop(0) if len(self.states) > 1 else self.states[0]
        if state is None:
            raise NoReaderError("PC/SC service not available")
        return state


def test_monitor_survives_a_missing_service_and_reports_changes() -> None:
    reader = FlakyReader()
    events: list[str] = []
    removed = threading.Event()

    def on_removed() -> None:
        events.append("out")
        removed.set()

    reader.start_monitoring(lambda: events.append("in"), on_removed)
    assert removed.wait(3)
    reader.close()
    assert events == ["in", "out"]
