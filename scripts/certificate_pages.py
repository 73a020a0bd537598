"""Render the sample certificates as PNG pages into docs/certificates/ and write docs/anti-copy.md.

Every certificate type and variant (``shomei-server sample``, fictitious demo data), one PNG per
page; then one composed sheet (front and back with the 地紋), a simulated copy of its front, and
Ghostscript's Black separation of its back (the infrared mark). The anti-copy figures are measured
as the tests measure them (tests/kiosk_app/printing/measure.py).

Usage: certificate_pages.py [--out docs/certificates] [--figures docs/anti-copy.md]
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageFilter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from issuance_server.samples import write_samples
from issuance_server.service import open_service
from issuance_server.settings import demo_settings
from kiosk_app.printing.composer import compose_for_print
from tests.kiosk_app.printing import measure

DPI = 60
ISSUED_ON = dt.date(2026, 4, 1)


def png_pages(pdf: Path, out: Path, dpi: int = DPI) -> list[Path]:
    """Each page of ``pdf`` as ``out/<stem>-<n>.png``."""
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(out / pdf.stem)], check=True)
    return sorted(out.glob(f"{pdf.stem}-*.png"))


def sheet_pictures(sample: Path, out: Path, work: Path) -> Path:
    """Compose one sample into sheets and picture its front, back, copy and Black separation."""
    sheets = work / "sheet.pdf"
    pages = int(
        subprocess.run(["pdfinfo", str(sample)], capture_output=True, check=True, text=True)
        .stdout.split("Pages:")[1]
        .split()[0]
    )
    sheets.write_bytes(compose_for_print(sample.read_bytes(), ["SV1.sample"] * pages, "sample"))
    # Rendered at 600 dpi, averaged down to 75 dpi (whole line periods, as the eye averages).
    subprocess.run(
        ["pdftoppm", "-r", "600", "-f", "1", "-l", "2", "-png", str(sheets), str(work / "sheet")],
        check=True,
    )
    for side in (1, 2):
        fine = Image.open(next(work.glob(f"sheet-*{side}.png")))
        fine.reduce(8).save(out / f"sheet-{side}.png")
    front = Image.open(next(work.glob("sheet-*1.png"))).convert("L")
    blur = measure.dots(measure.COPIER_BLUR_MM)
    copy = front.filter(ImageFilter.GaussianBlur(blur)).point(
        lambda v: 0 if v < measure.COPIER_THRESHOLD else 255
    )
    copy.reduce(8).save(out / "sheet-1-simulated-copy.png")
    subprocess.run(
        [
            "gs",
            "-q",
            "-dSAFER",
            "-sDEVICE=tiffsep",
            "-r100",
            "-dFirstPage=2",
            "-dLastPage=2",
            "-o",
            str(work / "sep.tif"),
            str(sheets),
        ],
        check=True,
    )
    Image.open(work / "sep(Black).tif").save(out / "sheet-2-black-separation.png")
    return sheets


FIGURES = """# Anti-copy figures

Made by `make certificates` (scripts/certificate_pages.py); the same measurements are asserted in
tests/kiosk_app/printing/test_latent.py and test_infrared.py. Pictures: docs/certificates/sheet-*.

## Latent 「複写」 (line screen, measured at 600 dpi on the back of a sheet)
Lines are whole 600 dpi dots: fine lines 2 dots every 8 dots; inside the word one line of 4 dots
every 16 dots, in bands of equal ink whose edges are the word's edges.

| figure | value |
|---|---|
| ink depth of the tint (grey levels below paper white) | {f.ink_depth:.1f} |
| mean tone inside vs outside the word, % of ink depth | {f.tone_difference_percent:.2f} % |
| eye (blur σ {eye} mm): tone just inside vs outside the letters | {f.edge_difference:.2f} |
| eye at reading distance: range over the region (levels) | {f.eye_range:.0f} |
| copy (blur σ {copier} mm, threshold {threshold}): word printed dark | {f.copy_inside:.1%} |
| simulated copy: rest printed dark | {f.copy_outside:.1%} |

Before this change (0.1 mm lines every 0.4 mm, 0.3 mm every 1.2 mm, word edges on any row) the
line screen measured 3.9 % tone difference and a 29-level range to the eye: white seams showed
along the letters.

## Infrared latent mark (back)
「証」 in DeviceCMYK K {k} inside a patch of C {c} M {m} Y {y}. Ghostscript `tiffsep` shows the
mark alone in the Black separation (sheet-2-black-separation.png) and the patch knocked out under
it. In RGB the mark and patch differ by ΔE*ab {de_gs:.1f} (Ghostscript, ICC) and {de_pop:.1f}
(poppler). A copy made from the RGB scan prints patch and mark with the same black.
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/certificates"))
    parser.add_argument("--figures", type=Path, default=Path("docs/anti-copy.md"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for old in args.out.glob("*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        service = open_service(demo_settings(work / "data"))
        try:
            pdfs = write_samples(service, work / "pdf", ISSUED_ON)
        finally:
            service.store.close()
        for pdf in pdfs:
            png_pages(pdf, args.out)
        sheets = sheet_pictures(pdfs[0], args.out, work)
        from kiosk_app.printing.infrared import MARK_K, PATCH_CMY

        figures = measure.latent_figures(sheets, 2)
        de = measure.infrared_delta_e(sheets, 2)
        args.figures.write_text(
            FIGURES.format(
                f=figures,
                eye=measure.EYE_BLUR_MM,
                copier=measure.COPIER_BLUR_MM,
                threshold=measure.COPIER_THRESHOLD,
                k=MARK_K,
                c=PATCH_CMY[0],
                m=PATCH_CMY[1],
                y=PATCH_CMY[2],
                de_gs=de["ghostscript"],
                de_pop=de["poppler"],
            ),
            encoding="utf-8",
        )
    sys.stdout.write(f"{len(list(args.out.glob('*.png')))} pictures in {args.out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
