"""Sample certificate PDFs (fictitious text) for the printing tests: drivers and kiosk alike."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4

from issuance_contract.fonts import MINCHO, embedded_font_canvas


def page_text(page: int) -> str:
    """The distinctive text line on page ``page`` (1-based) of the sample certificate."""
    return f"住民票の写し 架空市 第{page}頁 架空太郎"


def certificate_pdf(pages: int) -> bytes:
    """A fictitious certificate of ``pages`` A4 pages with a distinctive text line on each."""
    buffer = io.BytesIO()
    canvas = embedded_font_canvas(buffer, pagesize=A4, invariant=1)
    for page in range(1, pages + 1):
        canvas.setFont(MINCHO, 14)
        canvas.drawString(72, 770, page_text(page))
        canvas.setFont(MINCHO, 10)
        canvas.drawString(72, 740, "この写しは、世帯全員の住民票の原本と相違ないことを証明する。")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def page_codes(pages: int) -> list[str]:
    """Opaque stand-ins for the server's signed verification codes, one per page."""
    return [
        f"SV1.R-0001.D-42.{page}.c2lnbmF0dXJlLXBhZ2Ut{page:02d}" + "A" * 80
        for page in range(1, pages + 1)
    ]


def back_text(page: int, pages: int) -> str:
    """The line on the back of sheet ``page`` of ``pages`` in :func:`duplex_sheets`."""
    return f"Page: {page}/{pages}"


def duplex_sheets(pages: int) -> bytes:
    """A print-ready duplex document of ``pages`` sheets (2 × ``pages`` PDF pages): each sheet's
    front carries :func:`page_text`, its back :func:`back_text`, as the kiosk composes them."""
    buffer = io.BytesIO()
    canvas = embedded_font_canvas(buffer, pagesize=A4, invariant=1)
    for page in range(1, pages + 1):
        canvas.setFont(MINCHO, 14)
        canvas.drawString(72, 770, page_text(page))
        canvas.showPage()
        canvas.setFont(MINCHO, 10)
        canvas.drawString(72, 770, back_text(page, pages))
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
