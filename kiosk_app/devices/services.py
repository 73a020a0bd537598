"""The session services on real (or ``sim:``) devices and the issuance server; Qt-free."""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import Any, ParamSpec, Protocol, TypeVar

from drivers.nfc.reader import CardReader
from drivers.printer.a4 import A4Status
from drivers.printer.receipt import ReceiptPrinter
from drivers.printer.slips import ApplicationSlip, Receipt, ReceiptLine, RefundSlip
from issuance_contract.certificates import CERTIFICATE_NAMES
from issuance_contract.errors import CenterError
from issuance_contract.link import CenterLink
from issuance_contract.messages import (
    RegistrationForm,
    RegistrationState,
    Route,
)
from kiosk_app.availability import Device, DeviceState, Problem, state_of_alert
from kiosk_app.clock import KioskClock
from kiosk_app.config import Config
from kiosk_app.devices.errors import classify
from kiosk_app.devices.listeners import DeviceWatcher, EventSink
from kiosk_app.devices.readiness import NOTICE_OF_PROBLEM, a4_problem, problem_of_error
from kiosk_app.devices.session_views import issuance_view, offer_view, order_item, payment_result
from kiosk_app.outbox import Outbox
from kiosk_app.payment.controller import PaymentController
from kiosk_app.payment.outcomes import PaymentAlert, PaymentError, PaymentOutcome, PaymentUpdate
from kiosk_app.payment.reasons import EndingReason
from kiosk_app.printing.composer import compose_for_print
from kiosk_app.session.model import (
    AuthResult,
    DocumentView,
    IssuanceView,
    MunicipalityView,
    OrderLine,
    PaymentProgress,
    PaymentResult,
    PrintReport,
    ReceiptInfo,
    RegistrationEntry,
    RouteChoice,
)
from kiosk_app.session.ports import ServiceError
from kiosk_app.session.status import NOT_FOUND
from kiosk_app.session.steps import Notice, NoticeKind
from kiosk_app.towns import town_names

log = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")

#: The neutral name every print job gets (CUPS keeps job names: never personal data).
JOB_NAME = "shomei-kiosk"


class PrintResultLike(Protocol):
    """What an A4 print job reports."""

    sheets_printed: int
    completed: bool
    reason: str


class A4PrinterLike(Protocol):
    """The part of drivers.printer.a4.A4Printer the kiosk uses."""

    def print_document(
        self,
        pdf: bytes,
        job_name: str,
        on_progress: Callable[[int, int], None],
        timeout: float,
    ) -> Any:
        """Print ``pdf``; report sheets; return a PrintResult."""

    def cancel(self) -> None:
        """Cancel the job in progress and purge the queue."""

    def status(self) -> A4Status:
        """The printer's state now (raises PrinterError when it cannot be reached)."""


def _classified(method: Callable[P, R]) -> Callable[P, R]:
    """Turn any driver or server failure into a ServiceError (what to tell the person)."""

    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except Exception as exc:
            raise classify(exc) from exc

    wrapper.__doc__ = method.__doc__
    return wrapper


class DeviceServices:
    """Implements kiosk_app.session.ports.Services on the devices and the center link."""

    def __init__(
        self,
        config: Config,
        reader: CardReader,
        center: CenterLink,
        payment: PaymentController,
        a4: A4PrinterLike,
        receipt: ReceiptPrinter,
        towns: list[str],
        outbox: Outbox,
    ) -> None:
        self.config = config
        #: Every time printed on a slip, in the kiosk's zone.
        self.clock = KioskClock.of_kiosk(config)
        self.reader = reader
        self.center = center
        self.payment = payment
        self.a4 = a4
        self.receipt = receipt
        self.outbox = outbox
        self._towns = towns
        self._sink: EventSink | None = None
        self._watcher: DeviceWatcher | None = None
        #: One printer verdict at a time: verdicts reach the watcher in the order they were made.
        self._a4_verdicts = threading.Lock()
        self._lock = threading.Lock()
        self._open_reference: str | None = None
        #: document id → (request id, fee of all its copies), for the delivery journal
        self._document_fees: dict[str, tuple[str, int]] = {}

    # -- events ---------------------------------------------------------------------------------
    def attach(self, sink: EventSink) -> None:
        """Send card and payment events to ``sink`` from now on."""
        self._sink = sink
        self.payment.on_update = self._on_payment_update
        self.payment.on_outcome = self._on_payment_outcome
        self.reader.start_monitoring(sink.emit_card_inserted, sink.emit_card_removed)

    def watch(self, watcher: DeviceWatcher) -> None:
        """Send the coin acceptor's state (from its alerts) and every A4 printer verdict to
        ``watcher`` from now on."""
        self._watcher = watcher
        self.payment.on_alert = self._on_payment_alert

    def _on_payment_alert(self, alert: PaymentAlert) -> None:
        state = state_of_alert(alert.kind)
        if state is not None:
            self._report(state)

    def _report(self, state: DeviceState) -> None:
        if self._watcher is not None:
            self._watcher.emit_device_state(state)

    def close(self) -> None:
        """Stop monitoring and release the devices."""
        self.reader.close()
        self.payment.stop()
        self.center.close()
        self.outbox.close()

    def _on_payment_update(self, update: PaymentUpdate) -> None:
        if self._sink is not None:
            state = PaymentProgress(update.due_yen, update.credit_yen, update.remaining_yen)
            self._sink.emit_payment_update(state)

    def _on_payment_outcome(self, outcome: PaymentOutcome) -> None:
        with self._lock:
            ours = outcome.reference == self._open_reference
            if ours:
                self._open_reference = None
        if ours and self._sink is not None:
            self._sink.emit_payment_finished(payment_result(outcome))
        elif outcome.reason == EndingReason.NO_PAYMENT_OPEN and outcome.refund_slip is not None:
            self.print_slip_or_log(outcome.refund_slip)  # a stray coin the hoppers cannot return

    def print_slip_or_log(self, slip: RefundSlip) -> None:
        """Print a refund slip; a printer failure is logged (the journal keeps the debt)."""
        try:
            self.print_refund_slip(slip)
        except Exception as exc:
            log.error("a refund slip could not be printed: %s", type(exc).__name__)

    # -- card and authentication ----------------------------------------------------------------
    def card_present(self) -> bool:
        """Whether a card is on the reader."""
        return self.reader.card_present()

    @_classified
    def read_card(self) -> int:
        """Check the card and read its PIN tries left (no try used)."""
        card = self.reader.connect()
        try:
            return card.pin_tries_left()
        finally:
            card.disconnect()

    @_classified
    def municipalities(self) -> list[MunicipalityView]:
        """The relay center's directory."""
        return [
            MunicipalityView(m.code, m.name, m.prefecture, m.residence, m.honseki, m.registration)
            for m in self.center.directory().municipalities
        ]

    @_classified
    def authenticate(self, pin: bytearray, route: RouteChoice | None = None) -> AuthResult:
        """Sign the server's nonce with the card's authentication key, then open a session.

        A store kiosk's ``route`` goes to the center with the card certificate, which it checks
        and routes by (住所地) before the chosen municipality makes the nonce."""
        try:
            card = self.reader.connect()
            try:
                certificate = card.read_auth_certificate()
                if route is None:
                    challenge = self.center.start_authentication()
                else:
                    kind = Route.HONSEKI if route.honseki else Route.RESIDENCE
                    challenge = self.center.start_routed_authentication(
                        kind, certificate, route.code
                    )
                digest = hashlib.sha256(challenge.nonce).digest()
                signature = card.sign_with_auth_key(pin, digest)
            finally:
                card.disconnect()
        finally:
            for i in range(len(pin)):
                pin[i] = 0
        session = self.center.authenticate(challenge.challenge_id, certificate, signature)
        offers = [offer_view(offer) for offer in session.offers]
        return AuthResult(session.token, offers, session.municipality_name)

    # -- issuance ---------------------------------------------------------------------------------
    def check_printers(self) -> None:
        """Raise ServiceError (PAPER_OUT or PRINTER_FAULT, nothing charged) unless the A4 printer
        can print now; the verdict also goes to the watcher (the home screen's availability)."""
        with self._a4_verdicts:
            problem = a4_problem(self.a4)
            self._report(DeviceState(Device.A4_PRINTER, problem))
        if problem is not None:
            raise ServiceError(Notice(NOTICE_OF_PROBLEM[problem], before_payment=True))
        if self.config.center.relay:
            self._check_center()

    def _check_center(self) -> None:
        """A store kiosk: the relay center must answer (its directory), or no issuance at all;
        the verdict goes to the watcher like the printer's."""
        try:
            self.center.directory()
        except CenterError as exc:
            self._report(DeviceState(Device.CENTER, Problem.OFFLINE))
            log.warning("the relay center does not answer: %s", type(exc).__name__)
            notice = Notice(NoticeKind.SERVER_UNREACHABLE, before_payment=True)
            raise ServiceError(notice) from exc
        self._report(DeviceState(Device.CENTER))

    @_classified
    def issue(self, token: str, lines: list[OrderLine], idempotency_key: str) -> IssuanceView:
        """Order the basket; the documents come back bound to one request."""
        items = [order_item(line) for line in lines]
        issuance = self.center.issue(token, items, idempotency_key)
        # the one place a document's fee is computed; only the latest request is kept
        if len(issuance.documents) == len(lines):  # one document per item, in order
            self._document_fees = {
                document.document_id: (issuance.request_id, line.amount_yen)
                for document, line in zip(issuance.documents, lines, strict=True)
            }
        else:  # reported as printed at no fee; the whole fee is given back
            log.error("the request's documents do not match the order: no fee is kept")
            self._document_fees = {
                document.document_id: (issuance.request_id, 0) for document in issuance.documents
            }
        return issuance_view(issuance)

    @_classified
    def open_payment(self, amount_yen: int, reference: str) -> None:
        """Start taking coins for ``reference`` (a request id); once paid, the payment stays
        open ("delivery pending") until the documents are printed or given up."""
        with self._lock:
            self._open_reference = reference
        self.payment.open(amount_yen, reference, awaits_delivery=True)

    @_classified
    def cancel_payment(self) -> None:
        """Stop taking coins and give the credit back (the outcome comes as an event)."""
        self.payment.cancel()

    def print_documents(
        self, documents: list[DocumentView], on_progress: Callable[[int, int], None]
    ) -> PrintReport:
        """Print every copy of every document, as composed duplex sheets.

        Each document fully printed is journaled as delivered at once (its fee kept even if
        the kiosk dies later); the outcome report (the one report of the request, with the fee
        kept) is queued in the outbox before the payment closes, so that a crash in between
        cannot lose it. :meth:`send_reports` sends it.
        """
        report = self._print_all(documents, on_progress)
        printed = set(report.printed_document_ids)
        outcomes: dict[str, tuple[list[str], int]] = {}
        for document in documents:
            known = self._document_fees.pop(document.document_id, None)
            if known is None:
                continue
            request_id, fee = known
            ids, kept = outcomes.get(request_id, ([], 0))
            if document.document_id in printed:
                ids, kept = [*ids, document.document_id], kept + fee
            outcomes[request_id] = (ids, kept)
        for request_id, (ids, kept) in outcomes.items():
            self.outbox.add_report(request_id, ids, kept)
            if report.completed:
                self._settle_delivery(request_id, EndingReason.DELIVERED)
        return replace(report, fee_kept_yen=sum(kept for _ids, kept in outcomes.values()))

    def _settle_delivery(self, request_id: str, reason: str) -> PaymentOutcome | None:
        """Close the payment of ``request_id``: the fee of what was not delivered goes back."""
        try:
            return self.payment.undelivered(request_id, reason)
        except PaymentError as exc:
            log.error("no payment to settle for a delivery: %s", exc)
            return None

    def _record_delivery(self, document_id: str) -> None:
        request_id, fee = self._document_fees.get(document_id, ("", 0))
        if not request_id:
            return
        try:
            self.payment.record_delivery(request_id, document_id, fee)
        except PaymentError as exc:
            log.error("a delivered document could not be journaled: %s", exc)

    def _print_all(
        self, documents: list[DocumentView], on_progress: Callable[[int, int], None]
    ) -> PrintReport:
        total = sum(len(d.page_codes) * d.copies for d in documents)
        done = 0
        printed: list[str] = []
        timeout = self.config.timeouts.printing
        from drivers.printer.errors import PrinterError

        for document in documents:
            sheets = compose_for_print(document.pdf, document.page_codes, document.document_id)
            for _copy in range(document.copies):
                base = done

                def progress(sheet: int, _of: int, base: int = base) -> None:
                    on_progress(base + sheet, total)

                try:
                    result = self.a4.print_document(sheets, JOB_NAME, progress, timeout)
                except PrinterError as exc:
                    log.error("printing stopped: %s", type(exc).__name__)
                    done = base + int(getattr(exc, "sheets_printed", 0))
                    problem = problem_of_error(exc)
                    if problem is not None:
                        with self._a4_verdicts:
                            self._report(DeviceState(Device.A4_PRINTER, problem))
                    paper_out = problem is Problem.PAPER_OUT
                    return PrintReport(printed, done, False, paper_out, type(exc).__name__)
                done = base + int(result.sheets_printed)
            printed.append(document.document_id)
            self._record_delivery(document.document_id)
        with self._a4_verdicts:
            self._report(DeviceState(Device.A4_PRINTER))
        return PrintReport(printed, done, completed=True)

    @_classified
    def print_receipt(self, receipt: ReceiptInfo) -> None:
        """Print the receipt (no personal data on it)."""
        self.receipt.print_receipt(
            Receipt(
                municipality=receipt.municipality or self.config.municipality.name,
                issued_at=receipt.issued_at,
                lines=[
                    ReceiptLine(CERTIFICATE_NAMES[kind], copies, fee)
                    for kind, copies, fee in receipt.lines
                ],
                total_yen=receipt.total_yen,
                inserted_yen=receipt.inserted_yen,
                change_yen=receipt.change_yen,
                refund_owed_yen=receipt.refund_owed_yen,
                kiosk_id=self.config.kiosk.id,
                transaction_id=receipt.request_id,
            )
        )

    @_classified
    def print_refund_slip(self, slip: object) -> None:
        """Print a 返金票 for a payment's refund owed."""
        if isinstance(slip, RefundSlip):
            self.receipt.print_refund_slip(slip)

    @_classified
    def refund(self, amount_yen: int, reference: str) -> PaymentResult:
        """Give back a fee whose documents were not printed: coins, or a slip for the rest.

        The payment awaiting its delivery is closed: ``amount_yen`` of its fee is voided.
        """
        pending = reference in self.payment.awaiting_delivery
        outcome = self.payment.refund(reference, amount_yen, EndingReason.NOT_PRINTED)
        if outcome.refund_slip is not None:
            self.print_refund_slip(outcome.refund_slip)
        if pending:  # what this settlement gave back, not the whole payment's change
            owed = outcome.refund_slip.refund_owed_yen if outcome.refund_slip else 0
            return PaymentResult(
                inserted_yen=0,
                fee_kept_yen=-outcome.voided_yen,
                change_paid_yen=outcome.given_back_yen,
                refund_owed_yen=owed,
            )
        return payment_result(outcome)

    def send_reports(self) -> None:
        """Send the outcome reports :meth:`print_documents` queued (through the outbox: kept
        and sent again until the server has them)."""
        self.outbox.flush(self.center)

    def cancel_request(self, token: str, request_id: str) -> None:
        """Cancel a whole request (through the outbox)."""
        self.outbox.add_cancel(request_id)
        self.outbox.flush(self.center)

    def cancel_issue(self, idempotency_key: str) -> None:
        """Cancel the request ordered with ``idempotency_key`` whose reply never came."""
        self.outbox.add_cancel_by_key(idempotency_key)
        self.outbox.flush(self.center)

    @_classified
    def end_session(self, token: str) -> None:
        """Send what the outbox holds, give back the fee of a delivery left pending, then end
        the server session (so that no report or cancel comes after the end)."""
        for reference in self.payment.awaiting_delivery:
            outcome = self._settle_delivery(reference, EndingReason.SESSION_ENDED)
            if outcome is not None:
                self.outbox.add_settlements([outcome])
                if outcome.refund_slip is not None:
                    self.print_slip_or_log(outcome.refund_slip)
        self.outbox.flush(self.center)
        self.center.end_session(token)

    def purge_print_spool(self) -> None:
        """Cancel any job still queued at the A4 printer."""
        try:
            self.a4.cancel()
        except Exception as exc:
            log.warning("could not purge the print queue: %s", type(exc).__name__)

    # -- registration and status ---------------------------------------------------------------
    def town_names(self, municipality_code: str | None = None) -> list[str]:
        """The 町名 list of the kiosk's city, or of a chosen municipality (a store kiosk)."""
        if municipality_code is None or municipality_code == self.config.municipality.code:
            return list(self._towns)
        return town_names(municipality_code)

    @_classified
    def submit_registration(self, token: str, entry: RegistrationEntry) -> str:
        """File the usage registration; returns the 申請番号."""
        city = entry.municipality or self.config.municipality.name
        form = RegistrationForm(
            honseki=f"{city}{entry.honseki_town}{entry.honseki_banchi}",
            hittosha=entry.hittosha_reading,
            hittosha_kana=entry.hittosha_reading,
            phone=entry.phone,
            birth_date=entry.birth_date,
            card_expiry=entry.card_expiry,
            card_security_code=entry.security_code,
        )
        return self.center.submit_registration(token, form)

    @_classified
    def registration_status(self, number: str) -> str:
        """The status of a registration by number."""
        status = self.center.registration_status(number)
        return NOT_FOUND if status.state is RegistrationState.UNKNOWN else status.state.value

    @_classified
    def print_application_slip(self, number: str, municipality: str = "") -> None:
        """Print the 申請番号 slip (naming the 本籍地 chosen at a store kiosk)."""
        self.receipt.print_application_slip(
            ApplicationSlip(
                municipality=municipality or self.config.municipality.name,
                application_number=number,
                submitted_at=self.clock.now(),
                kiosk_id=self.config.kiosk.id,
            )
        )
