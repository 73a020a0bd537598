"""Measurements of the anti-copy features on rendered pages (used by tests and docs script)."""

from __future__ import annotations

import io
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageCms, ImageFilter, ImageStat

from kiosk_app.printing.infrared import patch_box_mm
from kiosk_app.printing.latent import CELL_MM, latent_mask

PRINT_DPI = 600
#: The eye at reading distance (about 35 cm) as a Gaussian blur: σ = 0.3 mm, about 3′ of arc.
EYE_BLUR_MM = 0.3
#: A copier: its optics blur (σ ≈ 0.13 mm), then it prints what is darker than a threshold.
COPIER_BLUR_MM = 0.127
COPIER_THRESHOLD = 210
#: The region measured: the back between its marks and the bottom microtext (600 dpi x, y, w, h).
REGION = (0, 5330, 4960, 1400)


def dots(millimetres: float, dpi: int = PRINT_DPI) -> float:
    return millimetres * dpi / 25.4


def render_grey(pdf: Path, page: int, dpi: int, region: tuple[int, int, int, int]) -> Image.Image:
    """One page region rendered in grey by poppler."""
    x, y, w, h = region
    crop = ["-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h)]
    result = subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-gray", *crop, str(pdf)],
        capture_output=True,
        check=True,
    )
    return Image.open(io.BytesIO(result.stdout)).convert("L")


@dataclass(frozen=True)
class LatentFigures:
    """How the latent 「複写」 looks on the original and on a simulated copy."""

    ink_depth: float  # mean darkening of the tint below paper white (grey levels)
    tone_difference_percent: float  # |inside − outside| mean tone, % of the ink depth, 600 dpi
    edge_difference: float  # eye-blurred tone just inside vs just outside the letters (levels)
    eye_range: float  # max − min of the eye-blurred tone over the region (levels)
    copy_inside: float  # share of the word's area a copy prints dark
    copy_outside: float  # share of the rest a copy prints dark


def latent_figures(pdf: Path, page: int) -> LatentFigures:
    """Measure the latent image on ``page`` of ``pdf`` (a page with no text in ``REGION``)."""
    x, y, w, h = REGION
    image = render_grey(pdf, page, PRINT_DPI, REGION)
    mask = latent_mask()
    scale = dots(CELL_MM)
    size = (round(mask.width * scale), round(mask.height * scale))
    word = mask.resize(size, Image.Resampling.NEAREST).convert("L").crop((x, y, x + w, y + h))
    inside = word.filter(ImageFilter.MinFilter(9))
    outside = ImageChops.invert(word.filter(ImageFilter.MaxFilter(9)))
    ring = int(dots(0.6)) | 1
    near_inside = ImageChops.multiply(
        word, ImageChops.invert(word.filter(ImageFilter.MinFilter(ring)))
    )
    near_outside = ImageChops.multiply(
        ImageChops.invert(word), word.filter(ImageFilter.MaxFilter(ring))
    )
    tone_in = ImageStat.Stat(image, inside).mean[0]
    tone_out = ImageStat.Stat(image, outside).mean[0]
    depth = 255 - tone_out
    eye = image.filter(ImageFilter.GaussianBlur(dots(EYE_BLUR_MM)))
    edge = abs(ImageStat.Stat(eye, near_inside).mean[0] - ImageStat.Stat(eye, near_outside).mean[0])
    margin = int(dots(3))
    low, high = ImageStat.Stat(eye.crop((margin, margin, w - margin, h - margin))).extrema[0]
    copy = image.filter(ImageFilter.GaussianBlur(dots(COPIER_BLUR_MM))).point(
        lambda v: 255 if v < COPIER_THRESHOLD else 0
    )
    return LatentFigures(
        ink_depth=depth,
        tone_difference_percent=100 * abs(tone_in - tone_out) / depth,
        edge_difference=edge,
        eye_range=high - low,
        copy_inside=ImageStat.Stat(copy, inside).mean[0] / 255,
        copy_outside=ImageStat.Stat(copy, outside).mean[0] / 255,
    )


_LAB = ImageCms.buildTransform(
    ImageCms.createProfile("sRGB"), ImageCms.createProfile("LAB"), "RGB", "LAB"
)


def lab(rgb: tuple[int, int, int]) -> tuple[float, float, float]:
    """CIE L*a*b* of an sRGB colour (through Little CMS)."""
    pixel = ImageCms.applyTransform(Image.new("RGB", (1, 1), rgb), _LAB)
    assert pixel is not None
    lightness, a, b = pixel.getpixel((0, 0))  # type: ignore[misc]
    return lightness * 100 / 255, (a + 128) % 256 - 128, (b + 128) % 256 - 128


def delta_e(one: tuple[int, int, int], other: tuple[int, int, int]) -> float:
    """CIE76 colour difference ΔE*ab of two sRGB colours."""
    return float(sum((p - q) ** 2 for p, q in zip(lab(one), lab(other), strict=True)) ** 0.5)


def _patch_pixels(dpi: int) -> tuple[int, int, int, int]:
    """The infrared patch inset by 1 mm, in pixels of a page at ``dpi`` (top-left origin)."""
    left, bottom, right, top = patch_box_mm()
    page_h = 297.0
    return (
        round(dots(left + 1, dpi)),
        round(dots(page_h - top + 1, dpi)),
        round(dots(right - 1, dpi)),
        round(dots(page_h - bottom - 1, dpi)),
    )


def _run_image(command: list[str]) -> Image.Image:
    return Image.open(io.BytesIO(subprocess.run(command, check=True, capture_output=True).stdout))


def infrared_delta_e(pdf: Path, page: int, dpi: int = 150) -> dict[str, float]:
    """ΔE*ab between the K-only mark and its CMY patch in the RGB renderings of ``page``."""
    with tempfile.TemporaryDirectory() as tmp:
        pages = [f"-dFirstPage={page}", f"-dLastPage={page}"]
        sep = Path(tmp) / "sep.tif"
        subprocess.run(
            [
                "gs",
                "-q",
                "-dSAFER",
                "-sDEVICE=tiffsep",
                f"-r{dpi}",
                *pages,
                "-o",
                str(sep),
                str(pdf),
            ],
            check=True,
            capture_output=True,
        )
        black = Image.open(Path(tmp) / "sep(Black).tif").convert("L").crop(_patch_pixels(dpi))
    marked = black.point(lambda v: 255 if v < 250 else 0)
    mark = marked.filter(ImageFilter.MinFilter(3))
    patch = ImageChops.invert(marked).filter(ImageFilter.MinFilter(3))
    renders = {
        "ghostscript": _run_image(
            ["gs", "-q", "-dSAFER", "-sDEVICE=png16m", f"-r{dpi}", *pages, "-o", "-", str(pdf)]
        ),
        "poppler": _run_image(
            ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png", str(pdf)]
        ),
    }
    result = {}
    for name, image in renders.items():
        crop = image.convert("RGB").crop(_patch_pixels(dpi))
        means = [tuple(round(v) for v in ImageStat.Stat(crop, m).mean) for m in (mark, patch)]
        result[name] = delta_e(means[0], means[1])  # type: ignore[arg-type]
    return result
