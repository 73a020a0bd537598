"""The A4 printer is asked whether it can print before any money is taken."""

from __future__ import annotations

import subprocess
import sys

import pytest

from drivers.printer.a4 import A4Printer, A4Status, PrintResult, ProgressCallback
from drivers.printer.a4_sim import SimA4Printer
from drivers.printer.errors import PaperOutError, PrinterError, PrinterOfflineError
from drivers.printer.selftest import check_a4
from drivers.selftest import Status
from kiosk_app.availability import Problem
from kiosk_app.devices.readiness import a4_problem, problem_of_status

STATUSES: list[tuple[A4Status, Problem | None]] = [
    (A4Status("idle"), None),
    (A4Status("processing"), None),  # another job goes on: ours waits its turn
    (A4Status("processing", ("media-empty-warning",)), Problem.PAPER_OUT),  # live
    (A4Status("processing", ("media-jam-warning",)), Problem.FAULT),
    (A4Status("idle", ("media-empty-warning",)), None),  # CUPS keeps the last warning
    (A4Status("processing", ("media-empty-error",)), Problem.PAPER_OUT),
    (A4Status("stopped", ("media-needed-error",)), Problem.PAPER_OUT),
    (A4Status("stopped", ("media-jam-error",)), Problem.FAULT),
    (A4Status("stopped", ("cover-open-error",)), Problem.FAULT),
    (A4Status("stopped", ("door-open",)), Problem.FAULT),
    (A4Status("stopped", ("paused",)), Problem.FAULT),
    (A4Status("offline"), Problem.FAULT),
    (A4Status("idle", (), accepting_jobs=False), Problem.FAULT),
    (A4Status("idle", ("toner-low-report",)), None),
]


@pytest.mark.parametrize(("status", "problem"), STATUSES)
def test_problem_of_status(status: A4Status, problem: Problem | None) -> None:
    assert problem_of_status(status) is problem


class _Reporting(A4Printer):
    """A printer that only reports ``status``."""

    def __init__(self, status: A4Status) -> None:
        self._status = status

    def _print_checked(
        self, pdf: bytes, job_name: str, sheets: int, on_progress: ProgressCallback, timeout: float
    ) -> PrintResult:
        raise AssertionError("nothing is printed")

    def status(self) -> A4Status:
        return self._status

    def cancel(self) -> None:
        """Nothing runs."""

    def close(self) -> None:
        """Nothing is held."""


@pytest.mark.parametrize(("status", "problem"), STATUSES)
def test_the_self_test_and_the_home_screen_agree(status: A4Status, problem: Problem | None) -> None:
    """A status that takes issuance out of service is CRITICAL in ``shomei-selftest printer``
    (a paused CUPS queue included); one the kiosk prints with is not."""
    verdict, _report, _findings = check_a4(_Reporting(status), None)
    assert (verdict is Status.CRITICAL) == (problem is not None)


class _Failing:
    def __init__(self, error: Exception) -> None:
        self.error = error

    def status(self) -> A4Status:
        raise self.error


@pytest.mark.parametrize(
    ("error", "problem"),
    [
        (PrinterOfflineError("no answer"), Problem.FAULT),
        (PrinterError("bad reply"), Problem.FAULT),
        (OSError("network unreachable"), Problem.FAULT),
        (PaperOutError("out"), Problem.PAPER_OUT),
    ],
)
def test_a_printer_that_cannot_answer_cannot_print(error: Exception, problem: Problem) -> None:
    assert a4_problem(_Failing(error)) is problem


@pytest.mark.parametrize(
    ("switch", "problem"),
    [
        ("paper_out", Problem.PAPER_OUT),
        ("jam", Problem.FAULT),
        ("cover_open", Problem.FAULT),
        ("offline", Problem.FAULT),
    ],
)
def test_sim_printer_switches(switch: str, problem: Problem) -> None:
    printer = SimA4Printer()
    assert a4_problem(printer) is None
    setattr(printer, switch, True)
    assert a4_problem(printer) is problem
    setattr(printer, switch, False)
    assert a4_problem(printer) is None


def test_a_sim_printer_fault_loads_no_ipp_client() -> None:
    """Reading a sim printer's reasons does not import pyipp and aiohttp: that import (11 MB)
    came at whatever session first met a printer fault, and moved the soak's RSS figure."""
    code = (
        "import sys\n"
        "from drivers.printer.a4_sim import SimA4Printer\n"
        "from kiosk_app.devices.readiness import a4_problem\n"
        "printer = SimA4Printer()\n"
        "printer.jam = True\n"
        "print(a4_problem(printer), 'aiohttp' in sys.modules, 'pyipp' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.split() == [str(Problem.FAULT), "False", "False"]
