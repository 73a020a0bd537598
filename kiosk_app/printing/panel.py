"""The back of a sheet: a verification panel with the QR code of the page's signed code."""

from __future__ import annotations

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from issuance_contract.fonts import GOTHIC

QR_SIZE_MM = 50.0
QR_QUIET_MODULES = 4
PANEL_WIDTH_MM = 150.0
PANEL_HEIGHT_MM = 105.0
PANEL_TOP_MM = 40.0
PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0


def qr_matrix(code: str) -> list[list[bool]]:
    """The QR modules of ``code`` (error correction M), quiet zone included; True = dark."""
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QR_QUIET_MODULES, box_size=1)
    qr.add_data(code)
    qr.make(fit=True)
    return [[bool(cell) for cell in row] for row in qr.get_matrix()]


def draw_qr(canvas: Canvas, code: str, x: float, y: float, size: float) -> None:
    """Draw ``code`` as a vector QR code: lower-left corner (x, y), side ``size`` points."""
    matrix = qr_matrix(code)
    module = size / len(matrix)
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    path = canvas.beginPath()
    for row_index, row in enumerate(matrix):
        top = y + size - row_index * module
        column = 0
        while column < len(row):
            if not row[column]:
                column += 1
                continue
            start = column
            while column < len(row) and row[column]:
                column += 1
            path.rect(x + start * module, top - module, (column - start) * module, module)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


def draw_panel(canvas: Canvas, code: str, document_id: str, page: int, pages: int) -> None:
    """Draw the verification panel: QR of ``code``, the document id and the page n/N."""
    left = (PAGE_WIDTH_MM - PANEL_WIDTH_MM) / 2 * mm
    top = (PAGE_HEIGHT_MM - PANEL_TOP_MM) * mm
    bottom = top - PANEL_HEIGHT_MM * mm
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.setStrokeColorRGB(0.2, 0.2, 0.2)
    canvas.setLineWidth(0.6)
    canvas.rect(left, bottom, PANEL_WIDTH_MM * mm, PANEL_HEIGHT_MM * mm, stroke=1, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    centre = PAGE_WIDTH_MM / 2 * mm
    canvas.setFont(GOTHIC, 12)
    canvas.drawCentredString(centre, top - 9 * mm, "検証用パネル  Verification panel")
    qr_side = QR_SIZE_MM * mm
    draw_qr(canvas, code, centre - qr_side / 2, top - 13 * mm - qr_side, qr_side)
    canvas.setFont(GOTHIC, 10)
    canvas.drawCentredString(centre, bottom + 26 * mm, f"文書番号 Document ID: {document_id}")
    canvas.drawCentredString(centre, bottom + 19 * mm, f"頁 Page: {page}/{pages}")
    canvas.setFont(GOTHIC, 7)
    canvas.drawCentredString(
        centre,
        bottom + 10 * mm,
        "このQRコードには発行元が電子署名した検証コードが記録されています。",
    )
    canvas.drawCentredString(
        centre, bottom + 6 * mm, "The QR code holds a verification code signed by the issuer."
    )
    canvas.restoreState()
