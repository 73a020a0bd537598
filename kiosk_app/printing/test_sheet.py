"""The printer self-test's A4 test sheet, composed as certificates are: recognisably not one."""

from __future__ import annotations

import datetime as dt
import io

from reportlab.lib.pagesizes import A4

TEST_CODE = "SHOMEI-TEST-PAGE-NOT-A-CERTIFICATE"
TEST_DOCUMENT_ID = "SELFTEST"


def make_test_sheet(now: dt.datetime) -> bytes:
    """One composed duplex sheet: a test page over the 地紋, the verification panel behind."""
    from issuance_contract.fonts import GOTHIC, embedded_font_canvas
    from kiosk_app.printing.composer import compose_for_print

    buffer = io.BytesIO()
    canvas = embedded_font_canvas(buffer, pagesize=A4, invariant=1)
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
