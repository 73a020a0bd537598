"""The IPAex fonts (Debian fonts-ipaexfont-*), registered once with reportlab for embedding."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

GOTHIC = "IPAexGothic"
MINCHO = "IPAexMincho"

FONT_FILES: dict[str, Path] = {
    GOTHIC: Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"),
    MINCHO: Path("/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf"),
}


class FontMissingError(RuntimeError):
    """An IPAex font file is not installed (package fonts-ipaexfont-gothic / -mincho)."""


@cache
def register_fonts() -> tuple[str, str]:
    """Register the IPAex Gothic and Mincho fonts with reportlab; returns their names."""
    for name, path in FONT_FILES.items():
        if not path.is_file():
            raise FontMissingError(f"font file {path} is missing (install fonts-ipaexfont)")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    return GOTHIC, MINCHO
