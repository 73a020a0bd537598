"""The certificate issuance flow: card and PIN, menu, options, copies, pay, print, take."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import replace

from issuance_contract.certificates import CertificateType
from kiosk_app.session.card import CardFlow
from kiosk_app.session.flow import FlowContext
from kiosk_app.session.model import (
    MAX_COPIES,
    IssuanceView,
    OfferView,
    OrderLine,
    PaymentProgress,
    PaymentResult,
    PrintReport,
    ReceiptInfo,
)
from kiosk_app.session.options import default_options, needs_members, option_specs
from kiosk_app.session.ports import fire_and_forget
from kiosk_app.session.steps import Ending, Notice, NoticeKind, Step
from kiosk_app.voice.prompts import Prompt

log = logging.getLogger(__name__)

#: How many times "take your certificates" repeats before the kiosk goes home by itself.
TAKE_REMINDERS = 3


class IssuanceFlow(CardFlow):
    """One person getting certificates; every document is bound to one request id."""

    first_step = Step.PLACE_CARD

    def __init__(self, context: FlowContext) -> None:
        super().__init__(context)
        self._reported = False
        self._payment: PaymentResult | None = None
        self._payment_open = False
        self._payment_ending: Ending | None = None
        self._issue_key: str | None = None

    def start(self) -> None:
        """Check that the A4 printer can print, then ask for the card (or read it at once if it
        is already on the reader); a printer that cannot print ends the session before the PIN."""
        self._go(Step.CHECKING_PRINTER)
        self._run(self.ctx.services.check_printers, lambda _none: self._ask_for_route())

    def _after_card_removed(self) -> None:
        self._go(Step.MENU)

    # -- menu, options, copies, basket -------------------------------------------------------
    def choose(self, certificate_type: CertificateType) -> bool:
        """Pick a certificate type from the menu; False if this person may not get it now."""
        if self.step is not Step.MENU:
            return False
        offer = next((o for o in self.data.offers if o.certificate_type is certificate_type), None)
        if offer is None or not offer.available:
            return False
        line = OrderLine(
            certificate_type,
            offer.fee_yen,
            default_options(certificate_type, self._allows_mn(offer)),
        )
        self.data.editing = line
        choose = bool(line.options) or (
            needs_members(certificate_type, line.options) and bool(offer.members)
        )
        self._go(Step.OPTIONS if choose else Step.COPIES)
        return True

    def allows_individual_number(self) -> bool:
        """Whether the 個人番号 option is offered for the certificate being chosen."""
        return self._allows_mn(self.editing_offer)

    def _allows_mn(self, offer: OfferView | None) -> bool:
        """個人番号 may be printed only if both the city's kiosk setting and the server allow it."""
        allowed_by_server = offer is not None and offer.individual_number_allowed
        return self.ctx.config.municipality.allow_individual_number and allowed_by_server

    @property
    def editing_offer(self) -> OfferView | None:
        """The offer of the certificate being chosen (its member list is shown)."""
        line = self.data.editing
        if line is None:
            return None
        return next(
            (o for o in self.data.offers if o.certificate_type is line.certificate_type), None
        )

    def toggle_member(self, member_id: str) -> bool:
        """Add or remove a person covered by the certificate being chosen."""
        line, offer = self.data.editing, self.editing_offer
        if self.step is not Step.OPTIONS or line is None or offer is None:
            return False
        if member_id not in {m for m, _ in offer.members}:
            return False
        if member_id in line.members:
            line.members.remove(member_id)
        else:
            line.members.append(member_id)
        self._changed()
        return True

    def set_option(self, key: str, value: str | bool) -> bool:
        """Change one option of the certificate being chosen; False if not allowed."""
        line = self.data.editing
        if self.step is not Step.OPTIONS or line is None:
            return False
        specs = {
            s.key: s for s in option_specs(line.certificate_type, self.allows_individual_number())
        }
        spec = specs.get(key)
        if spec is None or value not in spec.choices:
            return False
        line.options[key] = value
        if not needs_members(line.certificate_type, line.options):
            line.members.clear()
        self._changed()
        return True

    @property
    def members_missing(self) -> bool:
        """True if the chosen scope needs persons and none is chosen yet."""
        line = self.data.editing
        if line is None or line.certificate_type is CertificateType.KOSEKI_KOJIN:
            return False  # 個人事項 without a choice certifies the applicant
        return needs_members(line.certificate_type, line.options) and not line.members

    def options_done(self) -> bool:
        """Go on to the number of copies (not while a selected scope has no person)."""
        if self.step is not Step.OPTIONS or self.members_missing:
            return False
        self._go(Step.COPIES)
        return True

    def set_copies(self, copies: int) -> bool:
        """Set the number of copies (1 to MAX_COPIES)."""
        if self.step is not Step.COPIES or self.data.editing is None:
            return False
        if not 1 <= copies <= MAX_COPIES:
            return False
        self.data.editing.copies = copies
        self._changed()
        return True

    def copies_done(self) -> None:
        """Put the certificate in the basket and show the confirmation."""
        line = self.data.editing
        if self.step is not Step.COPIES or line is None:
            return
        for existing in self.data.basket:
            same = existing.certificate_type is line.certificate_type
            if same and (existing.options, existing.members) == (line.options, line.members):
                existing.copies = min(MAX_COPIES, existing.copies + line.copies)
                break
        else:
            self.data.basket.append(line)
        self.data.editing = None
        self._go(Step.CONFIRM)

    def back(self) -> None:
        """One step back within the choosing steps."""
        line = self.data.editing
        if self.step is Step.COPIES and line and (line.options or self.editing_offer_members()):
            self._go(Step.OPTIONS)
        elif self.step in (Step.OPTIONS, Step.COPIES):
            self.data.editing = None
            self._go(Step.MENU)

    def editing_offer_members(self) -> bool:
        """True if the certificate being chosen has persons to choose from."""
        offer = self.editing_offer
        return offer is not None and bool(offer.members)

    def add_more(self) -> None:
        """From the confirmation, choose another certificate."""
        if self.step is Step.CONFIRM:
            self._go(Step.MENU)

    def remove_line(self, index: int) -> None:
        """Take one line out of the basket."""
        if self.step is Step.CONFIRM and 0 <= index < len(self.data.basket):
            del self.data.basket[index]
            self._go(Step.CONFIRM if self.data.basket else Step.MENU)

    @property
    def total_yen(self) -> int:
        """The fee for the whole basket."""
        return sum(line.amount_yen for line in self.data.basket)

    # -- download, payment -------------------------------------------------------------------
    def confirm(self) -> None:
        """Check the A4 printer again, then order the basket: the server renders the documents
        (download). A printer that cannot print ends the session: nothing ordered, no payment."""
        if self.step is not Step.CONFIRM or not self.data.basket or self.data.token is None:
            return
        self._go(Step.DOWNLOADING)
        self._run(self.ctx.services.check_printers, lambda _none: self._order())

    def _order(self) -> None:
        token = self.data.token
        if token is None:
            return
        lines = list(self.data.basket)
        key = uuid.uuid4().hex
        self._issue_key = key
        services = self.ctx.services
        self._run(
            lambda: services.issue(token, lines, key),
            self._on_issued,
            on_late=lambda issuance: self._cancel_late_issuance(token, issuance),
        )

    def _cancel_late_issuance(self, token: str, issuance: IssuanceView) -> None:
        """A request that arrived after the session ended is cancelled whole, never kept."""
        request_id = issuance.request_id
        issuance.documents.clear()
        services = self.ctx.services
        fire_and_forget(self.ctx.executor, lambda: services.cancel_request(token, request_id))

    def _on_issued(self, issuance: IssuanceView) -> None:
        self.data.issuance = issuance
        if issuance.total_fee_yen != self.total_yen:
            log.error("the server's total differs from the basket: request cancelled")
            self._finish(Ending.ERROR, Notice(NoticeKind.REFUSED, reason_code="fee_mismatch"))
            return
        self.data.payment = PaymentProgress(issuance.total_fee_yen, 0, issuance.total_fee_yen)
        self._go(Step.PAYING)
        self._payment_open = True
        services = self.ctx.services
        amount, reference = issuance.total_fee_yen, issuance.request_id
        self._run(lambda: services.open_payment(amount, reference), lambda _none: None)

    def payment_updated(self, state: PaymentProgress) -> None:
        """Credit went up (the payment screen shows it; the time-out restarts)."""
        if self.step is Step.PAYING:
            self.data.payment = state
            self._restart_step()

    def _restart_step(self) -> None:
        self._reminders = 0
        self.ctx.changed()

    def _stop_payment(self, ending: Ending) -> None:
        if self._payment_ending is None:
            self._payment_ending = ending
            services = self.ctx.services
            self.ctx.executor.submit(services.cancel_payment, lambda _none: None, self._fail)
            self._changed()

    @property
    def cancelling_payment(self) -> bool:
        """True while coins are being given back after cancel or time-out."""
        return self._payment_ending is not None

    def payment_finished(self, result: PaymentResult) -> None:
        """The payment ended: paid in full (print) or stopped (give back, cancel the request)."""
        if not self._payment_open:
            return
        self._payment_open = False
        issuance = self.data.issuance
        if self.step is not Step.PAYING or issuance is None:
            return
        self.data.change_yen = result.change_paid_yen
        if result.refund_slip is not None:
            self._print_refund_slip(result.refund_slip)
        if self._payment_ending is not None or result.fee_kept_yen < issuance.total_fee_yen:
            ending = self._payment_ending or Ending.ERROR
            kind = {
                Ending.CANCELLED: NoticeKind.CANCELLED,
                Ending.TIMED_OUT: NoticeKind.TIMED_OUT,
            }.get(ending, NoticeKind.PAYMENT_FAULT)
            self._finish(ending, Notice(kind, refund_yen=result.refund_owed_yen))
            return
        self._payment = result
        self._start_printing(issuance)

    def _print_refund_slip(self, slip: object) -> None:
        services = self.ctx.services
        fire_and_forget(self.ctx.executor, lambda: services.print_refund_slip(slip))

    # -- print, receipt, take ------------------------------------------------------------------
    def _start_printing(self, issuance: IssuanceView) -> None:
        self.data.sheets_done = 0
        self.data.sheets_total = 0
        self._go(Step.PRINTING)
        documents = list(issuance.documents)
        services, executor = self.ctx.services, self.ctx.executor

        def progress(done: int, total: int) -> None:
            executor.post(lambda: self.print_progress(done, total))

        self._run(lambda: services.print_documents(documents, progress), self._on_printed)

    def print_progress(self, done: int, total: int) -> None:
        """One more sheet is out."""
        if self.step is Step.PRINTING:
            self.data.sheets_done, self.data.sheets_total = done, total
            self._restart_step()

    def _on_printed(self, report: PrintReport) -> None:
        issuance = self.data.issuance
        token = self.data.token
        if issuance is None or token is None:
            return
        charged = report.fee_kept_yen
        request_id = issuance.request_id
        services = self.ctx.services
        self._reported = True  # printing queued the request's outcome report
        fire_and_forget(self.ctx.executor, services.send_reports)
        for document in issuance.documents:
            document.pdf = b""  # print data is erased as soon as it is printed
        if not report.completed:
            kind = NoticeKind.PAPER_OUT if report.paper_out else NoticeKind.PRINTER_FAULT
            refund = issuance.total_fee_yen - charged
            told = Notice(
                kind,
                copies_out=report.copies_out,
                copies_ordered=report.copies_ordered,
                fee_kept_yen=charged,
                fee_returned_yen=max(refund, 0),
            )
            if refund <= 0:
                self._finish(Ending.ERROR, told)
                return

            def refunded(result: PaymentResult) -> None:
                if charged:
                    self._print_partial_receipt(issuance, report, result)
                self._finish(
                    Ending.ERROR,
                    replace(
                        told, refund_yen=result.refund_owed_yen, returned_yen=result.change_paid_yen
                    ),
                )

            self._run(
                lambda: services.refund(refund, request_id),
                refunded,
                lambda _error: self._finish(Ending.ERROR, replace(told, refund_yen=refund)),
            )
            return
        payment = self._payment
        if payment is None:  # printing starts only once the payment is complete
            raise RuntimeError("documents printed without a payment")
        receipt = ReceiptInfo(
            request_id=request_id,
            lines=[(ln.certificate_type, ln.copies, ln.amount_yen) for ln in self.data.basket],
            total_yen=issuance.total_fee_yen,
            inserted_yen=payment.inserted_yen,
            change_yen=payment.change_paid_yen,
            refund_owed_yen=payment.refund_owed_yen,
            issued_at=self.ctx.clock.now(),
            municipality=self.data.municipality_name,
        )
        self._go(Step.RECEIPT)
        self._run(
            lambda: services.print_receipt(receipt),
            self._on_receipt_printed,
            lambda _error: self._on_receipt_printed(None),
        )

    def _print_partial_receipt(
        self, issuance: IssuanceView, report: PrintReport, refund: PaymentResult
    ) -> None:
        """The 領収書 of a delivery cut short: the copies that came out whole and their fee (the
        fee is per copy), and the coins given back (change and the refund of the rest)."""
        payment = self._payment
        if payment is None:
            return
        lines = []
        for document, line in zip(issuance.documents, self.data.basket, strict=False):
            out = report.copies_printed.get(document.document_id, 0)
            if out:
                lines.append((document.certificate_type, out, out * line.fee_yen))
        receipt = ReceiptInfo(
            request_id=issuance.request_id,
            lines=lines,
            total_yen=report.fee_kept_yen,
            inserted_yen=payment.inserted_yen,
            change_yen=payment.change_paid_yen + refund.change_paid_yen,
            refund_owed_yen=payment.refund_owed_yen + refund.refund_owed_yen,
            issued_at=self.ctx.clock.now(),
            municipality=self.data.municipality_name,
        )
        services = self.ctx.services
        fire_and_forget(self.ctx.executor, lambda: services.print_receipt(receipt))

    def _on_receipt_printed(self, _result: object) -> None:
        self._go(Step.TAKE_ITEMS)
        if self.data.change_yen:
            self.ctx.voice.play(Prompt.TAKE_CHANGE)

    def acknowledge(self) -> None:
        """ "I have taken everything" on the last screen, or OK on a closing message."""
        if self.step is Step.TAKE_ITEMS:
            self._finish(Ending.SUCCESS)
        else:
            super().acknowledge()

    # -- cancel and time-outs ----------------------------------------------------------------------
    @property
    def can_cancel(self) -> bool:
        """Cancel is offered everywhere except while printing and handing out."""
        return self.step not in (Step.PRINTING, Step.RECEIPT, Step.TAKE_ITEMS, Step.HOME)

    def cancel(self) -> None:
        """Cancel: while paying the coins come back first, then the request is cancelled."""
        if self.step is Step.PAYING:
            self._stop_payment(Ending.CANCELLED)
        elif self.can_cancel or self.step is Step.NOTICE:
            super().cancel()

    def _on_timed_out(self) -> None:
        if self.step is Step.PAYING:
            self._stop_payment(Ending.TIMED_OUT)
        elif self.step is Step.PRINTING:
            # The printer's own time-out should have fired: cancel the job whole; its report
            # (incomplete) then gives the fee back for what was not printed.
            log.error("printing overran its time-out: cancelling the print job")
            fire_and_forget(self.ctx.executor, self.ctx.services.purge_print_spool)
        elif self.step is Step.RECEIPT:
            self._on_receipt_printed(None)  # the certificates are out: hand them over
        elif self.step is Step.TAKE_ITEMS:
            if self._reminders < TAKE_REMINDERS:
                self._reminders += 1
                prompt = Prompt.TAKE_RECEIPT if self._reminders % 2 else Prompt.TAKE_CERTIFICATES
                self.ctx.voice.play(prompt)
                self.ctx.changed()
            else:
                self._finish(Ending.SUCCESS)
        else:
            super()._on_timed_out()

    def _closing_jobs(self) -> list[Callable[[], None]]:
        """An unfinished request is cancelled before the session ends: by its id, or by the
        order's idempotency key when its reply never came."""
        issuance, token, key = self.data.issuance, self.data.token, self._issue_key
        if token is None or self.ending is Ending.SUCCESS or self._reported:
            return []
        services = self.ctx.services
        if issuance is not None:
            request_id = issuance.request_id
            return [lambda: services.cancel_request(token, request_id)]
        if key is not None:
            return [lambda: services.cancel_issue(key)]
        return []
