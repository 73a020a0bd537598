"""A4 printing over IPP to a real ippeveprinter: documents, progress, faults, time-outs, cancel."""

from __future__ import annotations

import asyncio
import subprocess
import threading
from pathlib import Path

import aiohttp
import pytest
from pyipp import IPP
from pyipp.enums import IppOperation

from drivers.printer.a4 import PrintResult, open_a4_printer
from drivers.printer.errors import (
    PaperJamError,
    PaperOutError,
    PrinterError,
    PrinterOfflineError,
    PrintJobError,
    PrintTimeoutError,
)
from drivers.printer.ipp import IppA4Printer
from tests.stacks.ippeveprinter import IppEveStack
from tests.support.sample_pdf import back_text, duplex_sheets, page_text

pytestmark = pytest.mark.integration


def pdftotext(path: Path, page: int) -> str:
    """One page's text."""
    return subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        check=True,
    ).stdout.decode()


def last_job_state(url: str) -> int:
    """The job-state of the printer's most recent job (Get-Jobs, which-jobs=all)."""

    async def query() -> int:
        async with aiohttp.ClientSession() as session:
            response = await IPP(url, session=session).execute(
                IppOperation.GET_JOBS,
                {
                    "operation-attributes-tag": {
                        "which-jobs": "all",
                        "requested-attributes": ["job-id", "job-state"],
                    }
                },
            )
        jobs = sorted(response["jobs"], key=lambda job: int(job["job-id"]))
        return int(jobs[-1]["job-state"])

    return asyncio.run(query())


class Progress:
    """Records progress callbacks."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []

    def __call__(self, done: int, total: int) -> None:
        self.calls.append((done, total))


def test_prints_the_certificate_duplex_on_a4(ippeveprinter: IppEveStack) -> None:
    progress = Progress()
    printer = open_a4_printer(ippeveprinter.url)

    result = printer.print_document(duplex_sheets(2), "cert-0001", progress, timeout=30)

    assert result == PrintResult(2, True, "completed")
    assert progress.calls[-1] == (2, 2)
    assert progress.calls == sorted(progress.calls)
    [document] = ippeveprinter.received()
    assert document.read_bytes().startswith(b"%PDF-")
    info = subprocess.run(["pdfinfo", str(document)], capture_output=True, check=True)
    assert "Pages:           4" in info.stdout.decode()
    assert page_text(1) in pdftotext(document, 1)
    assert back_text(1, 2) in pdftotext(document, 2)
    assert page_text(2) in pdftotext(document, 3)
    attributes = ippeveprinter.job_attributes(document)
    assert attributes["IPP_SIDES"] == "two-sided-long-edge"
    assert attributes["IPP_MEDIA"] == "iso_a4_210x297mm"
    assert attributes["IPP_JOB_NAME"] == "cert-0001"
    assert attributes["IPP_JOB_ORIGINATING_USER_NAME"] == "shomei-kiosk"


def test_status_of_an_idle_printer(ippeveprinter: IppEveStack) -> None:
    status = open_a4_printer(ippeveprinter.url).status()
    assert status.state == "idle"
    assert status.reasons == ()
    assert status.accepting_jobs


def test_paper_out_mid_job_cancels_and_counts_only_full_sheets(
    ippeveprinter: IppEveStack,
) -> None:
    ippeveprinter.stage_fault("media-empty", after_pages=3)
    progress = Progress()
    printer = open_a4_printer(ippeveprinter.url)

    with pytest.raises(PaperOutError) as caught:
        printer.print_document(duplex_sheets(3), "cert-0002", progress, timeout=30)

    assert caught.value.sheets_printed == 1  # pages 1-3 out: sheet 2 has no back yet
    assert caught.value.reason == "media-empty"
    assert all(done <= 1 for done, _ in progress.calls)
    assert last_job_state(ippeveprinter.url) == 7  # canceled


def test_jam_mid_job_is_a_jam(ippeveprinter: IppEveStack) -> None:
    ippeveprinter.stage_fault("media-jam", after_pages=0)
    with pytest.raises(PaperJamError) as caught:
        open_a4_printer(ippeveprinter.url).print_document(
            duplex_sheets(1), "cert-0003", Progress(), 30
        )
    assert caught.value.sheets_printed == 0
    assert last_job_state(ippeveprinter.url) == 7


def test_failed_job_without_a_reason_is_a_job_error(ippeveprinter: IppEveStack) -> None:
    ippeveprinter.stage_fault("abort", after_pages=2, hold_seconds=0)
    with pytest.raises(PrintJobError) as caught:
        open_a4_printer(ippeveprinter.url).print_document(
            duplex_sheets(2), "cert-0004", Progress(), 30
        )
    assert caught.value.reason == "aborted"
    assert caught.value.sheets_printed == 1


def test_time_out_cancels_the_whole_job(ippeveprinter: IppEveStack) -> None:
    ippeveprinter.stage_fault(None, page_seconds=0.4)
    with pytest.raises(PrintTimeoutError) as caught:
        open_a4_printer(ippeveprinter.url).print_document(
            duplex_sheets(3), "cert-0005", Progress(), 1.0
        )
    assert caught.value.sheets_printed < 3
    assert last_job_state(ippeveprinter.url) == 7


def test_cancel_from_another_thread(ippeveprinter: IppEveStack) -> None:
    ippeveprinter.stage_fault(None, page_seconds=0.3)
    printer = open_a4_printer(ippeveprinter.url)
    started = threading.Event()

    def on_progress(done: int, total: int) -> None:
        started.set()

    timer = threading.Thread(target=lambda: started.wait(10) and printer.cancel())
    timer.start()
    with pytest.raises(PrintJobError) as caught:
        printer.print_document(duplex_sheets(3), "cert-0006", on_progress, 30)
    timer.join()
    assert caught.value.reason == "cancelled"
    assert last_job_state(ippeveprinter.url) == 7


@pytest.mark.parametrize("name", ["山田太郎", "cert 1", "", "x" * 65])
def test_job_names_must_be_neutral(ippeveprinter: IppEveStack, name: str) -> None:
    with pytest.raises(PrinterError, match="job name"):
        open_a4_printer(ippeveprinter.url).print_document(duplex_sheets(1), name, Progress(), 30)
    assert ippeveprinter.received() == []


def test_unreachable_printer_is_offline() -> None:
    printer = IppA4Printer("ipp://127.0.0.1:9/ipp/print", request_timeout=2)
    with pytest.raises(PrinterOfflineError):
        printer.status()
    with pytest.raises(PrinterOfflineError):
        printer.print_document(duplex_sheets(1), "cert-0007", Progress(), 5)


def test_not_a_pdf_is_refused_before_sending(ippeveprinter: IppEveStack) -> None:
    with pytest.raises(PrinterError, match="PDF"):
        open_a4_printer(ippeveprinter.url).print_document(b"%!PS", "cert-0008", Progress(), 5)


def test_a_busy_printer_gets_the_job_when_it_is_free(ippeveprinter: IppEveStack) -> None:
    ippeveprinter.stage_fault(None, page_seconds=0.3)
    printer = open_a4_printer(ippeveprinter.url)
    submitted = threading.Event()
    first = threading.Thread(
        target=lambda: printer.print_document(
            duplex_sheets(1), "cert-0009", lambda done, total: submitted.set(), 30
        )
    )
    first.start()
    try:
        assert submitted.wait(10)
        result = IppA4Printer(ippeveprinter.url).print_document(
            duplex_sheets(1), "cert-0010", Progress(), 30
        )
    finally:
        first.join()
    assert result.completed
    assert [path.name.split("-", 1)[1] for path in ippeveprinter.received()] == [
        "cert-0009.pdf",
        "cert-0010.pdf",
    ]
