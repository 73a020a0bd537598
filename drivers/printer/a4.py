"""A4 certificate printers: the interface, its results, and ``open_a4_printer(url)``."""

from __future__ import annotations

import io
import re
from abc import abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qs, quote, urlsplit

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from drivers.device import DeviceABC
from drivers.printer.errors import PrinterError, PrinterOfflineError, PrinterUrlError
from drivers.printer.reasons import fault_in

#: Progress callback: (sheets done, sheets in the job). Called from the printing thread.
ProgressCallback = Callable[[int, int], None]
#: Job names are neutral: ASCII letters, digits and . _ - only, so no name can be put in one.
JOB_NAME_PATTERN = re.compile(r"[A-Za-z0-9._-]{1,64}")
DEFAULT_CUPS_SERVER = "localhost:631"


@dataclass(frozen=True)
class PrintResult:
    """How a job ended: complete sheets printed, whether the whole job printed, and why."""

    sheets_printed: int
    completed: bool
    reason: str


@dataclass(frozen=True)
class A4Status:
    """The printer's state (``idle``, ``processing``, ``stopped``, ``offline``) and its reasons."""

    state: str
    reasons: tuple[str, ...] = field(default=())
    accepting_jobs: bool = True


class A4Printer(DeviceABC):
    """An A4 duplex printer that prints whole jobs or cancels them whole.

    ``print_document`` checks a job the same way for every backend (neutral job name, positive
    time-out, a readable PDF) and hands it to the backend's ``_print_checked``. A printer is a
    context manager (``DeviceABC``).
    """

    def print_document(
        self, pdf: bytes, job_name: str, on_progress: ProgressCallback, timeout: float
    ) -> PrintResult:
        """Print ``pdf`` duplex (long edge) and wait for the end of the job.

        Returns when every sheet is out. Otherwise the job is cancelled whole and a
        ``PrinterError`` subclass is raised whose ``sheets_printed`` counts complete sheets only:
        ``PaperOutError``, ``PaperJamError``, ``CoverOpenError``, ``PrinterOfflineError``,
        ``PrintTimeoutError`` (``timeout`` seconds passed) or ``PrintJobError``.
        """
        check_job_name(job_name)
        if timeout <= 0:
            raise PrinterError("the print time-out must be positive")
        return self._print_checked(pdf, job_name, sheets_in(pdf), on_progress, timeout)

    @abstractmethod
    def _print_checked(
        self, pdf: bytes, job_name: str, sheets: int, on_progress: ProgressCallback, timeout: float
    ) -> PrintResult:
        """Print a checked job of ``sheets`` duplex sheets (see ``print_document``)."""

    @abstractmethod
    def status(self) -> A4Status:
        """The printer's state now (raises ``PrinterOfflineError`` when it cannot be reached)."""

    @abstractmethod
    def cancel(self) -> None:
        """Cancel the job in progress, if any (thread-safe; print_document then raises)."""


#: Printer states in which no job prints (``processing`` is fine: the job waits its turn).
STOPPED_STATES = frozenset({"stopped", "offline"})


def print_blocker(status: A4Status) -> type[PrinterError] | None:
    """What keeps a printer in ``status`` from printing a job now, as the error the job would
    end with; None when it can print. The one reading of a status for service: the kiosk's home
    screen and ``shomei-selftest printer`` both ask it.

    A stopped printer (a paused CUPS queue included) or one not accepting jobs cannot print.
    While the printer is processing (someone else's job, or a test page) its reasons are live, so
    a ``-warning`` counts as during a job (ippeveprinter reports paper out mid-job as
    ``media-empty-warning``); an idle printer's warnings may be left over from the last job (CUPS
    keeps them), so only ``-error`` reasons count then.
    """
    if status.reasons:
        fault = fault_in(list(status.reasons), during_job=status.state == "processing")
        if fault is not None:
            return fault[0]
    if status.state in STOPPED_STATES or not status.accepting_jobs:
        return PrinterOfflineError
    return None


def check_job_name(job_name: str) -> None:
    """Refuse job names that could carry personal data (anything but [A-Za-z0-9._-])."""
    if not JOB_NAME_PATTERN.fullmatch(job_name):
        raise PrinterError("a job name must be 1-64 characters of A-Z a-z 0-9 . _ -")


def sheets_in(pdf: bytes) -> int:
    """Duplex sheets needed for ``pdf`` (two pages a sheet); raises PrinterError for a bad PDF."""
    try:
        pages = len(PdfReader(io.BytesIO(pdf), strict=False).pages)
    except (PyPdfError, ValueError, OSError) as exc:
        raise PrinterError(f"the document is not a readable PDF: {exc}") from exc
    if pages == 0:
        raise PrinterError("the document has no pages")
    return (pages + 1) // 2


def cups_queue_uri(url: str) -> str:
    """``cups:QUEUE[?server=HOST:PORT[&sha256=PIN]]`` → the queue's IPP URI on the CUPS server.

    With ``sha256=`` the server is reached over TLS (``ipps://``) and its certificate pinned.
    """
    parts = urlsplit(url)
    queue = parts.path
    if not re.fullmatch(r"[A-Za-z0-9_.-]{1,127}", queue):
        raise PrinterUrlError(f"bad CUPS queue name in {url!r}")
    options = parse_qs(parts.query)
    unknown = set(options) - {"server", "sha256"}
    if unknown:
        raise PrinterUrlError(f"unknown option(s) {', '.join(sorted(unknown))} in {url!r}")
    server = options.get("server", [DEFAULT_CUPS_SERVER])[0]
    if "sha256" in options:
        return f"ipps://{server}/printers/{quote(queue)}#sha256={options['sha256'][0]}"
    return f"ipp://{server}/printers/{quote(queue)}"


def open_a4_printer(url: str) -> A4Printer:
    """An A4 printer for ``ipp://…``, ``ipps://…[#sha256=PIN]``, ``cups:QUEUE`` or ``sim:``."""
    if url == "sim:" or url.startswith("sim:?"):
        from drivers.printer.a4_sim import SimA4Printer

        return SimA4Printer()
    from drivers.printer.ipp import IppA4Printer

    if url.startswith("cups:"):
        return IppA4Printer(cups_queue_uri(url))
    parts = urlsplit(url)
    if parts.scheme in ("ipp", "ipps") and parts.hostname:
        return IppA4Printer(url)
    raise PrinterUrlError(f"unsupported A4 printer URL {url!r}")
