"""The self-test's test sheet and test receipt: recognisably not a certificate."""

from __future__ import annotations

import datetime as dt
import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from drivers.printer.slips import Receipt, ReceiptLine

TEST_CODE = "SHOMEI-TEST-PAGE-NOT-A-CERTIFICATE"
TEST_DOCUMENT_ID = "SELFTEST"


def make_test_sheet(now: dt.datetime) -> bytes:
    """One composed duplex sheet: a test page over the 地紋, the verification panel behind."""
    from issuance_server.rendering.fonts import GOTHIC, register_fonts
    from kiosk_app.printing.composer import compose_for_print

    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    canvas.setFont(GOTHIC, 28)
    canvas.drawCentredString(A4[0] / 2, 700, "試験印刷 TEST PAGE")
    canvas.setFont(GOTHIC, 12)
    canvas.drawCentredString(
        A4[0] / 2, 670, "これは証明書ではありません。 This is not a certificate."
    )
    canvas.drawCentredString(A4[0] / 2, 650, now.strftime("%Y-%m-%d %H:%M"))
    canvas.showPage()
    canvas.save()
    return compose_for_print(buffer.getvalue(), [TEST_CODE], TEST_DOCUMENT_ID)


def make_test_receipt(now: dt.datetime, kiosk_id: str) -> Receipt:
    """A zero-yen receipt that says it is a test."""
    return Receipt(
        municipality="試験印刷 TEST",
        issued_at=now,
        lines=[ReceiptLine("試験印刷", 1, 0)],
        total_yen=0,
        inserted_yen=0,
        change_yen=0,
        kiosk_id=kiosk_id,
        transaction_id="SELFTEST",
    )
