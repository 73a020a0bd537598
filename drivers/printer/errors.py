"""The printer drivers' exception tree: one base, one class per fault a kiosk must tell apart."""

from __future__ import annotations

from drivers.errors import DeviceTimeoutError, DeviceUrlError, DriverError


class PrinterError(DriverError):
    """Base of every A4 or receipt printer error.

    When a print job was under way, ``sheets_printed`` counts the sheets that came out complete
    (never more) and ``reason`` is the printer's keyword for what stopped it.
    """

    def __init__(self, message: str, *, sheets_printed: int = 0, reason: str = "") -> None:
        super().__init__(message)
        self.sheets_printed = sheets_printed
        self.reason = reason


class PrinterUrlError(PrinterError, DeviceUrlError):
    """A printer URL in the configuration cannot be used."""


class PrinterOfflineError(PrinterError):
    """The printer cannot be reached or is not ready (offline, powered off, not answering)."""


class PrinterReplyError(PrinterOfflineError):
    """The printer's reply is not a well-formed IPP message, or is too long to be read."""


class PrinterTlsError(PrinterOfflineError):
    """The printer's TLS certificate is not the pinned one, or cannot be verified."""


class CoverOpenError(PrinterOfflineError):
    """A cover or door of the printer is open."""


class PaperOutError(PrinterError):
    """The printer has run out of paper."""


class PaperJamError(PrinterError):
    """Paper is jammed (for a receipt printer: the auto-cutter failed)."""


class PrintTimeoutError(PrinterError, DeviceTimeoutError):
    """A print job did not finish in time; the whole job has been cancelled."""


class PrintJobError(PrinterError):
    """The printer refused, aborted or cancelled a job for another reason."""
