"""The stylesheet scaled to the panel's physical density: scale_lengths, the factor, start-up."""

from __future__ import annotations

import logging
import math
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from kiosk_app.accessibility import (
    ASSUMED_DPI,
    Accessibility,
    DisplayMode,
    compose_stylesheet,
    scale_lengths,
    touch_px,
    ui_scale_factor,
)
from kiosk_app.app import style_application
from kiosk_app.config import MAX_UI_SCALE


class FakeScreen:
    """A screen reporting a given physical density (as a panel's EDID makes Qt report)."""

    def __init__(self, dpi: float) -> None:
        self.dpi = dpi

    def physicalDotsPerInch(self) -> float:
        """The density given."""
        return self.dpi


@pytest.fixture
def restyled(qapp: QApplication) -> Iterator[Accessibility]:
    """The application's Accessibility; its stylesheet, scale and mode are put back after."""
    access = Accessibility.of(qapp)
    base, scale, mode = access.base, access.scale, access.mode
    yield access
    access.set_mode(mode)
    access.set_base(base, scale)


def test_every_pixel_length_is_scaled_and_rounded_half_up() -> None:
    sheet = (
        "QPushButton { min-height: 60px; padding: 8px 24px; border: 3px solid #0b3d91;"
        " font-size: 22px; margin: -1px; max-width: 110px; }"
    )
    assert scale_lengths(sheet, 1.5) == (
        "QPushButton { min-height: 90px; padding: 12px 36px; border: 5px solid #0b3d91;"
        " font-size: 33px; margin: -2px; max-width: 165px; }"
    )


def test_other_units_names_and_colours_are_left_alone() -> None:
    sheet = (
        "QLabel#px12px { font-size: 12pt; width: 50%; line-height: 1.2; color: #102030; }"
        " /* about 90 px */ QWidget { border: 0px; padding: 0.5px; }"
    )
    assert scale_lengths(sheet, 2.0) == (
        "QLabel#px12px { font-size: 12pt; width: 50%; line-height: 1.2; color: #102030; }"
        " /* about 90 px */ QWidget { border: 0px; padding: 1px; }"
    )


def test_a_thin_line_never_vanishes() -> None:
    assert scale_lengths("QFrame { border: 1px solid red; }", 0.3) == (
        "QFrame { border: 1px solid red; }"
    )


def test_factor_one_leaves_the_sheet_identical() -> None:
    sheet = "QLabel { font-size: 22.5px; padding: 1.5px; }"
    assert scale_lengths(sheet, 1.0) is sheet
    assert scale_lengths(sheet, 1.0, fonts_only=True) is sheet


def test_fonts_only_scales_font_sizes_and_font_shorthands() -> None:
    sheet = (
        "QLabel { padding: 10px; font: bold 20px; }\nQPushButton{font-size:30px;min-height:60px}"
    )
    assert scale_lengths(sheet, 1.3, fonts_only=True) == (
        "QLabel { padding: 10px; font: bold 26px; }\nQPushButton{font-size:39px;min-height:60px}"
    )


def test_large_text_applies_on_top_of_the_scaled_base_and_high_contrast() -> None:
    base = "QPushButton { font-size: 34px; min-height: 140px; }"
    sheet = compose_stylesheet(base, DisplayMode(high_contrast=True, large_text=True), scale=1.5)
    assert "font-size: 66px; min-height: 210px;" in sheet  # 34 × 1.5 = 51, × 1.3 = 66
    assert "border: 6px solid #ffff00" in sheet  # the high-contrast sheet is scaled too
    assert compose_stylesheet(base, DisplayMode()) == base


@pytest.mark.parametrize(
    ("dpi", "factor"),
    [
        (144.0, 1.5),
        (141.2, 141.2 / 96),  # 15.6" 1920×1080
        (96.0, 1.0),
        (72.0, 1.0),  # a coarse panel keeps the designed sizes
        (1000.0, MAX_UI_SCALE),
        (0.0, 1.0),  # no physical size in the EDID
        (-3.0, 1.0),
        (math.nan, 1.0),
        (math.inf, 1.0),
    ],
)
def test_automatic_scale_follows_the_physical_dpi(dpi: float, factor: float) -> None:
    assert ui_scale_factor(FakeScreen(dpi)) == pytest.approx(factor)


def test_a_configured_scale_wins_and_no_screen_means_one() -> None:
    assert ui_scale_factor(FakeScreen(144.0), configured=2.0) == 2.0
    assert ui_scale_factor(FakeScreen(math.nan), configured=1.25) == 1.25
    assert ui_scale_factor(None) == 1.0


def test_touch_px_is_15_mm_at_the_density() -> None:
    assert touch_px(ASSUMED_DPI) == 57
    assert touch_px(144.0) == 86  # 15 mm at 144 dpi = 85.04 px


def test_start_up_scales_by_the_screen_and_logs_it_once(
    qapp: QApplication, restyled: Accessibility, caplog: pytest.LogCaptureFixture
) -> None:
    dpi = qapp.primaryScreen().physicalDotsPerInch()
    with caplog.at_level(logging.INFO, logger="kiosk_app.app"):
        scale = style_application(qapp)
    assert scale == pytest.approx(max(1.0, dpi / ASSUMED_DPI))
    assert restyled.scale == scale
    lines = [r.getMessage() for r in caplog.records if "physical dpi" in r.getMessage()]
    assert lines == [f"screen: {dpi:.0f} physical dpi; stylesheet scale {scale:.2f} (automatic)"]


def test_a_configured_scale_restyles_the_application(
    qapp: QApplication, restyled: Accessibility, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="kiosk_app.app"):
        assert style_application(qapp, 2.0) == 2.0
    assert "stylesheet scale 2.00 (configured ui_scale)" in caplog.text
    widget_rule = 'QWidget { font-family: "IPAexGothic"; font-size: %s;'
    assert widget_rule % "22px" in restyled.base  # the base stays as designed
    assert widget_rule % "44px" in qapp.styleSheet()
    restyled.set_large_text(True)
    assert widget_rule % "57px" in qapp.styleSheet()  # 22 × 2 = 44, × 1.3 = 57.2
    restyled.reset()
    assert widget_rule % "44px" in qapp.styleSheet()


def test_an_implausible_density_is_capped_and_logged(
    qapp: QApplication, restyled: Accessibility, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="kiosk_app.app"):
        assert style_application(qapp, screen=FakeScreen(305.0)) == MAX_UI_SCALE  # 16×9 "cm"
        assert style_application(qapp, screen=FakeScreen(144.0)) == 1.5
        assert style_application(qapp, 1.2, screen=FakeScreen(305.0)) == 1.2
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [
        "the screen reports an implausible 305 dpi (a wrong physical size in its EDID?): "
        "set [kiosk] ui_scale"
    ]
    assert 'QWidget { font-family: "IPAexGothic"; font-size: 26px;' in qapp.styleSheet()
