"""The session services on real (or ``sim:``) devices and the center link, put together from
one part per job; Qt-free."""

from __future__ import annotations

from collections.abc import Callable

from drivers.nfc.reader import CardReader
from drivers.printer.receipt import ReceiptPrinter
from issuance_contract.link import CenterLink
from kiosk_app.clock import KioskClock
from kiosk_app.config import Config
from kiosk_app.devices.a4_printing import A4PrinterLike, A4Printing
from kiosk_app.devices.availability_watch import AvailabilityWatch
from kiosk_app.devices.card_access import CardAccess
from kiosk_app.devices.listeners import DeviceWatcher, EventSink
from kiosk_app.devices.payment_desk import PaymentDesk
from kiosk_app.devices.registration_desk import RegistrationDesk
from kiosk_app.devices.request_delivery import RequestDelivery
from kiosk_app.devices.slip_printing import SlipPrinting
from kiosk_app.outbox import Outbox
from kiosk_app.payment.controller import PaymentController
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


class DeviceServices:
    """Implements kiosk_app.session.ports.Services: each operation goes to the part doing that
    job. The devices and the link stay reachable for maintenance and the simulator panel."""

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
        self.availability = AvailabilityWatch(a4, center, relay=config.center.relay)
        self.card_access = CardAccess(reader, center)
        self.slips = SlipPrinting(config, receipt, self.clock)
        self.payment_desk = PaymentDesk(payment, self.slips)
        self.a4_printing = A4Printing(a4, config.timeouts.printing, self.availability)
        self.delivery = RequestDelivery(center, payment, outbox, self.a4_printing, self.slips)
        self.registration_desk = RegistrationDesk(config, center, towns)

    def attach(self, sink: EventSink) -> None:
        """Send card and payment events to ``sink`` from now on."""
        self.payment_desk.attach(sink)
        self.reader.start_monitoring(sink.emit_card_inserted, sink.emit_card_removed)

    def watch(self, watcher: DeviceWatcher) -> None:
        """Send the coin acceptor's state (from its alerts) and every A4 printer verdict to
        ``watcher`` from now on."""
        self.availability.watch(watcher)
        self.payment.on_alert = self.availability.on_payment_alert

    def close(self) -> None:
        """Stop monitoring and release the devices."""
        self.reader.close()
        self.payment.stop()
        self.center.close()
        self.outbox.close()

    # -- the card ---------------------------------------------------------------------------------
    def card_present(self) -> bool:
        """Whether a card is on the reader."""
        return self.card_access.card_present()

    def read_card(self) -> int:
        """Check the card and read its PIN tries left (no try used)."""
        return self.card_access.read_card()

    def municipalities(self) -> list[MunicipalityView]:
        """The relay center's directory."""
        return self.card_access.municipalities()

    def authenticate(self, pin: bytearray, route: RouteChoice | None = None) -> AuthResult:
        """Sign the server's nonce with the card, then open a session (the PIN zeroed)."""
        return self.card_access.authenticate(pin, route)

    # -- issuance -------------------------------------------------------------------------------
    def check_printers(self) -> None:
        """Raise ServiceError unless the A4 printer (and a store kiosk's center) can serve now."""
        self.availability.check_printers()

    def issue(self, token: str, lines: list[OrderLine], idempotency_key: str) -> IssuanceView:
        """Order the basket; the documents come back bound to one request."""
        return self.delivery.issue(token, lines, idempotency_key)

    def open_payment(self, amount_yen: int, reference: str) -> None:
        """Start taking coins for ``reference`` (a request id)."""
        self.payment_desk.open_payment(amount_yen, reference)

    def cancel_payment(self) -> None:
        """Stop taking coins and give the credit back (the outcome comes as an event)."""
        self.payment_desk.cancel_payment()

    def print_documents(
        self, documents: list[DocumentView], on_progress: Callable[[int, int], None]
    ) -> PrintReport:
        """Print every copy of every document; each is journaled as delivered once out."""
        return self.delivery.print_documents(documents, on_progress)

    def print_receipt(self, receipt: ReceiptInfo) -> None:
        """Print the receipt (no personal data on it)."""
        self.slips.print_receipt(receipt)

    def print_refund_slip(self, slip: object) -> None:
        """Print a 返金票 for a payment's refund owed."""
        self.slips.print_refund_slip(slip)

    def refund(self, amount_yen: int, reference: str) -> PaymentResult:
        """Give back a fee whose documents were not printed: coins, or a slip for the rest."""
        return self.payment_desk.refund(amount_yen, reference)

    def send_reports(self) -> None:
        """Send the outcome reports printing queued (through the outbox)."""
        self.delivery.send_reports()

    def cancel_request(self, token: str, request_id: str) -> None:
        """Cancel a whole request (through the outbox)."""
        self.delivery.cancel_request(token, request_id)

    def cancel_issue(self, idempotency_key: str) -> None:
        """Cancel the request ordered with ``idempotency_key`` whose reply never came."""
        self.delivery.cancel_issue(idempotency_key)

    def end_session(self, token: str) -> None:
        """Settle a delivery left pending, send the outbox, then end the server session."""
        self.delivery.end_session(token)

    def purge_print_spool(self) -> None:
        """Cancel any job still queued at the A4 printer."""
        self.a4_printing.purge_print_spool()

    # -- registration and status ----------------------------------------------------------------
    def town_names(self, municipality_code: str | None = None) -> list[str]:
        """The 町名 list of the kiosk's city, or of a chosen municipality (a store kiosk)."""
        return self.registration_desk.town_names(municipality_code)

    def submit_registration(self, token: str, entry: RegistrationEntry) -> str:
        """File the usage registration; returns the 申請番号."""
        return self.registration_desk.submit_registration(token, entry)

    def registration_status(self, number: str) -> str:
        """The status of a registration by number."""
        return self.registration_desk.registration_status(number)

    def print_application_slip(self, number: str, municipality: str = "") -> None:
        """Print the 申請番号 slip (naming the 本籍地 chosen at a store kiosk)."""
        self.slips.print_application_slip(number, municipality)
