"""A4 printer URLs, and the simulated A4 printer used by the demo and the simulator panel."""

from __future__ import annotations

import pytest

from drivers.printer.a4 import PrintResult, cups_queue_uri, open_a4_printer
from drivers.printer.a4_sim import SimA4Printer
from drivers.printer.errors import (
    CoverOpenError,
    PaperJamError,
    PaperOutError,
    PrinterOfflineError,
    PrinterUrlError,
    PrintJobError,
    PrintTimeoutError,
)
from drivers.printer.ipp import IppA4Printer
from drivers.printer.reasons import fault_in, keyword_of
from tests.support.sample_pdf import duplex_sheets

THREE_SHEETS = duplex_sheets(3)


def test_urls_pick_the_backend() -> None:
    assert isinstance(open_a4_printer("sim:"), SimA4Printer)
    ipp = open_a4_printer("ipp://printer.local:631/ipp/print")
    assert isinstance(ipp, IppA4Printer)
    assert ipp.uri == "ipp://printer.local:631/ipp/print"
    cups = open_a4_printer("cups:kiosk-a4")
    assert isinstance(cups, IppA4Printer)
    assert cups.uri == "ipp://localhost:631/printers/kiosk-a4"
    assert cups_queue_uri("cups:a4?server=10.0.0.5:8631") == "ipp://10.0.0.5:8631/printers/a4"


@pytest.mark.parametrize("url", ["", "lpr://x", "ipp://", "cups:", "cups:bad/queue", "http://x"])
def test_bad_urls_are_typed_errors(url: str) -> None:
    with pytest.raises(PrinterUrlError):
        open_a4_printer(url)


def test_printer_state_reasons_map_to_errors() -> None:
    assert keyword_of("media-empty-warning") == "media-empty"
    assert fault_in(["none"]) is None
    assert fault_in(["toner-low-report"]) is None
    assert fault_in(["toner-low-report", "media-jam-error"]) == (PaperJamError, "media-jam")
    assert fault_in(["media-needed"]) == (PaperOutError, "media-needed")
    assert fault_in(["door-open-error"]) == (CoverOpenError, "door-open")
    assert fault_in(["offline"]) == (PrinterOfflineError, "offline")
    assert fault_in(["offline-report"]) is None
    assert fault_in(["media-empty-warning"]) == (PaperOutError, "media-empty")
    assert fault_in(["media-empty-warning"], during_job=False) is None
    assert fault_in(["media-empty-error"], during_job=False) == (PaperOutError, "media-empty")


def test_sim_prints_into_its_tray_with_progress() -> None:
    printer = SimA4Printer()
    calls: list[tuple[int, int]] = []
    result = printer.print_document(THREE_SHEETS, "cert-1", lambda d, t: calls.append((d, t)), 5)
    assert result == PrintResult(3, True, "completed")
    assert calls == [(0, 3), (1, 3), (2, 3), (3, 3)]
    [job] = printer.take_all()
    assert job.complete
    assert job.pdf == THREE_SHEETS
    assert printer.tray == []


def test_sim_runs_out_of_paper_mid_job() -> None:
    printer = SimA4Printer(paper_sheets=2)
    with pytest.raises(PaperOutError) as caught:
        printer.print_document(THREE_SHEETS, "cert-2", lambda d, t: None, 5)
    assert caught.value.sheets_printed == 2
    assert printer.paper_out
    assert printer.status().reasons == ("media-empty-error",)
    [job] = printer.tray
    assert (job.sheets_printed, job.complete) == (2, False)


@pytest.mark.parametrize(
    ("switch", "error"),
    [("jam", PaperJamError), ("cover_open", CoverOpenError), ("offline", PrinterOfflineError)],
)
def test_sim_switches_refuse_before_printing(switch: str, error: type[Exception]) -> None:
    printer = SimA4Printer()
    setattr(printer, switch, True)
    with pytest.raises(error):
        printer.print_document(THREE_SHEETS, "cert-3", lambda d, t: None, 5)
    assert printer.tray == []


def test_sim_time_out_and_cancel() -> None:
    printer = SimA4Printer(sheet_seconds=0.05)
    with pytest.raises(PrintTimeoutError) as caught:
        printer.print_document(THREE_SHEETS, "cert-4", lambda d, t: None, 0.07)
    assert caught.value.sheets_printed == 1

    def cancel_after_first(done: int, total: int) -> None:
        if done == 1:
            printer.cancel()

    with pytest.raises(PrintJobError, match="cancelled"):
        printer.print_document(THREE_SHEETS, "cert-5", cancel_after_first, 5)
