"""Which printer-state-reasons stop printing, as driver errors (no IPP client needed: the kiosk
reads them from any A4 printer's status without loading pyipp and aiohttp)."""

from __future__ import annotations

from drivers.printer.errors import (
    CoverOpenError,
    PaperJamError,
    PaperOutError,
    PrinterError,
    PrinterOfflineError,
)

#: printer-state-reasons keywords (without -error/-warning/-report) that stop a job.
FAULT_REASONS: dict[str, type[PrinterError]] = {
    "media-empty": PaperOutError,
    "media-needed": PaperOutError,
    "media-jam": PaperJamError,
    "door-open": CoverOpenError,
    "cover-open": CoverOpenError,
    "offline": PrinterOfflineError,
    "shutdown": PrinterOfflineError,
}


def keyword_of(reason: str) -> str:
    """A printer-state-reasons value without its -error / -warning / -report suffix."""
    for suffix in ("-error", "-warning", "-report"):
        if reason.endswith(suffix):
            return reason[: -len(suffix)]
    return reason


def fault_in(
    reasons: list[str], *, during_job: bool = True
) -> tuple[type[PrinterError], str] | None:
    """The error class and keyword of the first reason that stops printing, if any.

    During a job a ``-warning`` counts too (ippeveprinter reports media-empty as a warning
    while processing); before one only ``-error`` (or no suffix) does, because CUPS leaves the
    last job's warnings on an idle queue. ``-report`` never counts.
    """
    for reason in reasons:
        keyword = keyword_of(reason)
        if keyword not in FAULT_REASONS or reason.endswith("-report"):
            continue
        if during_job or not reason.endswith("-warning"):
            return FAULT_REASONS[keyword], keyword
    return None
