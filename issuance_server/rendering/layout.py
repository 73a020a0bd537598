"""The page layout shared by all certificates: a framed table of rows, paginated.

Every page has 「(2の1)」 and 発行番号, all but the last 「以下次頁」;
「以下余白」 ends the rows, then come the closing sentence, the date, the mayor and the seal.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import threading
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from issuance_contract.fonts import GOTHIC, MINCHO, register_fonts
from issuance_server.eras import wareki

PAGE_W, PAGE_H = A4
LEFT = 18 * mm
RIGHT = PAGE_W - 18 * mm
TOP = PAGE_H - 30 * mm
BOTTOM = 30 * mm
CLOSING_HEIGHT = 62 * mm
_render_lock = threading.Lock()  # reportlab keeps per-font state; one document at a time


@dataclass(frozen=True)
class Row:
    """One line of the table: up to three columns, optionally starting a section or a page."""

    left: str = ""
    middle: str = ""
    right: str = ""
    size: float = 10.0
    rule: str = ""  # "", "thin" or "thick": a line across the table above this row
    removed: bool = False  # draws the 「除　籍」 box in the left column
    page_break: bool = False  # start a new page (one person per sheet)

    @property
    def height(self) -> float:
        """Row height in points."""
        return max(self.size * 1.7, float(6 * mm))


@dataclass(frozen=True)
class DocumentIds:
    """The identifiers a document carries in its metadata and on every page."""

    request_id: str
    document_id: str
    applicant_id: str
    issue_number: str  # 発行番号


@dataclass(frozen=True)
class Layout:
    """A certificate to draw."""

    title: str  # 住民票の写し, 全部事項証明 …
    title_right: bool  # koseki style (title at the top right) or centred
    rows: list[Row]
    closing: str  # the closing sentence
    issued_on: dt.date
    mayor_line: str  # 架空市長　見本　太郎
    seal_png: bytes
    ids: DocumentIds
    certificate_type: str
    columns: tuple[float, float] = (38 * mm, 0.0)  # widths of the left and middle columns
    end_marker: bool = True  # 「以下余白」 after the last row
    image_png: bytes | None = None  # e.g. the 印影, drawn in a box above the rows
    image_caption: str = ""


@dataclass
class RenderedDocument:
    """The PDF and what each page says (for the page verification codes)."""

    pdf: bytes
    page_digests: list[str] = field(default_factory=list)


def _paginate(layout: Layout) -> list[list[Row]]:
    top = TOP - (48 * mm if layout.image_png else 0)
    available_first = top - BOTTOM
    available = TOP - BOTTOM
    pages: list[list[Row]] = [[]]
    used = 0.0
    for row in layout.rows:
        limit = available_first if len(pages) == 1 else available
        if pages[-1] and (row.page_break or used + row.height > limit):
            pages.append([])
            used = 0.0
        pages[-1].append(row)
        used += row.height
    if layout.end_marker:
        end = Row(right="以下余白")
        limit = available_first if len(pages) == 1 else available
        if used + end.height > limit:
            pages.append([])
            used = 0.0
        pages[-1].append(end)
        used += end.height
    limit = available_first if len(pages) == 1 else available
    if used + CLOSING_HEIGHT > limit:
        pages.append([])
    return pages


class _Page:
    """Draws on one page and remembers the text, for the page digest."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.texts: list[str] = []

    def text(
        self, x: float, y: float, s: str, size: float, font: str = MINCHO, align: str = "l"
    ) -> None:
        if not s:
            return
        self.texts.append(s)
        c = self.canvas
        c.setFont(font, size)
        if align == "r":
            c.drawRightString(x, y, s)
        elif align == "c":
            c.drawCentredString(x, y, s)
        else:
            c.drawString(x, y, s)

    def fit_text(self, x: float, y: float, s: str, size: float, width: float) -> None:
        while size > 6 and stringWidth(s, MINCHO, size) > width:
            size -= 0.5
        self.text(x, y, s, size)


def _draw_rows(page: _Page, layout: Layout, rows: list[Row], top: float) -> float:
    c = page.canvas
    left_w, middle_w = layout.columns
    x_mid = LEFT + left_w
    x_right = x_mid + middle_w
    y = top
    c.setLineWidth(0.8)
    for row in rows:
        if row.rule:
            c.setLineWidth(1.2 if row.rule == "thick" else 0.5)
            c.line(LEFT, y, RIGHT, y)
        h = row.height
        baseline = y - h + (h - row.size) / 2 + 1.5
        page.fit_text(LEFT + 2 * mm, baseline, row.left, min(row.size, 10), left_w - 3 * mm)
        if middle_w:
            page.fit_text(
                x_mid + 2 * mm, baseline, row.middle, min(row.size, 10), middle_w - 3 * mm
            )
        page.fit_text(x_right + 2 * mm, baseline, row.right, row.size, RIGHT - x_right - 3 * mm)
        if row.removed:
            c.setLineWidth(0.8)
            c.rect(LEFT + 4 * mm, y - h + 1, 18 * mm, h - 2)
            page.text(LEFT + 13 * mm, baseline, "除　籍", 10, align="c")
        y -= h
    c.setLineWidth(0.8)
    c.rect(LEFT, y, RIGHT - LEFT, top - y)
    c.line(x_mid, y, x_mid, top)
    if middle_w:
        c.setLineWidth(0.3)
        c.line(x_right, y, x_right, top)
    return y


def _draw_closing(page: _Page, layout: Layout, y: float) -> None:
    y -= 12 * mm
    page.text(LEFT + 6 * mm, y, layout.closing, 10.5)
    y -= 12 * mm
    page.text(LEFT + 6 * mm, y, wareki(layout.issued_on), 10.5)
    y -= 14 * mm
    page.text(RIGHT - 38 * mm, y, layout.mayor_line, 13, align="r")
    seal = ImageReader(io.BytesIO(layout.seal_png))
    page.canvas.drawImage(seal, RIGHT - 36 * mm, y - 10 * mm, 26 * mm, 26 * mm, mask="auto")


def render(layout: Layout) -> RenderedDocument:
    """Draw the certificate; every page carries the ids, the page marker and 発行番号."""
    register_fonts()
    pages = _paginate(layout)
    out = io.BytesIO()
    with _render_lock:
        canvas = Canvas(out, pagesize=A4, invariant=True, pageCompression=1)
        canvas.setTitle(layout.title)
        canvas.setAuthor(layout.mayor_line)
        canvas.setCreator("shomei-kiosk issuance_server")
        canvas.setSubject(
            f"request_id={layout.ids.request_id} document_id={layout.ids.document_id}"
            f" applicant_id={layout.ids.applicant_id}"
        )
        canvas.setKeywords(
            [
                f"request_id={layout.ids.request_id}",
                f"document_id={layout.ids.document_id}",
                f"applicant_id={layout.ids.applicant_id}",
                f"certificate_type={layout.certificate_type}",
            ]
        )
        digests = []
        total = len(pages)
        for index, rows in enumerate(pages, start=1):
            page = _Page(canvas)
            page.text(RIGHT, PAGE_H - 16 * mm, f"（{total}の{index}）", 10, align="r")
            if layout.title_right:
                page.text(RIGHT, PAGE_H - 24 * mm, layout.title, 11, GOTHIC, align="r")
            else:
                page.text(PAGE_W / 2, PAGE_H - 24 * mm, layout.title, 18, GOTHIC, align="c")
            top = TOP
            if index == 1 and layout.image_png:
                box = 40 * mm
                canvas.setLineWidth(0.8)
                canvas.rect(LEFT, TOP - box, box, box)
                image = ImageReader(io.BytesIO(layout.image_png))
                canvas.drawImage(
                    image,
                    LEFT + 5 * mm,
                    TOP - box + 5 * mm,
                    box - 10 * mm,
                    box - 10 * mm,
                    mask="auto",
                )
                page.text(LEFT + box + 4 * mm, TOP - box / 2, layout.image_caption, 10)
                top = TOP - 48 * mm
            y = _draw_rows(page, layout, rows, top) if rows else top
            if index == total:
                _draw_closing(page, layout, y)
            else:
                page.text(RIGHT, BOTTOM - 6 * mm, "以下次頁", 10.5, align="r")
            page.text(LEFT, BOTTOM - 6 * mm, f"発行番号　{layout.ids.issue_number}", 9)
            page.text(
                LEFT,
                BOTTOM - 12 * mm,
                f"文書番号 {layout.ids.document_id}　請求番号 {layout.ids.request_id}",
                6.5,
                GOTHIC,
            )
            digests.append(hashlib.sha256("\n".join(page.texts).encode()).hexdigest()[:32])
            canvas.showPage()
        canvas.save()
    return RenderedDocument(out.getvalue(), digests)
