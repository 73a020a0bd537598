"""The infrared latent mark on the back of every sheet, as J-LIS prints it.

A square patch of cyan, magenta and yellow holds the character 「証」 printed with black toner only
(DeviceCMYK K). Both are mixed to the same visible grey, so the eye (and a scanner) sees one even
patch; carbon-black toner absorbs infrared and CMY toners do not, so an infrared camera sees 「証」.
A copier reprints what it scanned, patch and mark alike, and the infrared mark is gone.

The tones were matched by rendering the PDF with Ghostscript (ICC-managed) and poppler: the patch
and the mark differ by ΔE*ab ≈ 1 in both (tests/kiosk_app/printing/test_infrared.py).
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from issuance_contract.fonts import GOTHIC

MARK_TEXT = "証"
#: The black-toner tone of the mark (K only).
MARK_K = 0.45
#: The cyan, magenta and yellow of the patch, the same visible grey as ``MARK_K``.
PATCH_CMY = (0.4, 0.325, 0.325)
PATCH_MM = 24.0
#: Lower-left corner of the patch on the back (mm), under the verification panel.
PATCH_X_MM = (210.0 - PATCH_MM) / 2
PATCH_Y_MM = 100.0
CAPTION = ("赤外線潜像（赤外線カメラで「証」が見えます）", "Infrared latent mark")


def patch_box_mm() -> tuple[float, float, float, float]:
    """The patch as (left, bottom, right, top) in mm from the page's lower-left corner."""
    return (PATCH_X_MM, PATCH_Y_MM, PATCH_X_MM + PATCH_MM, PATCH_Y_MM + PATCH_MM)


def draw_infrared_mark(canvas: Canvas) -> None:
    """Draw the CMY patch, the K-only 「証」 inside it and a caption (Japanese first)."""
    x, y, size = PATCH_X_MM * mm, PATCH_Y_MM * mm, PATCH_MM * mm
    canvas.saveState()
    cyan, magenta, yellow = PATCH_CMY
    canvas.setFillColorCMYK(cyan, magenta, yellow, 0)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColorCMYK(0, 0, 0, MARK_K)
    glyph = size * 0.72
    canvas.setFont(GOTHIC, glyph)
    canvas.drawCentredString(x + size / 2, y + (size - glyph) / 2 + glyph * 0.12, MARK_TEXT)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setFont(GOTHIC, 7)
    for n, line in enumerate(CAPTION):
        canvas.drawCentredString(x + size / 2, y - (4 + 3.5 * n) * mm, line)
    canvas.restoreState()
