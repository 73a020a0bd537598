"""The soak's figures: the RSS slope fitted over the last sessions, and its chart."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from tests.proof.soak import Resources, Sample, rss_slope, slope_verdict
from tests.proof.soak_memory import HeapUse
from tests.proof.soak_plot import HEIGHT, WIDTH, save_rss_plot
from tests.proof.soak_trace import GrowthTracer

HEAP = HeapUse(40_000, 20_000, 2_600, 400)


def _samples(rss_kib: list[int], every: int = 250) -> list[Sample]:
    return [
        Sample(every * (i + 1), float(i), 1.0, Resources(rss, 5, 5, 10, 7, 4, 267, HEAP))
        for i, rss in enumerate(rss_kib)
    ]


def test_the_slope_is_fitted_over_the_last_sessions_only() -> None:
    # a climb of 40 MiB over the first 1,000 sessions, then +1 MiB per 1,000 (256 KiB a sample)
    climb = [100_000 + 10_240 * i for i in range(4)]
    level = [climb[-1] + 256 * i for i in range(1, 17)]
    slope, fitted = rss_slope(_samples(climb + level), over=4000)
    assert fitted == 4000
    assert abs(slope - 1.0) < 1e-6  # MiB (the table's MB) per 1,000 sessions


def test_a_flat_run_has_no_slope_and_a_short_run_fits_what_it_has() -> None:
    slope, fitted = rss_slope(_samples([200_000] * 4), over=4000)
    assert (slope, fitted) == (0.0, 750)
    assert rss_slope(_samples([200_000]), over=4000) == (0.0, 0)


def test_the_chart_is_a_png_of_its_size(qapp: QApplication, tmp_path: Path) -> None:
    path = tmp_path / "plots" / "rss.png"
    save_rss_plot(_samples([200_000, 210_000, 211_000, 211_500]), path)
    image = QImage(str(path))
    assert (image.width(), image.height()) == (WIDTH, HEIGHT)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


class _Kept:
    """Objects a leak would keep."""


def test_the_tracer_names_what_grew_and_where() -> None:
    tracer = GrowthTracer()
    tracer.start(100)
    kept = [_Kept() for _ in range(2000)]
    table = tracer.report(200)
    assert table.startswith("### What grew from session 100 to 200")
    assert "| _Kept | +2000 | 2000 |" in table
    assert "tests/proof/test_soak_report.py:" in table  # the line that allocated them
    assert len(kept) == 2000


def test_the_slope_goal_is_judged_only_over_the_whole_window() -> None:
    assert slope_verdict(0.4, 4000, 4000, 0.5) == "met"
    assert slope_verdict(0.6, 4000, 4000, 0.5) == "NOT met"
    assert slope_verdict(5.0, 950, 4000, 0.5).startswith("judged over 4000 sessions")
