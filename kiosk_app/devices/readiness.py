"""Whether the A4 printer can print now, from its state and reasons (Qt-free)."""

from __future__ import annotations

import logging
from typing import Protocol

from drivers.printer.a4 import A4Status, print_blocker
from drivers.printer.errors import PaperJamError, PaperOutError, PrinterError, PrinterOfflineError
from kiosk_app.availability import Problem
from kiosk_app.session.steps import NoticeKind

log = logging.getLogger(__name__)

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
    """The problem an A4 status shows before a job (``print_blocker`` decides): paper out,
    another fault, or None."""
    blocker = print_blocker(status)
    if blocker is None:
        return None
    return Problem.PAPER_OUT if issubclass(blocker, PaperOutError) else Problem.FAULT


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
