"""The latent 「複写」: even on the original at 600 dpi and to the eye, plain on a simulated copy.

The same figures are in docs/anti-copy.md (made by ``make certificates``).
"""

from __future__ import annotations

import pytest

from kiosk_app.printing.composer import compose_for_print
from kiosk_app.printing.latent import CELL_MM, DOT_MM, FINE_WIDTH_MM, THICK_EVERY, THICK_WIDTH_MM
from tests.kiosk_app.printing.measure import LatentFigures, latent_figures
from tests.support.sample_pdf import certificate_pdf, page_codes


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory) -> LatentFigures:
    """Measured on the back of a composed sheet, below its marks (no text there)."""
    path = tmp_path_factory.mktemp("latent") / "sheets.pdf"
    path.write_bytes(compose_for_print(certificate_pdf(1), page_codes(1), "D-LATENT"))
    return latent_figures(path, 2)


def test_lines_are_whole_printer_dots_and_carry_the_same_ink_per_band() -> None:
    for length in (CELL_MM, FINE_WIDTH_MM, THICK_WIDTH_MM):
        assert abs(length / DOT_MM - round(length / DOT_MM)) < 1e-9
    assert pytest.approx(THICK_EVERY * FINE_WIDTH_MM) == THICK_WIDTH_MM


def test_the_original_is_even_at_print_resolution(figures: LatentFigures) -> None:
    assert 15 < figures.ink_depth < 60  # a light tint, not blank paper
    # Mean tone inside the word and outside it: 0.0 % of the ink depth measured (was 3.9 %).
    assert figures.tone_difference_percent < 2.0


def test_no_edge_shows_at_reading_distance(figures: LatentFigures) -> None:
    # Blurred as the eye sees it at about 35 cm: the letters' edges differ by 0.1 grey level
    # (measured 0.06) and the whole region stays within 15 levels (measured 14; 29 before).
    assert figures.edge_difference < 0.5
    assert figures.eye_range < 18


def test_a_copy_shows_the_word(figures: LatentFigures) -> None:
    # Measured: 25 % of the word's area prints dark on the copy, 0 % of the rest.
    assert figures.copy_inside > 0.15
    assert figures.copy_outside < 0.005
