"""Receipt printers over ESC/POS (python-escpos): status first (DLE EOT), then the layout."""

from __future__ import annotations

import logging
import socket
from abc import abstractmethod
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from typing import Any
from urllib.parse import parse_qs, urlsplit

from drivers.device import DeviceABC
from drivers.printer import status_bits as sb
from drivers.printer.errors import (
    CoverOpenError,
    PaperJamError,
    PaperOutError,
    PrinterError,
    PrinterOfflineError,
    PrinterUrlError,
)
from drivers.printer.slips import (
    ApplicationSlip,
    Receipt,
    RefundNotice,
    RefundSlip,
    write_application_slip,
    write_receipt,
    write_refund_slip,
)

logger = logging.getLogger(__name__)

DEFAULT_TCP_PORT = 9100
DEFAULT_TIMEOUT = 2.0


class PaperLevel(Enum):
    """The roll paper sensor's reading."""

    OK = "ok"
    NEAR_END = "near_end"
    END = "end"


@dataclass(frozen=True)
class ReceiptStatus:
    """The receipt printer's state from DLE EOT 1-4."""

    online: bool
    paper: PaperLevel
    cover_open: bool
    cutter_error: bool
    unrecoverable_error: bool

    @property
    def ready(self) -> bool:
        """Whether a receipt can be printed now."""
        return (
            self.online
            and self.paper is not PaperLevel.END
            and not (self.cover_open or self.cutter_error or self.unrecoverable_error)
        )

    def as_dict(self) -> dict[str, object]:
        """A JSON-able form for self-tests and logs."""
        return {
            "online": self.online,
            "paper": self.paper.value,
            "cover_open": self.cover_open,
            "cutter_error": self.cutter_error,
            "unrecoverable_error": self.unrecoverable_error,
        }


def _query(printer: Any, kind: sb.StatusKind) -> int:
    """Send DLE EOT ``kind`` and return the status byte, or raise when there is none."""
    try:
        reply = printer.query_status(sb.DLE_EOT + bytes([kind]))
    except (OSError, TimeoutError) as exc:
        raise PrinterOfflineError(f"no answer to a status request: {exc}") from exc
    if not reply:
        raise PrinterOfflineError("the receipt printer did not answer a status request")
    value = int(reply[-1])
    if not sb.is_status_byte(value):
        raise PrinterError(f"not a status byte: {value:#04x}")
    return value


def read_status(printer: Any) -> ReceiptStatus:
    """Ask an open python-escpos printer for its status (DLE EOT 1, 2, 3 and 4)."""
    printer_byte = _query(printer, sb.StatusKind.PRINTER)
    offline_cause = _query(printer, sb.StatusKind.OFFLINE_CAUSE)
    error_cause = _query(printer, sb.StatusKind.ERROR_CAUSE)
    paper_byte = _query(printer, sb.StatusKind.PAPER_SENSOR)
    if paper_byte & sb.PAPER_END or offline_cause & sb.PAPER_END_STOP:
        paper = PaperLevel.END
    elif paper_byte & sb.PAPER_NEAR_END:
        paper = PaperLevel.NEAR_END
    else:
        paper = PaperLevel.OK
    return ReceiptStatus(
        online=not printer_byte & sb.PRINTER_OFFLINE,
        paper=paper,
        cover_open=bool(offline_cause & sb.COVER_OPEN),
        cutter_error=bool(error_cause & sb.AUTOCUTTER_ERROR),
        unrecoverable_error=bool(error_cause & sb.UNRECOVERABLE_ERROR),
    )


def raise_unless_ready(status: ReceiptStatus) -> None:
    """Turn a not-ready status into the matching error (paper end, cover, cutter, offline)."""
    if status.paper is PaperLevel.END:
        raise PaperOutError("the receipt printer is out of paper")
    if status.cover_open:
        raise CoverOpenError("the receipt printer's cover is open")
    if status.cutter_error:
        raise PaperJamError("the receipt printer's auto-cutter failed")
    if status.unrecoverable_error or not status.online:
        raise PrinterOfflineError("the receipt printer is offline")
    if status.paper is PaperLevel.NEAR_END:
        logger.warning("receipt paper is near its end")


class ReceiptPrinter(DeviceABC):
    """A receipt printer: its status, and 領収書, 申請番号 and 返金票 slips, each printed only
    after the status shows it can (a context manager, ``DeviceABC``)."""

    @abstractmethod
    def status(self) -> ReceiptStatus:
        """The printer's status now (raises PrinterOfflineError when it does not answer)."""

    @abstractmethod
    def print_receipt(self, receipt: Receipt) -> None:
        """Print a 領収書 (status checked first)."""

    @abstractmethod
    def print_application_slip(self, slip: ApplicationSlip) -> None:
        """Print a 申請番号 slip with its QR code (status checked first)."""

    @abstractmethod
    def print_refund_slip(self, slip: RefundSlip | RefundNotice) -> None:
        """Print a 返金票 (status checked first)."""


class EscposReceiptPrinter(ReceiptPrinter):
    """A receipt printer reached through a python-escpos printer made by ``connect``.

    Every call opens the connection, checks the status, writes and closes, so a printer that
    was restarted or re-plugged in between is found again.
    """

    def __init__(self, connect: Callable[[], Any], description: str) -> None:
        self._connect = connect
        self.description = description

    @contextmanager
    def _session(self) -> Iterator[Any]:
        try:
            printer = self._connect()
            printer.open()
        except PrinterError:
            raise
        except Exception as exc:
            raise PrinterOfflineError(f"cannot open {self.description}: {exc}") from exc
        try:
            yield printer
        except (OSError, TimeoutError) as exc:
            raise PrinterOfflineError(f"lost {self.description}: {exc}") from exc
        finally:
            try:
                printer.close()
            except Exception:
                logger.debug("closing %s failed", self.description, exc_info=True)

    def close(self) -> None:
        """Nothing to release: every call opens and closes its own connection."""

    def status(self) -> ReceiptStatus:
        """The printer's status now (raises PrinterOfflineError when it does not answer)."""
        with self._session() as printer:
            return read_status(printer)

    def _print(self, write: Callable[[Any], None], what: str) -> None:
        with self._session() as printer:
            raise_unless_ready(read_status(printer))
            write(printer)
        logger.info("printed a %s on %s", what, self.description)

    def print_receipt(self, receipt: Receipt) -> None:
        """Print a 領収書 (status checked first)."""
        self._print(lambda printer: write_receipt(printer, receipt), "receipt")

    def print_application_slip(self, slip: ApplicationSlip) -> None:
        """Print a 申請番号 slip with its QR code (status checked first)."""
        self._print(lambda printer: write_application_slip(printer, slip), "application slip")

    def print_refund_slip(self, slip: RefundSlip | RefundNotice) -> None:
        """Print a 返金票 (status checked first)."""
        self._print(lambda printer: write_refund_slip(printer, slip), "refund slip")


def _network_printer(host: str, port: int, timeout: float) -> Any:
    """python-escpos's Network printer, opened with a socket that is closed if connecting fails."""
    from escpos.printer import Network

    class _Network(Network):  # type: ignore[misc]
        def open(self, raise_not_found: bool = True) -> None:
            self.device = socket.create_connection((self.host, self.port), timeout=self.timeout)

    return _Network(host, port=port, timeout=timeout)


def _number(query: dict[str, list[str]], name: str, default: float) -> float:
    try:
        return float(query.get(name, [default])[0])
    except ValueError as exc:
        raise PrinterUrlError(f"{name} must be a number") from exc


def _usb_id(text: str) -> int:
    try:
        return int(text, 16)
    except ValueError as exc:
        raise PrinterUrlError(f"bad USB id {text!r} (hexadecimal expected)") from exc


def open_receipt_printer(url: str) -> ReceiptPrinter:
    """A receipt printer for ``escpos+tcp://HOST:PORT``, ``escpos+serial:///dev/X?baudrate=N``,
    ``escpos+usb://VID:PID[?in_ep=0x82&out_ep=0x01]`` or ``sim:`` (``?timeout=S`` for all).

    A bare device path (``/dev/ttyUSB1``) means ``escpos+serial:///dev/ttyUSB1`` with defaults.
    """
    if url.startswith("/"):
        url = f"escpos+serial://{url}"
    if url == "sim:" or url.startswith("sim:?"):
        from drivers.printer.receipt_sim import SimReceiptPrinter

        return SimReceiptPrinter()
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    timeout = _number(query, "timeout", DEFAULT_TIMEOUT)
    if parts.scheme == "escpos+tcp":
        if not parts.hostname:
            raise PrinterUrlError(f"no host in {url!r}")
        try:
            port = parts.port or DEFAULT_TCP_PORT
        except ValueError as exc:
            raise PrinterUrlError(f"bad port in {url!r}") from exc
        host = parts.hostname
        return EscposReceiptPrinter(
            lambda: _network_printer(host, port, timeout), f"receipt printer {host}:{port}"
        )
    if parts.scheme == "escpos+serial":
        from escpos.printer import Serial

        if not parts.path:
            raise PrinterUrlError(f"no device path in {url!r}")
        baudrate = int(_number(query, "baudrate", 19200))
        device = parts.path
        return EscposReceiptPrinter(
            lambda: Serial(device, baudrate=baudrate, timeout=timeout),
            f"receipt printer {device}",
        )
    if parts.scheme == "escpos+usb":
        from escpos.printer import Usb

        vendor, _, product = parts.netloc.partition(":")
        ids = (_usb_id(vendor), _usb_id(product))
        endpoints = {name: int(query[name][0], 0) for name in ("in_ep", "out_ep") if name in query}
        return EscposReceiptPrinter(
            lambda: Usb(*ids, timeout=int(timeout * 1000), **endpoints),
            f"receipt printer USB {vendor}:{product}",
        )
    raise PrinterUrlError(f"unsupported receipt printer URL {url!r}")
