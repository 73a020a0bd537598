"""One error base for every driver; bad URLs are ValueErrors, time-outs TimeoutErrors."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from reportlab.pdfgen.canvas import Canvas

from drivers.coin_acceptor.devices import open_coin_acceptor, open_hopper
from drivers.coin_acceptor.errors import CoinMechError, ReplyTimeoutError
from drivers.device import DeviceABC
from drivers.errors import DeviceTimeoutError, DeviceUrlError, DriverError
from drivers.nfc.errors import CardTimeoutError, NfcError
from drivers.nfc.reader import open_card_reader
from drivers.printer.a4 import A4Printer, open_a4_printer
from drivers.printer.a4_sim import SimA4Printer
from drivers.printer.errors import PrinterError, PrintTimeoutError
from drivers.printer.ipp import IppA4Printer
from drivers.printer.receipt import open_receipt_printer

BAD_URLS: dict[str, tuple[Callable[[], object], type[DriverError]]] = {
    "card reader scheme": (lambda: open_card_reader("ftp://reader"), NfcError),
    "card reader timeout": (lambda: open_card_reader("sim:?timeout=0"), NfcError),
    "coin acceptor": (lambda: open_coin_acceptor("serial:/dev/ttyS0"), CoinMechError),
    "hopper option": (lambda: open_hopper("sim:?colour=red", 100), CoinMechError),
    "A4 printer": (lambda: open_a4_printer("lpd://printer"), PrinterError),
    "receipt printer": (lambda: open_receipt_printer("escpos+tcp://:9100"), PrinterError),
}


@pytest.mark.parametrize("device", list(BAD_URLS))
def test_a_bad_url_is_a_value_error_of_its_kind(device: str) -> None:
    opening, kind = BAD_URLS[device]
    with pytest.raises(DeviceUrlError) as raised:
        opening()
    assert isinstance(raised.value, ValueError)
    assert isinstance(raised.value, kind)


@pytest.mark.parametrize("error", [CardTimeoutError, ReplyTimeoutError, PrintTimeoutError])
def test_every_driver_time_out_is_a_timeout_error(error: type[DriverError]) -> None:
    assert issubclass(error, DeviceTimeoutError)
    assert issubclass(error, TimeoutError)


def _one_page_pdf() -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(100, 700, "test")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_a_print_job_that_runs_out_of_time_is_a_timeout_error() -> None:
    printer = SimA4Printer(sheet_seconds=0.2)
    pdf = _one_page_pdf()
    with pytest.raises(TimeoutError) as raised:
        printer.print_document(pdf, "job", lambda done, total: None, 0.01)
    assert isinstance(raised.value, PrintTimeoutError)


@pytest.mark.parametrize(
    "printer",
    [SimA4Printer(), IppA4Printer("ipp://127.0.0.1:9/ipp/print")],
    ids=["sim", "ipp"],
)
@pytest.mark.parametrize("timeout", [0.0, -1.0])
def test_backend_and_simulator_refuse_the_same_jobs(printer: A4Printer, timeout: float) -> None:
    """The checks live in A4Printer.print_document: no backend can skip them."""
    with pytest.raises(PrinterError, match="time-out must be positive"):
        printer.print_document(_one_page_pdf(), "job", lambda done, total: None, timeout)
    with pytest.raises(PrinterError, match="job name"):
        printer.print_document(_one_page_pdf(), "山田 太郎", lambda done, total: None, 10)


def test_a_device_closes_when_its_with_block_ends() -> None:
    with open_coin_acceptor("sim:") as acceptor:
        assert isinstance(acceptor, DeviceABC)
        assert acceptor.identify().manufacturer
    with pytest.raises(CoinMechError):
        acceptor.identify()
