"""Certificate pages → duplex A4 sheets: 地紋, latent 「複写」 and microtext on both sides; the QR
panel, the infrared latent mark and the document's internal ids on the back."""

from __future__ import annotations

import io
import logging
import re

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from issuance_contract.fonts import GOTHIC, embedded_font_canvas, register_fonts
from kiosk_app.printing.infrared import draw_infrared_mark
from kiosk_app.printing.latent import draw_line_screen
from kiosk_app.printing.panel import draw_panel

logger = logging.getLogger(__name__)

#: Microtext: about 0.5 mm high, which a copier renders as a dotted line.
MICROTEXT_POINTS = 1.5
MICROTEXT_PHRASE = "正規発行証明書"
MICROTEXT_MARGIN_MM = 10.0
MICROTEXT_Y_MM = (7.0, 290.0)
DOCUMENT_ID_PATTERN = re.compile(r"[A-Za-z0-9._-]{1,64}")
_TINT_FORM = "shomeiTint"
IDS_Y_MM = 80.0


class ComposeError(ValueError):
    """The certificate PDF or its verification codes cannot be made into sheets."""


def microtext_line(document_id: str, width_points: float) -> str:
    """The microtext for one line: the phrase and the document id repeated to fill the width."""
    unit = f"{MICROTEXT_PHRASE}{document_id}"
    text = ""
    while stringWidth(text + unit, GOTHIC, MICROTEXT_POINTS) <= width_points:
        text += unit
    return text


def _draw_tint_form(canvas: Canvas, document_id: str) -> None:
    """Define the background shared by every side: the line screen and two microtext lines."""
    width, _ = A4
    canvas.beginForm(_TINT_FORM, 0, 0, *A4)
    draw_line_screen(canvas)
    canvas.setFillColorRGB(0.25, 0.3, 0.45)
    canvas.setFont(GOTHIC, MICROTEXT_POINTS)
    line = microtext_line(document_id, width - 2 * MICROTEXT_MARGIN_MM * mm)
    for y_mm in MICROTEXT_Y_MM:
        canvas.drawString(MICROTEXT_MARGIN_MM * mm, y_mm * mm, line)
    canvas.endForm()


def _read_pages(pdf: bytes) -> PdfReader:
    """Open the certificate PDF, as a typed error when it is not one."""
    try:
        reader = PdfReader(io.BytesIO(pdf), strict=False)
        count = len(reader.pages)
    except (PyPdfError, ValueError, OSError) as exc:
        raise ComposeError(f"the certificate is not a readable PDF: {exc}") from exc
    if count == 0:
        raise ComposeError("the certificate PDF has no pages")
    return reader


def request_id_of(reader: PdfReader) -> str:
    """The request id the issuing server put in the PDF metadata ("" when absent or odd)."""
    subject = str(reader.metadata.get("/Subject", "")) if reader.metadata else ""
    match = re.search(r"\brequest_id=(\S+)", subject)
    if match and DOCUMENT_ID_PATTERN.fullmatch(match.group(1)):
        return match.group(1)
    return ""


def _draw_ids(canvas: Canvas, document_id: str, request_id: str) -> None:
    """The internal ids, kept off the certificate's front: Japanese first."""
    canvas.saveState()
    canvas.setFont(GOTHIC, 8)
    line = f"文書番号 {document_id}"
    if request_id:
        line += f"　請求番号 {request_id}"
    canvas.drawCentredString(A4[0] / 2, IDS_Y_MM * mm, line)
    canvas.restoreState()


def _background(page_codes: list[str], document_id: str, request_id: str) -> PdfReader:
    """Two A4 sides per page: the tinted front, then the tinted back with its panel and marks."""
    buffer = io.BytesIO()
    canvas = embedded_font_canvas(buffer, pagesize=A4, pageCompression=1, invariant=1)
    canvas.setTitle("certificate")
    _draw_tint_form(canvas, document_id)
    pages = len(page_codes)
    for number, code in enumerate(page_codes, start=1):
        canvas.doForm(_TINT_FORM)
        canvas.showPage()
        canvas.doForm(_TINT_FORM)
        draw_panel(canvas, code, document_id, number, pages)
        draw_infrared_mark(canvas)
        _draw_ids(canvas, document_id, request_id)
        canvas.showPage()
    canvas.save()
    return PdfReader(io.BytesIO(buffer.getvalue()))


def compose_for_print(pdf: bytes, page_codes: list[str], document_id: str) -> bytes:
    """Make duplex sheets (front, back, front, back …) from a certificate PDF.

    The front of sheet n is certificate page n over the 地紋; its back carries the QR code of
    ``page_codes[n-1]`` (an opaque code signed by the issuing server), the document id and n/N.
    """
    if not DOCUMENT_ID_PATTERN.fullmatch(document_id):
        raise ComposeError("the document id must be 1-64 characters of A-Z a-z 0-9 . _ -")
    if any(not code or len(code) > 1500 for code in page_codes):
        raise ComposeError("every verification code must be 1-1500 characters")
    reader = _read_pages(pdf)
    if len(reader.pages) != len(page_codes):
        raise ComposeError(
            f"{len(reader.pages)} certificate pages but {len(page_codes)} verification codes"
        )
    register_fonts()
    background = _background(page_codes, document_id, request_id_of(reader))
    writer = PdfWriter(clone_from=reader)
    for index in range(len(page_codes)):
        try:
            # The background goes under the page; only its own short content stream is parsed.
            writer.pages[2 * index].merge_page(background.pages[2 * index], over=False)
        except (PyPdfError, ValueError, KeyError) as exc:
            raise ComposeError(f"certificate page {index + 1} cannot be merged: {exc}") from exc
        writer.insert_page(background.pages[2 * index + 1], 2 * index + 1)
    writer.add_metadata({"/Title": "certificate", "/Producer": "shomei-kiosk"})
    output = io.BytesIO()
    writer.write(output)
    logger.debug("composed %d sheets (%d bytes)", len(page_codes), output.tell())
    return output.getvalue()
