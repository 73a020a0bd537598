"""Whether the A4 printer can print now, from its state and reasons (Qt-free)."""

from __future__ import annotations

import logging
from typing import Protocol

from drivers.printer.a4 import A4Status
from drivers.printer.errors import PaperJamError, PaperOutError, PrinterError, PrinterOfflineError
from drivers.printer.reasons import fault_in
from kiosk_app.availability import Problem
from kiosk_app.session.steps import NoticeKind

log = logging.getLogger(__name__)

#: Printer states in which no job prints (``processing`` is fine: the job waits its turn).
_STOPPED_STATES = frozenset({"stopped", "offline"})

#: What the person is told for each printer problem.
NOTICE_OF_PROBLEM = {
    Problem.PAPER_OUT: NoticeKind.PAPER_OUT,
    Problem.FAULT: NoticeKind.PRINTER_FAULT,
}


class StatusSource(Protocol):
    """A printer that reports its state (drivers.printer.a4.A4Printer)."""

    def status(self) -> A4Status:
        """The printer's state now; raises PrinterError when it cannot be reached."""


def problem_of_status(status: A4Status) -> Problem | None:
    """The problem an A4 status shows before a job: paper out, another fault, or None.

    While the printer is processing (someone else's job, or a test page) its reasons are live, so
    a ``-warning`` counts as during a job (ippeveprinter reports paper out mid-job as
    ``media-empty-warning``); an idle printer's warnings may be left over from the last job (CUPS
    keeps them), so only ``-error`` reasons count then.
    """
    if status.reasons:
        fault = fault_in(list(status.reasons), during_job=status.state == "processing")
        if fault is not None:
            return Problem.PAPER_OUT if issubclass(fault[0], PaperOutError) else Problem.FAULT
    if status.state in _STOPPED_STATES or not status.accepting_jobs:
        return Problem.FAULT
    return None


def a4_problem(printer: StatusSource) -> Problem | None:
    """Ask the printer for its status: its problem, or None when it can print now.

    A printer that does not answer (or answers with an error) counts as a fault.
    """
    try:
        status = printer.status()
    except Exception as exc:  # unreachable, refused, a bad reply: it cannot print either way
        log.debug("the A4 printer's status could not be read: %s", type(exc).__name__)
        known = problem_of_error(exc) if isinstance(exc, PrinterError) else None
        return known or Problem.FAULT
    problem = problem_of_status(status)
    if problem is not None:
        log.debug(
            "the A4 printer cannot print: state %s, reasons %s, accepting jobs %s",
            status.state,
            ",".join(status.reasons) or "none",
            status.accepting_jobs,
        )
    return problem


def problem_of_error(error: PrinterError) -> Problem | None:
    """The printer problem a printer error shows: paper out, a fault (jam, cover open,
    offline), or None for a failure of one job only (a time-out, a refused job)."""
    if isinstance(error, PaperOutError):
        return Problem.PAPER_OUT
    if isinstance(error, PaperJamError | PrinterOfflineError):
        return Problem.FAULT
    return None
