"""The 地紋 background: a line screen whose latent image 「複写」 appears when the sheet is copied.

The sheet is covered with horizontal lines of one tone, laid out in bands of ``THICK_EVERY``
fine rows. Outside the latent image a band holds that many fine lines; inside it one line as thick
as all of them together, centred in the band. Every band therefore carries the same ink whether
inside or outside the word, and the word's edges fall on band edges, so the original looks even
(no gaps or dark seams along the letters). The widths are whole 600 dpi dots. A copier cannot
reproduce the fine lines and drops them, while the thick ones survive: the copy shows 「複写」.
The figures are measured in tests/kiosk_app/printing/test_latent.py and docs/anti-copy.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from issuance_contract.fonts import GOTHIC, font_file

PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
#: One dot of a 600 dpi printer (mm): line widths and pitches are whole dots.
DOT_MM = 25.4 / 600
#: Pitch of the fine lines, and the size of one mask cell (mm): 8 dots.
CELL_MM = 8 * DOT_MM
FINE_WIDTH_MM = 2 * DOT_MM
#: A band is this many cell rows; inside the word it holds one thick line instead of fine ones.
THICK_EVERY = 2
THICK_WIDTH_MM = THICK_EVERY * FINE_WIDTH_MM
#: The tint colour (RGB 0..1): a light blue-grey, as on municipal certificate paper.
TINT_RGB = (0.5, 0.58, 0.8)
LATENT_WORD = "複写"
#: Height of one latent word's characters (mm) and the grid the words are laid out on.
LATENT_CHAR_MM = 30.0
LATENT_ROWS = 5
LATENT_COLUMNS = 2


@dataclass(frozen=True)
class LineScreen:
    """The line segments of the screen, in mask cells: (row, first column, end column)."""

    columns: int
    rows: int
    fine: tuple[tuple[int, int, int], ...]
    thick: tuple[tuple[int, int, int], ...]


@cache
def latent_mask() -> Image.Image:
    """The latent image as a 1-bit mask, one pixel per cell (white = latent 「複写」).

    Its value is the same on every row of a band, so each band is wholly fine or wholly thick.
    """
    columns = round(PAGE_WIDTH_MM / CELL_MM)
    rows = round(PAGE_HEIGHT_MM / CELL_MM)
    mask = Image.new("1", (columns, rows), 0)
    draw = ImageDraw.Draw(mask)
    size = round(LATENT_CHAR_MM / CELL_MM)
    font = ImageFont.truetype(str(font_file(GOTHIC)), size)
    word_width = draw.textlength(LATENT_WORD, font=font)
    row_pitch = rows / LATENT_ROWS
    column_pitch = columns / LATENT_COLUMNS
    for row in range(LATENT_ROWS):
        shift = column_pitch / 4 if row % 2 else -column_pitch / 4
        for column in range(LATENT_COLUMNS):
            centre_x = column_pitch * (column + 0.5) + shift
            centre_y = row_pitch * (row + 0.5)
            draw.text(
                (centre_x - word_width / 2, centre_y - size / 2),
                LATENT_WORD,
                font=font,
                fill=1,
                stroke_width=3,
                stroke_fill=1,
            )
    band_rows = -(-rows // THICK_EVERY)
    grey = mask.convert("L").resize((columns, band_rows), Image.Resampling.BOX)
    bands = grey.point(lambda value: 255 if value >= 128 else 0).convert("1")
    whole = bands.resize((columns, band_rows * THICK_EVERY), Image.Resampling.NEAREST)
    return whole.crop((0, 0, columns, rows))


def _runs(bits: list[bool], wanted: bool) -> list[tuple[int, int]]:
    """The [start, end) runs of cells in a row whose value is ``wanted``."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for index, bit in enumerate([*bits, not wanted]):
        if bit == wanted and start is None:
            start = index
        elif bit != wanted and start is not None:
            runs.append((start, index))
            start = None
    return runs


@cache
def line_screen() -> LineScreen:
    """The fine segments (outside the latent image) and thick ones (inside it), computed once."""
    mask = latent_mask()
    columns, rows = mask.size
    data = mask.convert("L").tobytes()
    middle = THICK_EVERY // 2
    fine: list[tuple[int, int, int]] = []
    thick: list[tuple[int, int, int]] = []
    for row in range(rows):
        bits = [bool(value) for value in data[row * columns : (row + 1) * columns]]
        fine.extend((row, start, end) for start, end in _runs(bits, wanted=False))
        if row % THICK_EVERY == middle:
            thick.extend((row, start, end) for start, end in _runs(bits, wanted=True))
    return LineScreen(columns, rows, tuple(fine), tuple(thick))


def _stroke_operators(segments: tuple[tuple[int, int, int], ...], width_mm: float) -> str:
    """PDF operators stroking the horizontal segments as one path (points, 2 decimals)."""
    parts = [f"{width_mm * mm:.3f} w"]
    for row, start, end in segments:
        y = (PAGE_HEIGHT_MM - (row + 0.5) * CELL_MM) * mm
        parts.append(f"{start * CELL_MM * mm:.2f} {y:.2f} m {end * CELL_MM * mm:.2f} {y:.2f} l")
    parts.append("S")
    return "\n".join(parts)


@cache
def line_screen_operators() -> str:
    """The PDF operators of the whole line screen, made once per process."""
    screen = line_screen()
    red, green, blue = TINT_RGB
    return "\n".join(
        (
            f"{red:.3f} {green:.3f} {blue:.3f} RG 0 J",
            _stroke_operators(screen.fine, FINE_WIDTH_MM),
            _stroke_operators(screen.thick, THICK_WIDTH_MM),
        )
    )


def draw_line_screen(canvas: Canvas) -> None:
    """Draw the whole-page line screen with its latent image at the canvas origin (A4)."""
    canvas.saveState()
    canvas.addLiteral(line_screen_operators())
    canvas.restoreState()
