"""What the receipt printer prints: receipts, refund slips (返金票) and 申請番号 slips."""

from __future__ import annotations

import logging

from drivers.printer.receipt import ReceiptPrinter
from drivers.printer.slips import ApplicationSlip, Receipt, ReceiptLine, RefundSlip
from issuance_contract.certificates import CERTIFICATE_NAMES
from kiosk_app.clock import KioskClock
from kiosk_app.config import Config
from kiosk_app.devices.errors import classified
from kiosk_app.session.model import ReceiptInfo

log = logging.getLogger(__name__)


class SlipPrinting:
    """Prints the kiosk's slips (no personal data on any of them)."""

    def __init__(self, config: Config, receipt: ReceiptPrinter, clock: KioskClock) -> None:
        self._config = config
        self._receipt = receipt
        #: Every time printed on a slip, in the kiosk's zone.
        self._clock = clock

    @classified
    def print_receipt(self, receipt: ReceiptInfo) -> None:
        """Print the receipt (no personal data on it)."""
        self._receipt.print_receipt(
            Receipt(
                municipality=receipt.municipality or self._config.municipality.name,
                issued_at=receipt.issued_at,
                lines=[
                    ReceiptLine(CERTIFICATE_NAMES[kind], copies, fee)
                    for kind, copies, fee in receipt.lines
                ],
                total_yen=receipt.total_yen,
                inserted_yen=receipt.inserted_yen,
                change_yen=receipt.change_yen,
                refund_owed_yen=receipt.refund_owed_yen,
                kiosk_id=self._config.kiosk.id,
                transaction_id=receipt.request_id,
            )
        )

    @classified
    def print_refund_slip(self, slip: object) -> None:
        """Print a 返金票 for a payment's refund owed."""
        if isinstance(slip, RefundSlip):
            self._receipt.print_refund_slip(slip)

    def print_slip_or_log(self, slip: RefundSlip) -> None:
        """Print a refund slip; a printer failure is logged (the journal keeps the debt)."""
        try:
            self.print_refund_slip(slip)
        except Exception as exc:
            log.error("a refund slip could not be printed: %s", type(exc).__name__)

    @classified
    def print_application_slip(self, number: str, municipality: str = "") -> None:
        """Print the 申請番号 slip (naming the 本籍地 chosen at a store kiosk)."""
        self._receipt.print_application_slip(
            ApplicationSlip(
                municipality=municipality or self._config.municipality.name,
                application_number=number,
                submitted_at=self._clock.now(),
                kiosk_id=self._config.kiosk.id,
            )
        )
