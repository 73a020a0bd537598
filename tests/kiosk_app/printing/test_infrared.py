"""The infrared latent mark: 「証」 in black toner alone inside a CMY patch of the same grey.

Proved from the composed PDF with Ghostscript: its ``tiffsep`` device writes one image per ink,
so the mark must be the only thing in the Black separation within the patch, and missing from the
cyan, magenta and yellow ones; the ordinary RGB renderings (Ghostscript, ICC-managed, and poppler)
show mark and patch alike (ΔE*ab measured 1.1 in both); a copy made from the RGB scan loses it.
"""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageFilter, ImageStat

from kiosk_app.printing.composer import compose_for_print
from kiosk_app.printing.infrared import MARK_K, PATCH_CMY, patch_box_mm
from tests.kiosk_app.printing.measure import dots, infrared_delta_e
from tests.support.sample_pdf import certificate_pdf, page_codes

DPI = 150
INKS = ("Cyan", "Magenta", "Yellow", "Black")


@pytest.fixture(scope="module")
def back(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A composed one-sheet certificate; its back is page 2."""
    path = tmp_path_factory.mktemp("infrared") / "sheets.pdf"
    path.write_bytes(compose_for_print(certificate_pdf(1), page_codes(1), "D-IR"))
    return path


def patch_crop() -> tuple[int, int, int, int]:
    """The patch inset by 1 mm, in pixels of a page rendered at ``DPI`` (top-left origin)."""
    left, bottom, right, top = patch_box_mm()
    page_h = 297.0
    return (
        round(dots(left + 1, DPI)),
        round(dots(page_h - top + 1, DPI)),
        round(dots(right - 1, DPI)),
        round(dots(page_h - bottom - 1, DPI)),
    )


def separations(pdf: Path, page: int, out: Path) -> dict[str, Image.Image]:
    """Ghostscript's tiffsep separations of one page (255 = no ink), cropped to the patch."""
    pages = [f"-dFirstPage={page}", f"-dLastPage={page}"]
    subprocess.run(
        [
            "gs",
            "-q",
            "-dSAFER",
            "-sDEVICE=tiffsep",
            f"-r{DPI}",
            *pages,
            "-o",
            str(out / "sep.tif"),
            str(pdf),
        ],
        check=True,
        capture_output=True,
    )
    return {
        ink: Image.open(out / f"sep({ink}).tif").convert("L").crop(patch_crop()) for ink in INKS
    }


def ink(separation: Image.Image) -> Image.Image:
    """Where the separation carries ink (255) or none (0)."""
    return separation.point(lambda v: 255 if v < 250 else 0)


def rgb(command: list[str]) -> Image.Image:
    return Image.open(io.BytesIO(subprocess.run(command, check=True, capture_output=True).stdout))


def ghostscript_rgb(pdf: Path) -> Image.Image:
    """The back rendered to RGB by Ghostscript (its default ICC colour management)."""
    pages = ["-dFirstPage=2", "-dLastPage=2"]
    return rgb(["gs", "-q", "-dSAFER", "-sDEVICE=png16m", f"-r{DPI}", *pages, "-o", "-", str(pdf)])


def mean_rgb(image: Image.Image, mask: Image.Image) -> tuple[int, int, int]:
    red, green, blue = (round(v) for v in ImageStat.Stat(image.convert("RGB"), mask).mean)
    return red, green, blue


def test_the_mark_is_alone_in_the_black_separation(back: Path, tmp_path: Path) -> None:
    seps = separations(back, 2, tmp_path)
    black = ink(seps["Black"])
    share = ImageStat.Stat(black).mean[0] / 255
    assert 0.08 < share < 0.5  # the glyph 「証」, not the whole patch, not nothing
    # Black where the mark is, at the mark's tone; CMY exactly elsewhere (knocked out under it).
    marked = ImageStat.Stat(seps["Black"], black)
    assert (255 - marked.mean[0]) / 255 == pytest.approx(MARK_K, abs=0.02)
    for name, level in zip(INKS[:3], PATCH_CMY, strict=True):
        coloured = ink(seps[name])
        assert ImageChops.logical_and(coloured.convert("1"), black.convert("1")).getbbox() is None
        assert ImageStat.Stat(ImageChops.add(coloured, black)).extrema[0] == (255, 255)
        assert (255 - ImageStat.Stat(seps[name], coloured).mean[0]) / 255 == pytest.approx(
            level, abs=0.02
        )


def test_mark_and_patch_look_alike_in_rgb(back: Path) -> None:
    for name, difference in infrared_delta_e(back, 2, DPI).items():
        assert difference < 2.0, (name, difference)  # measured 1.1 with both renderers


def test_a_copy_of_the_rgb_scan_loses_the_mark(back: Path, tmp_path: Path) -> None:
    black = ink(separations(back, 2, tmp_path)["Black"])
    scan = ghostscript_rgb(back).convert("RGB")
    copy = tmp_path / "copy.pdf"
    scan.save(copy, resolution=DPI)  # the copier prints what it scanned, as RGB
    (tmp_path / "copied").mkdir()
    copied = separations(copy, 1, tmp_path / "copied")
    k_mark = 255 - ImageStat.Stat(copied["Black"], black.filter(ImageFilter.MinFilter(3))).mean[0]
    k_patch = (
        255
        - ImageStat.Stat(
            copied["Black"], ImageChops.invert(black).filter(ImageFilter.MinFilter(3))
        ).mean[0]
    )
    original_contrast = MARK_K * 255
    assert abs(k_mark - k_patch) < 0.1 * original_contrast  # the infrared 「証」 is gone
