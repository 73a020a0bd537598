"""The IPAex fonts (Debian fonts-ipaexfont), registered once with reportlab for embedding."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import IO, Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

MINCHO = "IPAexMincho"
GOTHIC = "IPAexGothic"

_FONT_FILES = {
    MINCHO: (
        Path("/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf"),
        Path("/usr/share/fonts/truetype/fonts-japanese-mincho.ttf"),
    ),
    GOTHIC: (
        Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"),
        Path("/usr/share/fonts/truetype/fonts-japanese-gothic.ttf"),
    ),
}
_lock = threading.Lock()
_registered: set[str] = set()


class FontMissingError(RuntimeError):
    """The IPAex fonts are not installed (Debian: fonts-ipaexfont-mincho, -gothic)."""


def font_file(name: str) -> Path:
    """The TrueType file of ``name``."""
    for candidate in _FONT_FILES[name]:
        if candidate.is_file():
            return candidate
    raise FontMissingError(f"{name} not found; install fonts-ipaexfont")


def register_fonts() -> None:
    """Register both fonts with reportlab (embedded as subsets in every PDF)."""
    with _lock:
        for name in _FONT_FILES:
            if name not in _registered:
                pdfmetrics.registerFont(TTFont(name, str(font_file(name))))
                _registered.add(name)


def embedded_font_canvas(out: str | IO[bytes], **options: Any) -> Canvas:
    """A reportlab canvas whose every font is embedded: its initial font is IPAex Gothic.

    A plain ``Canvas`` names Helvetica, one of the 14 standard fonts that PDF files do not
    embed, on every page, even when nothing is drawn in it.
    """
    register_fonts()
    return Canvas(out, initialFontName=GOTHIC, **options)
