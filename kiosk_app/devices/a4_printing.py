"""Printing the documents on the A4 printer as composed duplex sheets, with progress."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol

from drivers.printer.a4 import A4Status
from drivers.printer.errors import PrinterError
from kiosk_app.availability import Problem
from kiosk_app.devices.availability_watch import AvailabilityWatch
from kiosk_app.devices.readiness import problem_of_error
from kiosk_app.printing.composer import compose_for_print
from kiosk_app.session.model import DocumentView, PrintReport

log = logging.getLogger(__name__)

#: The neutral name every print job gets (CUPS keeps job names: never personal data).
JOB_NAME = "shomei-kiosk"


class PrintResultLike(Protocol):
    """What an A4 print job reports."""

    sheets_printed: int
    completed: bool
    reason: str


class A4PrinterLike(Protocol):
    """The part of drivers.printer.a4.A4Printer the kiosk uses."""

    def print_document(
        self,
        pdf: bytes,
        job_name: str,
        on_progress: Callable[[int, int], None],
        timeout: float,
    ) -> Any:
        """Print ``pdf``; report sheets; return a PrintResult."""

    def cancel(self) -> None:
        """Cancel the job in progress and purge the queue."""

    def status(self) -> A4Status:
        """The printer's state now (raises PrinterError when it cannot be reached)."""


class A4Printing:
    """Prints every copy of every document; each job's verdict on the printer goes to the watch."""

    def __init__(self, a4: A4PrinterLike, timeout: float, watch: AvailabilityWatch) -> None:
        self._a4 = a4
        self._timeout = timeout
        self._watch = watch

    def print_all(
        self,
        documents: list[DocumentView],
        on_progress: Callable[[int, int], None],
        on_copy_printed: Callable[[str, int, int], None],
    ) -> PrintReport:
        """Print until done or the first failure; ``on_copy_printed(document_id, copy, copies)``
        as soon as a copy has come out whole (one print job each: a job that failed is not a
        copy, whatever sheets of it came out)."""
        total = sum(len(d.page_codes) * d.copies for d in documents)
        done = 0
        printed: dict[str, int] = {}
        for document in documents:
            sheets = compose_for_print(document.pdf, document.page_codes, document.document_id)
            for copy in range(1, document.copies + 1):
                base = done

                def progress(sheet: int, _of: int, base: int = base) -> None:
                    on_progress(base + sheet, total)

                try:
                    result = self._a4.print_document(sheets, JOB_NAME, progress, self._timeout)
                except PrinterError as exc:
                    log.error("printing stopped: %s", type(exc).__name__)
                    done = base + int(getattr(exc, "sheets_printed", 0))
                    problem = problem_of_error(exc)
                    if problem is not None:
                        self._watch.report_a4(problem)
                    paper_out = problem is Problem.PAPER_OUT
                    return PrintReport(printed, done, False, paper_out, type(exc).__name__)
                done = base + int(result.sheets_printed)
                printed[document.document_id] = copy
                on_copy_printed(document.document_id, copy, document.copies)
        self._watch.report_a4(None)
        return PrintReport(printed, done, completed=True)

    def purge_print_spool(self) -> None:
        """Cancel any job still queued at the A4 printer."""
        try:
            self._a4.cancel()
        except Exception as exc:
            log.warning("could not purge the print queue: %s", type(exc).__name__)
