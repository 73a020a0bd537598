"""Whether a QMP screen dump shows a given screen: a coarse comparison with its reference shot."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageStat

#: Both pictures are reduced to this grid of grey cells before comparing (fonts, the clock and
#: antialiasing differ between the guest and the host's offscreen shots; the layout does not).
GRID = (64, 40)
#: Mean grey difference (0–255) under which two screens count as the same.
SAME_SCREEN_LIMIT = 12.0
#: Fewer grey levels than this: a blank, boot console or one-colour screen.
MIN_GREY_LEVELS = 8


@dataclass(frozen=True)
class ScreenMatch:
    """How a dump compares with the reference."""

    difference: float
    grey_levels: int

    @property
    def matches(self) -> bool:
        """Not blank, and laid out and coloured like the reference."""
        return self.grey_levels >= MIN_GREY_LEVELS and self.difference < SAME_SCREEN_LIMIT


def _cells(image: Image.Image) -> Image.Image:
    return image.convert("L").resize(GRID, Image.Resampling.BOX)


def compare(dump: Image.Image, reference: Image.Image) -> ScreenMatch:
    """Compare two screens of the same aspect ratio."""
    dump_cells = _cells(dump)
    difference = ImageStat.Stat(ImageChops.difference(dump_cells, _cells(reference))).mean[0]
    levels = len(dump_cells.getcolors(256) or [])
    return ScreenMatch(difference=difference, grey_levels=levels)


def compare_files(dump: Path, reference: Path) -> ScreenMatch:
    """:func:`compare` on two image files."""
    with Image.open(dump) as shown, Image.open(reference) as expected:
        return compare(shown, expected)
