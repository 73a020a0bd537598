"""The simulated A4 printer: jobs land in an in-memory tray; paper, jam and offline switches."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from drivers.printer.a4 import (
    A4Printer,
    A4Status,
    PrintResult,
    ProgressCallback,
)
from drivers.printer.errors import (
    CoverOpenError,
    PaperJamError,
    PaperOutError,
    PrinterError,
    PrinterOfflineError,
    PrintJobError,
    PrintTimeoutError,
)


@dataclass(frozen=True)
class PrintedJob:
    """A job as it came out: its document, and how many of its sheets (all, or fewer)."""

    job_name: str
    pdf: bytes
    sheets_printed: int
    sheets_total: int

    @property
    def complete(self) -> bool:
        """Whether every sheet came out."""
        return self.sheets_printed == self.sheets_total


class SimA4Printer(A4Printer):
    """An A4 printer in memory for the demo, the simulator panel and tests.

    ``sheet_seconds`` is the time one sheet takes; ``paper_sheets`` the sheets left in the
    paper tray (None: never runs out). Switches: ``paper_out``, ``jam``, ``cover_open``,
    ``offline``; a switch turned on mid-job stops the job after the sheet being printed.
    """

    def __init__(self, sheet_seconds: float = 0.0, paper_sheets: int | None = None) -> None:
        self.sheet_seconds = sheet_seconds
        self.paper_sheets = paper_sheets
        self.paper_out = False
        self.jam = False
        self.cover_open = False
        self.offline = False
        self._tray: list[PrintedJob] = []
        self._lock = threading.Lock()
        self._cancel_requested = threading.Event()

    @property
    def tray(self) -> list[PrintedJob]:
        """The jobs printed so far (complete or not), oldest first."""
        with self._lock:
            return list(self._tray)

    def take_all(self) -> list[PrintedJob]:
        """Empty the output tray (the user took the paper) and return what was in it."""
        with self._lock:
            taken, self._tray = self._tray, []
        return taken

    def _fault(self) -> PrinterError | None:
        if self.offline:
            return PrinterOfflineError("the printer is offline", reason="offline")
        if self.cover_open:
            return CoverOpenError("the printer's door is open", reason="door-open")
        if self.jam:
            return PaperJamError("paper is jammed", reason="media-jam")
        if self.paper_out or self.paper_sheets == 0:
            self.paper_out = True
            return PaperOutError("the printer is out of paper", reason="media-empty")
        return None

    def status(self) -> A4Status:
        """The simulated state and reasons."""
        fault = self._fault()
        if fault is None:
            return A4Status("idle")
        return A4Status("stopped", (f"{fault.reason}-error",), accepting_jobs=not self.offline)

    def cancel(self) -> None:
        """Cancel the job in progress."""
        self._cancel_requested.set()

    def close(self) -> None:
        """Nothing to release (the tray keeps what was printed)."""

    def _print_checked(
        self, pdf: bytes, job_name: str, sheets: int, on_progress: ProgressCallback, timeout: float
    ) -> PrintResult:
        """Print sheet by sheet into the tray; see `A4Printer.print_document`."""
        total = sheets
        self._cancel_requested.clear()
        fault = self._fault()
        if fault is not None:
            raise fault
        deadline = time.monotonic() + timeout
        done = 0
        on_progress(0, total)
        try:
            for _ in range(total):
                if self._cancel_requested.wait(self.sheet_seconds):
                    raise PrintJobError("the job was cancelled", reason="cancelled")
                if time.monotonic() > deadline:
                    raise PrintTimeoutError("the job did not finish in time", reason="timeout")
                fault = self._fault()
                if fault is not None:
                    raise fault
                if self.paper_sheets is not None:
                    self.paper_sheets -= 1
                done += 1
                on_progress(done, total)
        except PrinterError as exc:
            exc.sheets_printed = done
            self._deliver(PrintedJob(job_name, pdf, done, total))
            raise
        self._deliver(PrintedJob(job_name, pdf, total, total))
        return PrintResult(total, True, "completed")

    def _deliver(self, job: PrintedJob) -> None:
        with self._lock:
            self._tray.append(job)
