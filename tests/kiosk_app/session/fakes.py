"""A scripted stand-in for the kiosk services, to drive the flows without devices."""

from __future__ import annotations

import threading
from collections.abc import Callable

from issuance_contract.certificates import CertificateType
from kiosk_app.session.model import (
    AuthResult,
    DocumentView,
    IssuanceView,
    MunicipalityView,
    OfferView,
    OrderLine,
    PaymentResult,
    PrintReport,
    ReceiptInfo,
    RegistrationEntry,
    RouteChoice,
)
from kiosk_app.session.ports import ServiceError
from kiosk_app.session.steps import Notice, NoticeKind

PIN = "1234"
MEMBERS = (("P1", "架空 太郎"), ("P2", "架空 花子"))
#: A relay center's directory (all fictitious): 試験村 offers no 本籍地 service.
MUNICIPALITIES = (
    MunicipalityView("999991", "架空市", "架空県", True, True, True),
    MunicipalityView("999992", "見本町", "架空県", True, True, True),
    MunicipalityView("999993", "試験村", "模擬県", True, False, False),
    MunicipalityView("999994", "登録町", "模擬県", True, False, True),
)
FEES = {
    CertificateType.JUMINHYO: 200,
    CertificateType.INKAN: 200,
    CertificateType.KOSEKI_ZENBU: 450,
    CertificateType.KOSEKI_KOJIN: 450,
    CertificateType.FUHYO: 300,
}


class FakeServices:
    """Records every call; behaviour switches stage failures."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.tries_left = 3
        self.server_down = False
        self.paper_out_after: int | None = None
        #: PAPER_OUT or PRINTER_FAULT: what check_printers raises (None: the printer is fine)
        self.printer_problem: NoticeKind | None = None
        self.refused: dict[CertificateType, str] = {CertificateType.FUHYO: "outside_hours"}
        #: The outcome reports printing queued: (request id, documents printed, fee kept).
        #: (request id, document id → copies out whole, fee kept) of each outcome report queued.
        self.reported: list[tuple[str, dict[str, int], int]] = []
        #: document id → (request id, fee of all its copies), as the real services keep it
        self._fees: dict[str, tuple[str, int]] = {}
        self.refunds: list[int] = []
        self.pins_seen: list[bytearray] = []
        self.issue_gate: threading.Event | None = None
        self.print_gate: threading.Event | None = None
        self.auth_gate: threading.Event | None = None
        self.statuses = {"2026-000123": "pending"}
        self.routes: list[RouteChoice | None] = []
        self.town_lists: list[str | None] = []

    def _call(self, name: str) -> None:
        self.calls.append(name)

    def card_present(self) -> bool:
        return True

    def read_card(self) -> int:
        self._call("read_card")
        return self.tries_left

    def municipalities(self) -> list[MunicipalityView]:
        self._call("municipalities")
        if self.server_down:
            raise ServiceError(Notice(NoticeKind.SERVER_UNREACHABLE))
        return list(MUNICIPALITIES)

    def authenticate(self, pin: bytearray, route: RouteChoice | None = None) -> AuthResult:
        self._call("authenticate")
        self.routes.append(route)
        if self.auth_gate is not None:
            self.auth_gate.wait(5)
        self.pins_seen.append(pin)
        good = bytes(pin) == PIN.encode()
        for i in range(len(pin)):
            pin[i] = 0
        if self.tries_left <= 0:
            raise ServiceError(Notice(NoticeKind.PIN_LOCKED))
        if not good:
            self.tries_left -= 1
            raise ServiceError(Notice(NoticeKind.WRONG_PIN), tries_left=self.tries_left)
        self.tries_left = 3
        if self.server_down:
            raise ServiceError(Notice(NoticeKind.SERVER_UNREACHABLE))
        offers = [
            OfferView(t, fee, t not in self.refused, self.refused.get(t), MEMBERS, True)
            for t, fee in FEES.items()
        ]
        name = route.name if route is not None and route.honseki else "架空市"
        return AuthResult("token-1", offers, name)

    def check_printers(self) -> None:
        self._call("check_printers")
        if self.printer_problem is not None:
            raise ServiceError(Notice(self.printer_problem, before_payment=True))

    def issue(self, token: str, lines: list[OrderLine], idempotency_key: str) -> IssuanceView:
        self._call("issue")
        if self.issue_gate is not None:
            self.issue_gate.wait(5)
        documents = [
            DocumentView(f"D{i}", line.certificate_type, line.copies, b"%PDF secret", ["c1"])
            for i, line in enumerate(lines)
        ]
        total = sum(line.amount_yen for line in lines)
        self._fees = {  # the fee of one copy
            d.document_id: ("R1", ln.fee_yen) for d, ln in zip(documents, lines, strict=True)
        }
        return IssuanceView("R1", total, documents)

    def open_payment(self, amount_yen: int, reference: str) -> None:
        self._call(f"open_payment {amount_yen} {reference}")

    def cancel_payment(self) -> None:
        self._call("cancel_payment")

    def print_documents(
        self, documents: list[DocumentView], on_progress: Callable[[int, int], None]
    ) -> PrintReport:
        self._call("print_documents")
        if self.print_gate is not None:
            self.print_gate.wait(5)
        total = sum(d.copies for d in documents)
        done: dict[str, int] = {}
        sheets = 0
        paper_out = False
        for document in documents:
            copies = document.copies
            if self.paper_out_after is not None:
                copies = min(copies, self.paper_out_after - sheets)
            for _ in range(copies):
                sheets += 1
                on_progress(sheets, total)
            if copies:
                done[document.document_id] = copies
            if copies < document.copies:
                paper_out = True
                break
        # as the real services: the fee is per copy, one report queued
        kept = sum(self._fees[d][1] * n for d, n in done.items())
        self.reported.append((self._fees[documents[0].document_id][0], dict(done), kept))
        return PrintReport(
            done,
            sheets,
            not paper_out,
            paper_out,
            fee_kept_yen=kept,
            copies_out=sum(done.values()),
            copies_ordered=total,
        )

    def print_receipt(self, receipt: ReceiptInfo) -> None:
        self._call(f"print_receipt {receipt.total_yen}")

    def print_refund_slip(self, slip: object) -> None:
        self._call("print_refund_slip")

    def refund(self, amount_yen: int, reference: str) -> PaymentResult:
        self.refunds.append(amount_yen)
        return PaymentResult(0, -amount_yen, 0, amount_yen)

    def send_reports(self) -> None:
        self._call("send_reports")

    def cancel_request(self, token: str, request_id: str) -> None:
        self._call(f"cancel_request {request_id}")

    def cancel_issue(self, idempotency_key: str) -> None:
        self._call("cancel_issue")

    def end_session(self, token: str) -> None:
        self._call("end_session")

    def town_names(self, municipality_code: str | None = None) -> list[str]:
        self.town_lists.append(municipality_code)
        return ["本町一丁目", "架空町"]

    def submit_registration(self, token: str, entry: RegistrationEntry) -> str:
        self._call(f"submit_registration {entry.honseki_town}")
        return "2026-000123"

    def registration_status(self, number: str) -> str:
        if self.server_down:
            raise ServiceError(Notice(NoticeKind.SERVER_UNREACHABLE))
        if number not in self.statuses:
            raise ServiceError(Notice(NoticeKind.NOT_FOUND))
        return self.statuses[number]

    def print_application_slip(self, number: str, municipality: str = "") -> None:
        self._call(f"print_application_slip {number}")

    def purge_print_spool(self) -> None:
        self._call("purge_print_spool")
