"""Seal images: a person's registered 印影 (round, red) and the mayor's 公印 (square)."""

from __future__ import annotations

import functools
import io

from PIL import Image, ImageDraw, ImageFont

from issuance_contract.fonts import GOTHIC, MINCHO, font_file

_RED = (200, 30, 30, 255)


def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_file(name)), size)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


@functools.lru_cache(maxsize=256)
def personal_seal_png(text: str, size: int = 240) -> bytes:
    """A round 印影 with ``text`` (usually the surname) written top to bottom."""
    image = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    margin = size // 24
    draw.ellipse((margin, margin, size - margin, size - margin), outline=_RED, width=size // 22)
    chars = list(text[:3]) or ["印"]
    step = (size - 6 * margin) // len(chars)
    font = _font(MINCHO, min(step, size // 2))
    top = (size - step * len(chars)) // 2
    for i, ch in enumerate(chars):
        draw.text((size // 2, top + step * i + step // 2), ch, font=font, fill=_RED, anchor="mm")
    return _png(image)


@functools.lru_cache(maxsize=8)
def official_seal_png(
    city: str, colour: tuple[int, int, int, int] = _RED, size: int = 300
) -> bytes:
    """The square 公印 「<city>長之印」 in a 2×3 grid, in red or (for koseki) black."""
    image = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    border = size // 18
    draw.rectangle((border, border, size - border, size - border), outline=colour, width=border)
    text = f"{city}長之印"
    columns = 2 if len(text) <= 6 else 3
    rows = -(-len(text) // columns)
    cell_w = (size - 4 * border) / columns
    cell_h = (size - 4 * border) / rows
    font = _font(GOTHIC, int(min(cell_w, cell_h) * 0.9))
    # Seal text reads top to bottom, right column first.
    for i, ch in enumerate(text):
        col = columns - 1 - i // rows
        row = i % rows
        x = 2 * border + cell_w * (col + 0.5)
        y = 2 * border + cell_h * (row + 0.5)
        draw.text((x, y), ch, font=font, fill=colour, anchor="mm")
    return _png(image)


BLACK = (20, 20, 20, 255)
