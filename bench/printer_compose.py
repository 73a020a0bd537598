"""Benchmark of the print composer: time per sheet and job size, against the plain certificate.

The baseline, measured in the same run, is rendering the plain certificate PDF itself with
reportlab (what the issuance server does); the composer then lays every page over the 地紋 /
latent-image background and adds the verification panel on the back. ``python
bench/printer_compose.py`` prints markdown tables.
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from issuance_contract.fonts import GOTHIC, MINCHO, register_fonts
from kiosk_app.printing.composer import compose_for_print
from kiosk_app.printing.latent import line_screen

RUNS = 7
PAGE_COUNTS = (1, 3, 6)
#: Goals: composing must stay far below a printer's time per sheet (several seconds), and the job
#: must stay small enough to stream over IPP in well under a second on a LAN.
GOAL_MS_PER_SHEET = 500.0
GOAL_SIZE_RATIO = 5.0
LINES_PER_PAGE = 38


def plain_certificate(pages: int) -> bytes:
    """A fictitious koseki-like certificate: a header, 38 lines of text and a seal box a page."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    for page in range(1, pages + 1):
        canvas.setFont(GOTHIC, 14)
        canvas.drawString(60, 790, f"全部事項証明 ({pages}の{page})")
        canvas.setFont(MINCHO, 10.5)
        for line in range(LINES_PER_PAGE):
            text = (
                f"【出生日】平成{line % 30 + 1}年{line % 12 + 1}月{line % 28 + 1}日"
                f" 【出生地】架空市架空町{line}番地"
            )
            canvas.drawString(60, 760 - line * 18, text)
        canvas.rect(430, 60, 90, 90)
        canvas.drawString(440, 100, "架空市長之印")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def codes(pages: int) -> list[str]:
    """Stand-ins for signed verification codes of a realistic length (about 180 characters)."""
    return [f"SV1.R-2026-000001.D-000042.{page}." + "x" * 150 for page in range(1, pages + 1)]


def median_seconds(action: object, runs: int = RUNS) -> float:
    """Median wall time of ``action()``."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Measure and print the tables."""
    register_fonts()
    start = time.perf_counter()
    line_screen()
    screen_ms = (time.perf_counter() - start) * 1000
    print("## Print composer: time per sheet and job size vs the plain certificate\n")
    print(f"One-off line-screen preparation (first job after start): {screen_ms:.0f} ms\n")
    print(
        "| pages | plain render ms | compose ms | compose ms/sheet | compose ÷ plain"
        " | plain KiB | job KiB | job ÷ plain | goal met |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|:---|")
    for pages in PAGE_COUNTS:
        plain = plain_certificate(pages)
        page_codes = codes(pages)
        render_s = median_seconds(lambda pages=pages: plain_certificate(pages))
        compose_s = median_seconds(
            lambda plain=plain, page_codes=page_codes: compose_for_print(plain, page_codes, "D-42")
        )
        job = compose_for_print(plain, page_codes, "D-42")
        met = (
            compose_s * 1000 / pages <= GOAL_MS_PER_SHEET
            and len(job) / len(plain) <= GOAL_SIZE_RATIO
        )
        print(
            f"| {pages} | {render_s * 1000:.1f} | {compose_s * 1000:.1f}"
            f" | {compose_s * 1000 / pages:.1f} | {compose_s / render_s:.1f}"
            f" | {len(plain) / 1024:.0f} | {len(job) / 1024:.0f} | {len(job) / len(plain):.2f}"
            f" | {'yes' if met else 'NO'} |"
        )
    print(
        f"\nGoals: ≤ {GOAL_MS_PER_SHEET:.0f} ms per sheet to compose, job ≤ {GOAL_SIZE_RATIO:.0f}×"
        " the plain certificate."
    )


if __name__ == "__main__":
    main()
