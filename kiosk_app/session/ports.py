"""What a session flow needs from the outside: blocking services and an executor."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol, TypeVar

from kiosk_app.session.model import (
    AuthResult,
    DocumentView,
    IssuanceView,
    MunicipalityView,
    OrderLine,
    PaymentResult,
    PrintReport,
    ReceiptInfo,
    RegistrationEntry,
    RouteChoice,
)
from kiosk_app.session.steps import Notice

T = TypeVar("T")
log = logging.getLogger(__name__)


class ServiceError(Exception):
    """A device or server failure, already classified as what to tell the person."""

    def __init__(self, notice: Notice, tries_left: int | None = None) -> None:
        super().__init__(notice.kind.value)
        self.notice = notice
        self.tries_left = tries_left


class Services(Protocol):
    """Blocking operations on the devices and the issuance server; run off the GUI thread.

    Every method raises ServiceError for a failure the person must be told about.
    """

    def card_present(self) -> bool:
        """True if a card is on the reader now."""

    def read_card(self) -> int:
        """Check the card is a My Number Card and return its PIN tries left (none consumed)."""

    def municipalities(self) -> list[MunicipalityView]:
        """The relay center's directory of municipalities (a store kiosk)."""

    def authenticate(self, pin: bytearray, route: RouteChoice | None = None) -> AuthResult:
        """Sign the server's challenge with the card (PIN zeroed) → token and offers; a store
        kiosk's ``route`` says which municipality (the center checks the card and routes)."""

    def check_printers(self) -> None:
        """Raise ServiceError (PAPER_OUT or PRINTER_FAULT, ``before_payment``) unless the A4
        printer can print now: asked before the card is read and before ordering."""

    def issue(self, token: str, lines: list[OrderLine], idempotency_key: str) -> IssuanceView:
        """Order the documents: they come back rendered, bound to one request."""

    def open_payment(self, amount_yen: int, reference: str) -> None:
        """Start taking coins; updates and the outcome arrive as events."""

    def cancel_payment(self) -> None:
        """Stop taking coins and give back the credit; the outcome arrives as an event."""

    def print_documents(
        self, documents: list[DocumentView], on_progress: Callable[[int, int], None]
    ) -> PrintReport:
        """Print every copy of every document; ``on_progress(sheets_done, sheets_total)``."""

    def print_receipt(self, receipt: ReceiptInfo) -> None:
        """Print the receipt."""

    def print_refund_slip(self, slip: object) -> None:
        """Print the refund slip a payment outcome carries (coins owed but not given back)."""

    def refund(self, amount_yen: int, reference: str) -> PaymentResult:
        """Give back fees paid but not served: coins if the hoppers can, else a refund slip."""

    def send_reports(self) -> None:
        """Send the server the outcome reports that printing queued (what was printed and the
        fee kept); kept and sent again until the server has them."""

    def cancel_request(self, token: str, request_id: str) -> None:
        """Cancel a whole request at the server."""

    def cancel_issue(self, idempotency_key: str) -> None:
        """Cancel the order made with ``idempotency_key`` whose reply never came (the server
        may have stored it)."""

    def end_session(self, token: str) -> None:
        """End the server session."""

    def town_names(self, municipality_code: str | None = None) -> list[str]:
        """The 町名 list for the 本籍 field: of the kiosk's city, or of a chosen municipality."""

    def submit_registration(self, token: str, entry: RegistrationEntry) -> str:
        """File a usage registration; returns its 申請番号."""

    def registration_status(self, number: str) -> str:
        """The status code of the registration with this 申請番号."""

    def print_application_slip(self, number: str, municipality: str = "") -> None:
        """Print a slip with the 申請番号 (and the 本籍地 municipality, at a store kiosk)."""

    def purge_print_spool(self) -> None:
        """Cancel and forget any print job still queued."""


class Executor(Protocol):
    """Runs blocking jobs off the flow's thread and brings results and events back to it."""

    def submit(
        self,
        job: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        """Run ``job`` on a worker; call ``on_done``/``on_error`` later on the flow's thread."""

    def post(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` on the flow's thread (safe to call from any thread)."""


def ignore_result(_result: object) -> None:
    """The result of a job run only for its effect (an ``on_done`` that does nothing)."""


def _log_failure(error: Exception) -> None:
    cause = error.__cause__ if error.__cause__ is not None else error
    log.warning("a background job failed: %s (%s)", type(error).__name__, type(cause).__name__)


def fire_and_forget(executor: Executor, job: Callable[[], object]) -> None:
    """Run ``job`` for its effect; a failure is logged (by its type only), never shown."""
    executor.submit(job, ignore_result, _log_failure)
