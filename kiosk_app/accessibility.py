"""Display modes for people who need them (high contrast, large text) and the touch-target rule.

The home screen shows ``AccessibilityToggles`` (or calls ``Accessibility.of().set_high_contrast``
and ``set_large_text`` itself); the return to the home screen calls
``Accessibility.of().reset()`` so that every session starts in the standard look. The modes
restyle the whole application: high contrast appends ``resources/style/high_contrast.qss``
(yellow and white on black) to the application's stylesheet, large text scales every
``font-size: Npx`` in it by ``LARGE_TEXT_SCALE``.

The stylesheets are designed at 96 dpi. At start-up ``kiosk_app.app.style_application`` scales
every pixel length in them by ``ui_scale_factor`` (the panel's physical DPI / 96, or the
configured ``[kiosk] ui_scale``) so that buttons keep their physical size — at least
``MIN_TOUCH_MM`` — on a dense panel; the modes apply on top of that scaled look.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QHBoxLayout, QPushButton, QWidget

from kiosk_app.config import MAX_UI_SCALE
from kiosk_app.paths import resources_dir

log = logging.getLogger(__name__)

#: The smallest touch target, edge to edge (common kiosk and ISO 9241-9 guidance: 15–20 mm).
MIN_TOUCH_MM = 15.0
#: The density the stylesheets are designed at, and the one assumed when a screen does not
#: report its physical size (Qt's logical default).
ASSUMED_DPI = 96.0
#: Large-text mode multiplies every stylesheet font size by this.
LARGE_TEXT_SCALE = 1.3
#: The properties whose pixel lengths are font sizes (what large-text mode scales).
FONT_PROPERTIES = frozenset({"font-size", "font"})
#: A pixel length in a stylesheet: ``22px``, ``1.5px``, ``-2px`` (not part of a longer name).
_PX_LENGTH = re.compile(r"(?<![\w.#-])(-?\d+(?:\.\d+)?)px\b")


class PhysicalScreen(Protocol):
    """What the density functions need of a ``QScreen`` (a fake in tests)."""

    def physicalDotsPerInch(self) -> float:  # noqa: N802 (Qt API)
        """Pixels per inch of the panel, from the physical size it reports."""
        ...


def physical_dpi(screen: PhysicalScreen | None) -> float | None:
    """The physical DPI ``screen`` reports, or None without a screen or a usable value."""
    dpi = screen.physicalDotsPerInch() if screen is not None else math.nan
    return dpi if math.isfinite(dpi) and dpi > 0 else None


def touch_px(dpi: float) -> int:
    """MIN_TOUCH_MM in pixels at ``dpi``."""
    return math.ceil(MIN_TOUCH_MM / 25.4 * dpi)


def min_touch_px(screen: QScreen | None = None) -> int:
    """MIN_TOUCH_MM in pixels on ``screen`` (its physical DPI), or at ASSUMED_DPI without one."""
    return touch_px(physical_dpi(screen) or ASSUMED_DPI)


def ui_scale_factor(screen: PhysicalScreen | None, configured: float = 0.0) -> float:
    """How much to enlarge the 96-dpi stylesheets on ``screen``.

    ``configured`` (``[kiosk] ui_scale``) wins when not 0; otherwise the screen's physical DPI
    / 96. Never below 1.0 (a coarse panel keeps the designed sizes) nor above MAX_UI_SCALE;
    1.0 when the screen reports no usable physical size.
    """
    if configured > 0:
        factor = configured
    else:
        dpi = physical_dpi(screen)
        factor = dpi / ASSUMED_DPI if dpi is not None else 1.0
    return min(max(factor, 1.0), MAX_UI_SCALE)


def _half_up(value: float) -> int:
    """``value`` rounded to the nearest integer, halves away from zero."""
    return int(math.copysign(math.floor(abs(value) + 0.5), value))


def _property_at(stylesheet: str, position: int) -> str:
    """The name of the declaration ``position`` lies in (``padding`` for ``padding: 8px``)."""
    start = max(stylesheet.rfind(";", 0, position), stylesheet.rfind("{", 0, position)) + 1
    name = stylesheet[start:position].rpartition(":")[0].split()
    return name[-1].lower() if name else ""


def scale_lengths(stylesheet: str, factor: float, fonts_only: bool = False) -> str:
    """``stylesheet`` with every ``Npx`` length (only font sizes if ``fonts_only``) multiplied
    by ``factor`` and rounded to whole pixels; a length that was not 0 stays at least 1 px.
    Other units and everything else are left as they are; factor 1.0 changes nothing."""
    if factor == 1.0:
        return stylesheet

    def scaled(match: re.Match[str]) -> str:
        if fonts_only and _property_at(stylesheet, match.start()) not in FONT_PROPERTIES:
            return match.group(0)
        length = float(match.group(1))
        pixels = _half_up(length * factor)
        if pixels == 0 and length != 0:
            pixels = 1 if length > 0 else -1
        return f"{pixels}px"

    return _PX_LENGTH.sub(scaled, stylesheet)


@dataclass(frozen=True)
class DisplayMode:
    """Which accessibility modes are on."""

    high_contrast: bool = False
    large_text: bool = False
    #: The pictures stand still (no animation).
    reduce_motion: bool = False


def compose_stylesheet(
    base: str, mode: DisplayMode, style_dir: Path | None = None, scale: float = 1.0
) -> str:
    """The application stylesheet for ``mode``, built on the standard ``base`` stylesheet and
    scaled by ``scale`` (see ``ui_scale_factor``); large text scales the fonts on top."""
    sheet = base
    if mode.high_contrast:
        contrast = ((style_dir or resources_dir() / "style") / "high_contrast.qss").read_text(
            encoding="utf-8"
        )
        sheet = f"{sheet}\n{contrast}"
    sheet = scale_lengths(sheet, scale)
    if mode.large_text:
        sheet = scale_lengths(sheet, LARGE_TEXT_SCALE, fonts_only=True)
    return sheet


class Accessibility(QObject):
    """Switches the application's display modes; one per application (see ``of``)."""

    #: Emitted after the modes changed and the new stylesheet is applied.
    changed = Signal()

    def __init__(self, app: QApplication, style_dir: Path | None = None) -> None:
        super().__init__(app)
        self.setObjectName("accessibility")
        self._app = app
        self._base = app.styleSheet()
        self._scale = 1.0
        self._style_dir = style_dir
        self._mode = DisplayMode()

    @classmethod
    def of(cls, app: QApplication | None = None) -> Accessibility:
        """The application's Accessibility, made on first use (the current stylesheet is the
        standard look until ``set_base``; ``kiosk_app.app.style_application`` calls that)."""
        instance = app if app is not None else QApplication.instance()
        if not isinstance(instance, QApplication):
            raise RuntimeError("a QApplication must exist before using accessibility modes")
        found = instance.findChild(cls, "accessibility")
        return found if isinstance(found, cls) else cls(instance)

    @property
    def mode(self) -> DisplayMode:
        """The modes now on."""
        return self._mode

    @property
    def base(self) -> str:
        """The standard stylesheet as designed (at 96 dpi, before scaling)."""
        return self._base

    @property
    def scale(self) -> float:
        """The factor the standard stylesheet is enlarged by on this panel."""
        return self._scale

    def set_base(self, stylesheet: str, scale: float = 1.0) -> None:
        """Make ``stylesheet`` (designed at 96 dpi), enlarged by ``scale``, the standard look
        and restyle the application in the current mode."""
        self._base = stylesheet
        self._scale = scale
        self._app.setStyleSheet(self._compose(self._mode))

    def set_mode(self, mode: DisplayMode) -> None:
        """Switch to ``mode`` and restyle the application (nothing happens if it is current;
        only reduce motion changed: no restyle)."""
        if mode == self._mode:
            return
        if replace(mode, reduce_motion=self._mode.reduce_motion) != self._mode:
            self._app.setStyleSheet(self._compose(mode))
        self._mode = mode
        log.info(
            "display mode: high contrast %s, large text %s, reduce motion %s",
            mode.high_contrast,
            mode.large_text,
            mode.reduce_motion,
        )
        self.changed.emit()

    def _compose(self, mode: DisplayMode) -> str:
        return compose_stylesheet(self._base, mode, self._style_dir, self._scale)

    def set_high_contrast(self, on: bool) -> None:
        """High contrast on or off."""
        self.set_mode(replace(self._mode, high_contrast=on))

    def set_large_text(self, on: bool) -> None:
        """Large text on or off."""
        self.set_mode(replace(self._mode, large_text=on))

    def set_reduce_motion(self, on: bool) -> None:
        """Reduce motion on or off (the pictures stop or start moving)."""
        self.set_mode(replace(self._mode, reduce_motion=on))

    def toggle_high_contrast(self) -> bool:
        """Flip high contrast; returns the new state (for a checkable button)."""
        self.set_high_contrast(not self._mode.high_contrast)
        return self._mode.high_contrast

    def toggle_large_text(self) -> bool:
        """Flip large text; returns the new state."""
        self.set_large_text(not self._mode.large_text)
        return self._mode.large_text

    def reset(self) -> None:
        """Back to the standard look (every session starts in it)."""
        self.set_mode(DisplayMode())


class AccessibilityToggles(QWidget):
    """The home screen's touch toggles: high contrast, large text, reduce motion (✓ marks "on").

    Put it on the home screen; the return home calls ``Accessibility.of().reset()``.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accessibilityToggles")
        self._access = Accessibility.of()
        self.high_contrast_button = self._toggle("highContrastButton")
        self.high_contrast_button.clicked.connect(self._access.set_high_contrast)
        self.large_text_button = self._toggle("largeTextButton")
        self.large_text_button.clicked.connect(self._access.set_large_text)
        self.reduce_motion_button = self._toggle("reduceMotionButton")
        self.reduce_motion_button.clicked.connect(self._access.set_reduce_motion)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.high_contrast_button)
        row.addWidget(self.large_text_button)
        row.addWidget(self.reduce_motion_button)
        self._access.changed.connect(self._on_mode_changed)
        self.retranslate()

    @staticmethod
    def _toggle(name: str) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.setProperty("role", "toggle")
        button.setCheckable(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return button

    def retranslate(self) -> None:
        """Apply the texts of the current language and the modes' state."""
        mode = self._access.mode
        for button, on, text in (
            (self.high_contrast_button, mode.high_contrast, self.tr("High contrast")),
            (self.large_text_button, mode.large_text, self.tr("Large text")),
            (self.reduce_motion_button, mode.reduce_motion, self.tr("Reduce motion")),
        ):
            button.setChecked(on)
            button.setText(f"✓ {text}" if on else text)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_mode_changed(self) -> None:
        self.retranslate()
