"""The page layout shared by all certificates: a framed table of rows, paginated.

Every page has 「(2の1)」 and 発行番号, all but the last 「以下次頁」; 「以下余白」 ends the rows,
then come the closing sentence, the date, the mayor and the seal — never alone on a page. Text
that is too long wraps within its column; type is never made smaller to fit.
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
from reportlab.pdfgen.canvas import Canvas

from issuance_contract.fonts import GOTHIC, MINCHO, embedded_font_canvas, register_fonts
from issuance_server.eras import wareki
from issuance_server.rendering.wrapping import text_width, wrap

PAGE_W, PAGE_H = A4
LEFT: float = 18 * mm
RIGHT: float = PAGE_W - 18 * mm
TOP: float = PAGE_H - 30 * mm
BOTTOM: float = 30 * mm
CLOSING_HEIGHT: float = 50 * mm
BODY_SIZE = 10.0
LINE_GAP = 1.4  # line pitch as a multiple of the type size
PAD: float = 2 * mm  # text inset from a column's rules
MIN_ROW: float = 6 * mm
IMAGE_BOX: float = 48 * mm  # the 印影 box above the rows
_render_lock = threading.Lock()  # reportlab keeps per-font state; one document at a time


@dataclass(frozen=True)
class Cell:
    """One item of a row split into items: its label and value (住民票 blocks)."""

    label: str
    value: str
    weight: float = 1.0  # share of the row's width
    size: float = BODY_SIZE  # the value's type size (the label is always body size)


@dataclass(frozen=True)
class Row:
    """One line of the table: three columns, or items (``cells``) right of the left column."""

    left: str = ""
    middle: str = ""
    right: str = ""
    cells: tuple[Cell, ...] = ()
    size: float = BODY_SIZE  # type size of the right column (the name is larger)
    rule: str = ""  # "", "thin" or "thick": a line across the table above this row
    span: str = ""  # "left": left text over the middle column; "right": right text over it;
    # "all": the cells take the whole width
    removed: bool = False  # draws the 「除　籍」 box (left column, or at the right when occupied)
    page_break: bool = False  # start a new page (one person per sheet)
    group: int = 0  # rows of one non-zero group stay on one page (a person's block, an event)


@dataclass(frozen=True)
class DocumentIds:
    """The identifiers a document carries in its metadata (never on the front)."""

    request_id: str
    document_id: str
    applicant_id: str
    issue_number: str  # 発行番号, printed on every page


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
    page_header: tuple[Row, ...] = ()  # rows repeated at the top of every page (住所, 世帯主)
    groups_per_page: int = 0  # at most this many groups on a page (4 persons per sheet), 0: any
    closing_every_page: bool = False  # one person per sheet: every sheet is certified


@dataclass
class RenderedDocument:
    """The PDF and what each page says (for the page verification codes)."""

    pdf: bytes
    page_digests: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Placed:
    """Text lines placed in one column of a row."""

    x: float
    width: float
    lines: tuple[str, ...]
    size: float
    font: str = MINCHO


@dataclass(frozen=True)
class _Laid:
    """A row with its text wrapped into its columns and its height known."""

    row: Row
    parts: tuple[_Placed, ...]
    dividers: tuple[float, ...]  # x of the vertical rules drawn through this row
    height: float


def _line_pitch(size: float) -> float:
    return size * LINE_GAP


def _place(x: float, width: float, text: str, size: float, font: str = MINCHO) -> _Placed:
    inner = width - 2 * PAD
    return _Placed(x + PAD, inner, tuple(wrap(text, font, size, inner)) if text else (), size, font)


def _lay_cells(row: Row, x: float) -> tuple[list[_Placed], list[float]]:
    total = sum(c.weight for c in row.cells)
    width = RIGHT - x
    parts: list[_Placed] = []
    dividers: list[float] = []
    for i, cell in enumerate(row.cells):
        w = width * cell.weight / total
        label = _place(x, w, cell.label, BODY_SIZE, GOTHIC)
        label_w = max((text_width(line, GOTHIC, BODY_SIZE) for line in label.lines), default=0.0)
        value_x = x + PAD + label_w + 1.5 * mm
        parts.append(label)
        parts.append(_place(value_x - PAD, x + w - value_x + PAD, cell.value, cell.size))
        if i:
            dividers.append(x)
        x += w
    return parts, dividers


def _lay_out(row: Row, columns: tuple[float, float]) -> _Laid:
    """Wrap the row's texts into its columns and measure its height."""
    left_w, middle_w = columns
    x_mid = LEFT + left_w
    x_right = x_mid + middle_w
    parts: list[_Placed] = []
    dividers: list[float] = []
    if row.span == "all":
        x_mid = LEFT
    elif row.span == "left":
        parts.append(_place(LEFT, x_right - LEFT, row.left, BODY_SIZE))
    else:
        parts.append(_place(LEFT, left_w, row.left, BODY_SIZE))
        dividers.append(x_mid)
    if row.cells:
        cells, cell_dividers = _lay_cells(row, x_mid)
        parts += cells
        dividers += cell_dividers
    elif row.span == "right":
        parts.append(_place(x_mid, RIGHT - x_mid, row.right, row.size))
    else:
        if middle_w:
            parts.append(_place(x_mid, middle_w, row.middle, BODY_SIZE))
            dividers.append(x_right)
        parts.append(_place(x_right, RIGHT - x_right, row.right, row.size))
    lines = max((len(p.lines) * _line_pitch(p.size) for p in parts), default=0.0)
    return _Laid(row, tuple(parts), tuple(dividers), max(lines + 1.5 * mm, MIN_ROW))


def _units(laid: list[_Laid]) -> list[list[_Laid]]:
    """Rows that must stay together: one group, or one ungrouped row."""
    units: list[list[_Laid]] = []
    for item in laid:
        group = item.row.group
        if units and group and units[-1][0].row.group == group and not item.row.page_break:
            units[-1].append(item)
        else:
            units.append([item])
    return units


def _height(rows: list[_Laid]) -> float:
    return sum(r.height for r in rows)


def _paginate(layout: Layout) -> list[list[_Laid]]:
    """Split the rows into pages; the last page holds rows as well as the closing."""
    header = [_lay_out(r, layout.columns) for r in layout.page_header]
    header_h = _height(header)
    first_top = TOP - (IMAGE_BOX if layout.image_png else 0)
    closing = CLOSING_HEIGHT if layout.closing_every_page else 0.0
    pages: list[list[list[_Laid]]] = [[]]

    def room(page_number: int) -> float:
        top = first_top if page_number == 1 else TOP
        return top - BOTTOM - header_h - closing

    def groups(page: list[list[_Laid]]) -> int:
        return sum(1 for unit in page if unit[0].row.group)

    units: list[list[_Laid]] = []
    for unit in _units([_lay_out(r, layout.columns) for r in layout.rows]):
        # A group taller than a page cannot stay together: its rows go one by one.
        units += [[row] for row in unit] if _height(unit) > room(2) else [unit]
    for unit in units:
        page = pages[-1]
        used = sum(_height(u) for u in page)
        full = (
            layout.groups_per_page
            and unit[0].row.group
            and (groups(page) >= layout.groups_per_page)
        )
        if page and (unit[0].row.page_break or used + _height(unit) > room(len(pages)) or full):
            pages.append([])
        pages[-1].append(unit)
    end = Row(right="以下余白", rule="thin")
    tail = [_lay_out(end, layout.columns)] if layout.end_marker else []
    extra = _height(tail) + (0.0 if layout.closing_every_page else CLOSING_HEIGHT)
    while sum(_height(u) for u in pages[-1]) + extra > room(len(pages)):
        # Never the closing alone: the last unit goes over with it.
        moved = pages[-1].pop()
        if not pages[-1]:
            pages[-1].append(moved)
            pages.append([])
            break
        pages.append([moved])
    last = len(pages) - 1
    return [
        header
        + [row for unit in page for row in unit]
        + tail * (layout.closing_every_page or i == last)
        for i, page in enumerate(pages)
    ]


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


def _draw_removed_box(page: _Page, laid: _Laid, y: float) -> None:
    """「除　籍」 in a box: in the left column when it is free, else at the row's right end."""
    width = 18 * mm
    x = LEFT + 4 * mm if not laid.row.left else RIGHT - width - 3 * mm
    h = min(laid.height, MIN_ROW)
    c = page.canvas
    c.setLineWidth(0.8)
    c.rect(x, y - h + 1, width, h - 2)
    page.text(x + width / 2, y - h / 2 - BODY_SIZE / 2 + 1.5, "除　籍", BODY_SIZE, align="c")


def _draw_rows(page: _Page, rows: list[_Laid], top: float) -> float:
    c = page.canvas
    y = top
    for laid in rows:
        row = laid.row
        if row.rule and y != top:
            c.setLineWidth(1.2 if row.rule == "thick" else 0.5)
            c.line(LEFT, y, RIGHT, y)
        for part in laid.parts:
            pitch = _line_pitch(part.size)
            block = len(part.lines) * pitch
            baseline = y - (laid.height - block) / 2 - part.size * 1.1
            for line in part.lines:
                page.text(part.x, baseline, line, part.size, part.font)
                baseline -= pitch
        c.setLineWidth(0.5)
        for x in laid.dividers:
            c.line(x, y, x, y - laid.height)
        if row.removed:
            _draw_removed_box(page, laid, y)
        y -= laid.height
    c.setLineWidth(0.8)
    c.rect(LEFT, y, RIGHT - LEFT, top - y)
    return y


def _draw_closing(page: _Page, layout: Layout, y: float) -> None:
    y -= 10 * mm
    page.text(LEFT + 6 * mm, y, layout.closing, 10.5)
    y -= 10 * mm
    page.text(LEFT + 6 * mm, y, wareki(layout.issued_on), 10.5)
    y -= 12 * mm
    page.text(RIGHT - 38 * mm, y, layout.mayor_line, 13, align="r")
    seal = ImageReader(io.BytesIO(layout.seal_png))
    page.canvas.drawImage(seal, RIGHT - 36 * mm, y - 10 * mm, 26 * mm, 26 * mm, mask="auto")


def _set_metadata(canvas: Canvas, layout: Layout) -> None:
    """The internal ids live in the PDF metadata (and on the printed back), not on the front."""
    ids = layout.ids
    canvas.setTitle(layout.title)
    canvas.setAuthor(layout.mayor_line)
    canvas.setCreator("shomei-kiosk issuance_server")
    canvas.setSubject(
        f"request_id={ids.request_id} document_id={ids.document_id} applicant_id={ids.applicant_id}"
    )
    canvas.setKeywords(
        [
            f"request_id={ids.request_id}",
            f"document_id={ids.document_id}",
            f"applicant_id={ids.applicant_id}",
            f"issue_number={ids.issue_number}",
            f"certificate_type={layout.certificate_type}",
        ]
    )


def _draw_image(page: _Page, layout: Layout) -> float:
    """The 印影 in its box above the rows; returns the top of the rows."""
    if not layout.image_png:
        return TOP
    canvas = page.canvas
    box = 40 * mm
    canvas.setLineWidth(0.8)
    canvas.rect(LEFT, TOP - box, box, box)
    image = ImageReader(io.BytesIO(layout.image_png))
    canvas.drawImage(
        image, LEFT + 5 * mm, TOP - box + 5 * mm, box - 10 * mm, box - 10 * mm, mask="auto"
    )
    page.text(LEFT + box + 4 * mm, TOP - box / 2, layout.image_caption, BODY_SIZE)
    return TOP - IMAGE_BOX


def render(layout: Layout) -> RenderedDocument:
    """Draw the certificate; every page carries the page marker and 発行番号."""
    register_fonts()
    pages = _paginate(layout)
    out = io.BytesIO()
    with _render_lock:
        canvas = embedded_font_canvas(out, pagesize=A4, invariant=True, pageCompression=1)
        _set_metadata(canvas, layout)
        digests = []
        total = len(pages)
        for index, rows in enumerate(pages, start=1):
            page = _Page(canvas)
            page.text(RIGHT, PAGE_H - 16 * mm, f"（{total}の{index}）", BODY_SIZE, align="r")
            if layout.title_right:
                page.text(RIGHT, PAGE_H - 24 * mm, layout.title, 11, GOTHIC, align="r")
            else:
                page.text(PAGE_W / 2, PAGE_H - 24 * mm, layout.title, 18, GOTHIC, align="c")
            top = _draw_image(page, layout) if index == 1 else TOP
            y = _draw_rows(page, rows, top) if rows else top
            if index == total or layout.closing_every_page:
                _draw_closing(page, layout, y)
            if index < total:
                page.text(RIGHT, BOTTOM - 6 * mm, "以下次頁", 10.5, align="r")
            page.text(LEFT, BOTTOM - 6 * mm, f"発行番号　{layout.ids.issue_number}", 9)
            digests.append(hashlib.sha256("\n".join(page.texts).encode()).hexdigest()[:32])
            canvas.showPage()
        canvas.save()
    return RenderedDocument(out.getvalue(), digests)
