"""A4 printing over IPP: Print-Job from memory, Get-Job-Attributes to the end, Cancel-Job.

The same client reaches an IPP Everywhere printer directly (``ipp://host/ipp/print``) and a
CUPS queue (``ipp://localhost:631/printers/QUEUE``). Progress is job-impressions-completed / 2
(duplex): a sheet counts only once both of its sides are out.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from typing import Any

import aiohttp
from pyipp.enums import IppOperation, IppTag

from drivers.printer.a4 import (
    A4Printer,
    A4Status,
    PrintResult,
    ProgressCallback,
)
from drivers.printer.errors import (
    PrinterError,
    PrinterOfflineError,
    PrintJobError,
    PrintTimeoutError,
)
from drivers.printer.ipp_client import IppClient, as_list
from drivers.printer.ipp_events import FIRST_ERROR_STATUS, JobEnd, JobEventSubscription
from drivers.printer.ipp_target import ipp_target
from drivers.printer.ipp_wire import Attribute, IppReply
from drivers.printer.reasons import fault_in

logger = logging.getLogger(__name__)

JOB_PENDING, JOB_HELD, JOB_PROCESSING, JOB_STOPPED = 3, 4, 5, 6
JOB_CANCELED, JOB_ABORTED, JOB_COMPLETED = 7, 8, 9
TERMINAL_JOB_STATES = (JOB_CANCELED, JOB_ABORTED, JOB_COMPLETED)
PRINTER_STATES = {3: "idle", 4: "processing", 5: "stopped"}
JOB_ATTRIBUTES = ["job-state", "job-state-reasons", "job-impressions-completed"]
PRINTER_ATTRIBUTES = ["printer-state", "printer-state-reasons", "printer-is-accepting-jobs"]
USER_NAME = "shomei-kiosk"
#: Consecutive failed polls after which the printer counts as gone.
MAX_POLL_FAILURES = 5
STATUS_NOT_FOUND = 0x0406
STATUS_BUSY = 0x0507
#: Seconds between Print-Job attempts while the printer answers server-error-busy.
BUSY_RETRY_S = 0.5
#: How long to wait for a dropped job's job-completed event.
EVENT_WAIT_S = 3.0


class _JobNotFoundError(PrintJobError):
    """The printer no longer knows the job (CUPS with PreserveJobHistory No drops ended jobs)."""


class _PrinterBusyError(PrintJobError):
    """The printer is still busy with another job (server-error-busy); try again later."""


def _integer(attributes: dict[str, Any], name: str) -> int:
    """An integer or enum attribute, 0 when absent or of another type."""
    value = attributes.get(name)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


class IppA4Printer(A4Printer):
    """An IPP printer or CUPS queue at ``uri``; one job at a time, tracked to its end."""

    def __init__(
        self,
        uri: str,
        *,
        poll_interval: float = 0.2,
        cancel_grace: float = 15.0,
        request_timeout: int = 30,
    ) -> None:
        self.uri = uri
        self.target = ipp_target(uri)
        if self.target.cleartext_remote:
            logger.warning(
                "certificates will travel unencrypted to %s (ipp://): use ipps:// with a pinned "
                "certificate (#sha256=…) unless this network is the printer's own cable",
                self.target.http_url.host,
            )
        self.poll_interval = poll_interval
        self.cancel_grace = cancel_grace
        self.request_timeout = request_timeout
        self._cancel_requested = threading.Event()

    # -- public API ----------------------------------------------------------------------------
    def _print_checked(
        self, pdf: bytes, job_name: str, sheets: int, on_progress: ProgressCallback, timeout: float
    ) -> PrintResult:
        """Print ``pdf`` duplex long-edge; see `A4Printer.print_document`."""
        self._cancel_requested.clear()
        return asyncio.run(self._print(pdf, job_name, sheets, on_progress, timeout))

    def status(self) -> A4Status:
        """The printer's state and reasons (Get-Printer-Attributes)."""
        return asyncio.run(self._status_once())

    def cancel(self) -> None:
        """Ask the running print_document to cancel its job."""
        self._cancel_requested.set()

    def close(self) -> None:
        """Nothing to release: every call opens its own connections."""

    # -- IPP operations ------------------------------------------------------------------------
    def _client(self, session: aiohttp.ClientSession) -> IppClient:
        return IppClient(session, self.target, USER_NAME, self.request_timeout)

    async def _execute(
        self,
        ipp: IppClient,
        operation: IppOperation,
        attributes: list[Attribute],
        job_attributes: list[Attribute] | None = None,
        document: bytes = b"",
    ) -> IppReply:
        groups = [(IppTag.JOB, job_attributes)] if job_attributes else None
        reply = await ipp.send(operation.value, attributes, groups, document)
        if reply.status == STATUS_NOT_FOUND:
            raise _JobNotFoundError(f"{operation.name}: no such job")
        if reply.status == STATUS_BUSY:
            raise _PrinterBusyError(f"{operation.name}: the printer is busy")
        if reply.status >= FIRST_ERROR_STATUS:
            raise PrintJobError(f"the printer refused {operation.name}: status {reply.status:#06x}")
        return reply

    async def _status(self, ipp: IppClient) -> A4Status:
        reply = await self._execute(
            ipp,
            IppOperation.GET_PRINTER_ATTRIBUTES,
            [("requested-attributes", IppTag.KEYWORD, PRINTER_ATTRIBUTES)],
        )
        printer = reply.first(IppTag.PRINTER)
        reasons = tuple(
            r for r in as_list(printer.get("printer-state-reasons")) if isinstance(r, str)
        )
        state = printer.get("printer-state")
        return A4Status(
            state=PRINTER_STATES.get(state, "unknown") if isinstance(state, int) else "unknown",
            reasons=tuple(r for r in reasons if r != "none"),
            accepting_jobs=printer.get("printer-is-accepting-jobs", True) is not False,
        )

    async def _status_once(self) -> A4Status:
        async with aiohttp.ClientSession() as session:
            return await self._status(self._client(session))

    async def _submit(self, ipp: IppClient, pdf: bytes, job_name: str) -> int:
        """Print-Job, again every BUSY_RETRY_S while the printer is busy (the caller times out)."""
        while True:
            try:
                return await self._submit_once(ipp, pdf, job_name)
            except _PrinterBusyError:
                logger.info("the printer is busy; Print-Job again in %.1f s", BUSY_RETRY_S)
                await asyncio.sleep(BUSY_RETRY_S)

    async def _submit_once(self, ipp: IppClient, pdf: bytes, job_name: str) -> int:
        reply = await self._execute(
            ipp,
            IppOperation.PRINT_JOB,
            [
                ("job-name", IppTag.NAME, job_name),
                ("document-format", IppTag.MIME_TYPE, "application/pdf"),
            ],
            [
                ("sides", IppTag.KEYWORD, "two-sided-long-edge"),
                ("media", IppTag.KEYWORD, "iso_a4_210x297mm"),
                ("copies", IppTag.INTEGER, 1),
            ],
            pdf,
        )
        job_id = reply.first(IppTag.JOB).get("job-id")
        if not isinstance(job_id, int):
            raise PrintJobError("the printer accepted the job but gave no job-id")
        return job_id

    async def _job(self, ipp: IppClient, job_id: int) -> dict[str, Any]:
        reply = await self._execute(
            ipp,
            IppOperation.GET_JOB_ATTRIBUTES,
            [
                ("job-id", IppTag.INTEGER, job_id),
                ("requested-attributes", IppTag.KEYWORD, JOB_ATTRIBUTES),
            ],
        )
        return reply.first(IppTag.JOB)

    # -- one job -------------------------------------------------------------------------------
    async def _print(
        self, pdf: bytes, job_name: str, total: int, on_progress: ProgressCallback, timeout: float
    ) -> PrintResult:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        async with aiohttp.ClientSession() as session:
            ipp = self._client(session)
            try:
                async with asyncio.timeout(timeout):
                    status = await self._status(ipp)
                    fault = fault_in(list(status.reasons), during_job=False)
                    if fault:
                        error, keyword = fault
                        raise error(f"the printer reports {keyword}", reason=keyword)
                    if not status.accepting_jobs:
                        raise PrinterOfflineError("the printer is not accepting jobs")
                    events = JobEventSubscription(ipp)
                    await events.create()
                    job_id = await self._submit(ipp, pdf, job_name)
            except TimeoutError as exc:
                raise PrintTimeoutError("the printer did not take the job in time") from exc
            logger.info("job %d (%d sheets) submitted to %s", job_id, total, self.uri)
            tracker = _JobTracker(self, ipp, events, job_id, total, on_progress, deadline)
            # Warnings already there before the job (CUPS keeps the last job's) are not news.
            tracker.stale = frozenset(status.reasons)
            try:
                return await tracker.run()
            finally:
                await events.cancel()


class _JobTracker:
    """Follows one job to its end; stops (cancels) it whole on a fault, a time-out or cancel()."""

    def __init__(
        self,
        printer: IppA4Printer,
        ipp: IppClient,
        events: JobEventSubscription,
        job_id: int,
        total: int,
        on_progress: ProgressCallback,
        deadline: float,
    ) -> None:
        self.printer = printer
        self.ipp = ipp
        self.events = events
        self.job_id = job_id
        self.total = total
        self.on_progress = on_progress
        self.deadline = deadline
        self.sheets = 0
        self.reported = -1
        self.terminal = False
        self.stale: frozenset[str] = frozenset()

    def _fault(self, reasons: tuple[str, ...]) -> tuple[type[PrinterError], str] | None:
        return fault_in([reason for reason in reasons if reason not in self.stale])

    def _count(self, job: dict[str, Any]) -> int:
        impressions = _integer(job, "job-impressions-completed")
        self.sheets = max(self.sheets, min(self.total, impressions // 2))
        return self.sheets

    def _report(self, sheets: int) -> None:
        if sheets != self.reported:
            self.reported = sheets
            self.on_progress(sheets, self.total)

    async def run(self) -> PrintResult:
        """Poll until the job completes, or stop it and raise the reason."""
        try:
            stop = await self._poll_until_stop()
        except BaseException:
            if not self.terminal:
                await self._cancel_job()
            raise
        if stop is None:
            self._report(self.total)
            return PrintResult(self.total, True, "completed")
        if not self.terminal:
            await self._cancel_job()
        stop.sheets_printed = self.sheets
        raise stop

    async def _poll_until_stop(self) -> PrinterError | None:
        loop = asyncio.get_running_loop()
        failures = 0
        while True:
            if self.printer._cancel_requested.is_set():
                return PrintJobError("the job was cancelled", reason="cancelled")
            if loop.time() >= self.deadline:
                return PrintTimeoutError("the job did not finish in time", reason="timeout")
            try:
                job = await self.printer._job(self.ipp, self.job_id)
                status = await self.printer._status(self.ipp)
                failures = 0
            except _JobNotFoundError:
                return await self._vanished()
            except PrinterOfflineError as exc:
                failures += 1
                if failures >= MAX_POLL_FAILURES:
                    return PrinterOfflineError(str(exc), reason="offline")
                await asyncio.sleep(self.printer.poll_interval)
                continue
            state = _integer(job, "job-state")
            self._report(self._count(job))
            if state == JOB_COMPLETED:
                self.terminal = True
                return None
            fault = self._fault(status.reasons)
            if state in (JOB_CANCELED, JOB_ABORTED):
                self.terminal = True
                error, keyword = fault or (PrintJobError, "canceled" if state == 7 else "aborted")
                return error(f"the job ended {keyword}", reason=keyword)
            if fault:
                error, keyword = fault
                return error(f"the printer reports {keyword}", reason=keyword)
            await asyncio.sleep(self.printer.poll_interval)

    async def _job_end(self) -> JobEnd | None:
        """The job's job-completed event (it may come a moment after the job is gone)."""
        if self.events.subscription_id is None:
            return None
        loop = asyncio.get_running_loop()
        end = loop.time() + EVENT_WAIT_S
        while True:
            found = await self.events.job_end(self.job_id)
            if found is not None or loop.time() >= end:
                return found
            await asyncio.sleep(self.printer.poll_interval)

    async def _vanished(self) -> PrinterError | None:
        """The job ended and the server dropped it (CUPS with ``PreserveJobHistory No``).

        Its job-completed event says how it ended; without one the outcome is unknown and the
        job is not counted as printed.
        """
        self.terminal = True
        end = await self._job_end()
        if end is not None and end.job_state == JOB_COMPLETED:
            return None
        if end is not None:
            self.sheets = min(self.sheets, end.impressions_completed // 2)
        try:
            fault = self._fault((await self.printer._status(self.ipp)).reasons)
        except PrinterError:
            fault = None
        if fault:
            error, keyword = fault
            return error(f"the printer reports {keyword}", reason=keyword)
        if end is None:
            return PrintJobError("the job ended with no final state to read", reason="unknown")
        keyword = "canceled" if end.job_state == JOB_CANCELED else "aborted"
        return PrintJobError(f"the job ended {keyword}", reason=keyword)

    async def _gone_after_cancel(self) -> None:
        self.terminal = True
        end = await self._job_end()
        if end is not None:
            self.sheets = min(self.sheets, end.impressions_completed // 2)

    async def _cancel_job(self) -> None:
        """Cancel-Job, then wait (bounded) for the job to end and take its final sheet count."""
        loop = asyncio.get_running_loop()
        try:
            await self.printer._execute(
                self.ipp, IppOperation.CANCEL_JOB, [("job-id", IppTag.INTEGER, self.job_id)]
            )
        except _JobNotFoundError:
            await self._gone_after_cancel()
            return
        except PrinterError as exc:
            logger.warning("cancel of job %d: %s", self.job_id, exc)
        end = loop.time() + self.printer.cancel_grace
        while loop.time() < end:
            try:
                job = await self.printer._job(self.ipp, self.job_id)
            except _JobNotFoundError:
                await self._gone_after_cancel()
                return
            except PrinterError as exc:
                logger.error("job %d cannot be followed after Cancel-Job: %s", self.job_id, exc)
                return
            self._count(job)
            if _integer(job, "job-state") in TERMINAL_JOB_STATES:
                self.terminal = True
                logger.info("job %d cancelled after %d sheets", self.job_id, self.sheets)
                return
            await asyncio.sleep(self.printer.poll_interval)
        logger.error(
            "job %d did not end within %.0f s of Cancel-Job", self.job_id, self.printer.cancel_grace
        )
