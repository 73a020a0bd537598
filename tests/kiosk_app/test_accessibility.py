"""High-contrast and large-text modes, and touch targets of at least 15 mm on every screen."""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk_app.accessibility import (
    ASSUMED_DPI,
    Accessibility,
    AccessibilityToggles,
    DisplayMode,
    compose_stylesheet,
    min_touch_px,
    scale_lengths,
)
from kiosk_app.app import build_window
from kiosk_app.config import Language, load_demo_config
from kiosk_app.devices.opening import open_services
from kiosk_app.main_window import KioskWindow
from kiosk_app.voice.prompter import RecordingPrompter

#: WCAG 2 level AAA contrast for normal text.
AAA_CONTRAST = 7.0


@pytest.fixture(scope="module")
def kiosk_window(
    qapp: QApplication, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[KioskWindow]:
    """One kiosk window for the module (building one takes a second or two); the application's
    look is put back after (the Accessibility object stays: later windows share it)."""
    access = Accessibility.of(qapp)
    base, scale = access.base, access.scale
    config = load_demo_config(data_dir=tmp_path_factory.mktemp("accessibility"))
    kiosk = build_window(qapp, config, services=open_services(config), voice=RecordingPrompter())
    kiosk.resize(1280, 800)
    kiosk.show()
    yield kiosk
    kiosk.shutdown()
    kiosk.languages.switch_to(Language.EN)
    kiosk.close()
    kiosk.deleteLater()
    access.reset()
    access.set_base(base, scale)


@pytest.fixture
def window(qapp: QApplication, kiosk_window: KioskWindow) -> Iterator[KioskWindow]:
    """The module's window on its home screen, in the standard look."""
    kiosk_window.go_home()
    yield kiosk_window
    Accessibility.of(qapp).reset()
    kiosk_window.go_home()
    kiosk_window.languages.switch_to(Language.EN)


def _screens(window: KioskWindow) -> list[QWidget]:
    return window.build_every_screen()


def _visible(root: QWidget, kind: type[QWidget]) -> list[QWidget]:
    return [w for w in root.findChildren(kind) if w.isVisible() and w.width() > 0]


def _luminance(rgb: int) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: int, b: int) -> float:
    """WCAG contrast ratio of two 0xRRGGBB colours."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_contrast(widget: QWidget) -> float:
    """Contrast between a widget's background (its commonest colour) and its strongest
    foreground colour (one covering at least 5 pixels) as rendered. A button's frame (border and
    rounded corners) is cut off first so that only its text counts."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    inset = 16 if isinstance(widget, QPushButton) else 0
    inner = image.copy(inset, inset, image.width() - 2 * inset, image.height() - 2 * inset)
    pixels = array("I", bytes(inner.constBits()))
    counts = Counter(p & 0xFFFFFF for p in pixels)
    background = counts.most_common(1)[0][0]
    foreground = [colour for colour, n in counts.items() if n >= 5 and colour != background]
    return max((contrast(background, colour) for colour in foreground), default=1.0)


def test_touch_target_size_follows_the_screen_density(qapp: QApplication) -> None:
    assert min_touch_px(None) == 57  # 15 mm at the documented 96-dpi assumption
    screen = qapp.primaryScreen()
    expected = 15 / 25.4 * max(screen.physicalDotsPerInch(), 1)
    assert min_touch_px(screen) == pytest.approx(expected, abs=1)
    assert ASSUMED_DPI == 96.0


def test_large_text_scales_every_pixel_font_size() -> None:
    sheet = "QLabel { font-size: 20px; } QPushButton { font-size : 31px; min-height: 90px; }"
    assert scale_lengths(sheet, 1.5, fonts_only=True) == (
        "QLabel { font-size: 30px; } QPushButton { font-size : 47px; min-height: 90px; }"
    )


def test_high_contrast_appends_its_variant_last() -> None:
    sheet = compose_stylesheet("QLabel { color: gray; }", DisplayMode(high_contrast=True))
    assert sheet.startswith("QLabel { color: gray; }")
    assert "#kioskRoot QPushButton" in sheet


@pytest.mark.parametrize("language", [Language.JA, Language.EN], ids=str)
def test_every_button_is_at_least_15_mm_in_every_mode(
    qapp: QApplication, window: KioskWindow, language: Language
) -> None:
    window.languages.switch_to(language)
    minimum = min_touch_px(window.screen())
    for mode in (DisplayMode(), DisplayMode(high_contrast=True, large_text=True)):
        Accessibility.of(qapp).set_mode(mode)
        for screen in _screens(window):
            window.stack.setCurrentWidget(screen)
            buttons = _visible(screen, QPushButton)
            assert buttons, screen.objectName()
            for button in buttons:
                where = f"{screen.objectName()}/{button.objectName()} in {mode}"
                assert button.width() >= minimum, (where, button.width(), minimum)
                assert button.height() >= minimum, (where, button.height(), minimum)


def _texts(screen: QWidget) -> list[QWidget]:
    buttons = [w for w in _visible(screen, QPushButton) if isinstance(w, QPushButton) and w.text()]
    return buttons + [w for w in _visible(screen, QLabel) if isinstance(w, QLabel) and w.text()]


def test_high_contrast_makes_every_text_aaa_readable(
    qtbot: QtBot, qapp: QApplication, window: KioskWindow
) -> None:
    standard_home = min(text_contrast(widget) for widget in _texts(window.home))
    access = Accessibility.of(qapp)
    with qtbot.waitSignal(access.changed):
        assert access.toggle_high_contrast() is True
    for screen in _screens(window):
        window.stack.setCurrentWidget(screen)
        widgets = _texts(screen)
        assert widgets
        for widget in widgets:
            ratio = text_contrast(widget)
            assert ratio >= AAA_CONTRAST, (screen.objectName(), widget.objectName(), ratio)
    window.stack.setCurrentWidget(window.home)
    high_home = min(text_contrast(widget) for widget in _texts(window.home))
    assert high_home > standard_home  # the measurement sees the difference
    assert _commonest_colour(window) == 0x000000  # the page itself is black, not only the texts


def _commonest_colour(widget: QWidget) -> int:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    pixels = array("I", bytes(image.constBits()))
    return Counter(p & 0xFFFFFF for p in pixels).most_common(1)[0][0]


def test_large_text_enlarges_fonts_and_reset_restores_them(
    qapp: QApplication, window: KioskWindow
) -> None:
    button = window.home.issue_button
    standard = button.font().pixelSize()
    access = Accessibility.of(qapp)
    assert access is Accessibility.of()
    assert access.toggle_large_text() is True
    qapp.processEvents()
    assert button.font().pixelSize() >= round(standard * 1.3)
    access.reset()
    qapp.processEvents()
    assert access.mode == DisplayMode()
    assert button.font().pixelSize() == standard


def test_the_toggles_switch_the_modes_and_show_their_state(
    qtbot: QtBot, qapp: QApplication, window: KioskWindow
) -> None:
    toggles = AccessibilityToggles()
    qtbot.addWidget(toggles)
    toggles.show()
    access = Accessibility.of(qapp)
    label = toggles.high_contrast_button.text()
    with qtbot.waitSignal(access.changed):
        qtbot.mouseClick(toggles.high_contrast_button, Qt.MouseButton.LeftButton)
    assert access.mode == DisplayMode(high_contrast=True)
    assert toggles.high_contrast_button.isChecked()
    assert toggles.high_contrast_button.text() == f"✓ {label}"
    qtbot.mouseClick(toggles.large_text_button, Qt.MouseButton.LeftButton)
    assert access.mode == DisplayMode(high_contrast=True, large_text=True)
    access.reset()  # the return home
    assert not toggles.high_contrast_button.isChecked()
    assert not toggles.large_text_button.isChecked()
    assert toggles.high_contrast_button.text() == label
    assert not toggles.large_text_button.text().startswith("✓")
    assert toggles.high_contrast_button.height() >= min_touch_px(toggles.screen())
