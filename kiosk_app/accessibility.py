"""Display modes for people who need them (high contrast, large text) and the touch-target rule.

The home screen shows ``AccessibilityToggles`` (or calls ``Accessibility.of().set_high_contrast``
and ``set_large_text`` itself); the return to the home screen calls
``Accessibility.of().reset()`` so that every session starts in the standard look. The modes
restyle the whole application: high contrast appends ``resources/style/high_contrast.qss``
(yellow and white on black) to the application's stylesheet, large text scales every
``font-size: Npx`` in it by ``LARGE_TEXT_SCALE``.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QHBoxLayout, QPushButton, QWidget

from kiosk_app.paths import resources_dir

log = logging.getLogger(__name__)

#: The smallest touch target, edge to edge (common kiosk and ISO 9241-9 guidance: 15–20 mm).
MIN_TOUCH_MM = 15.0
#: The density assumed when a screen does not report its physical size (Qt's logical default).
ASSUMED_DPI = 96.0
#: Large-text mode multiplies every stylesheet font size by this.
LARGE_TEXT_SCALE = 1.3
_FONT_SIZE = re.compile(r"(font-size\s*:\s*)(\d+(?:\.\d+)?)px")


def min_touch_px(screen: QScreen | None = None) -> int:
    """MIN_TOUCH_MM in pixels on ``screen`` (its physical DPI), or at ASSUMED_DPI without one."""
    dpi = screen.physicalDotsPerInch() if screen is not None else ASSUMED_DPI
    if not math.isfinite(dpi) or dpi <= 0:
        dpi = ASSUMED_DPI
    return math.ceil(MIN_TOUCH_MM / 25.4 * dpi)


def scale_font_sizes(stylesheet: str, factor: float) -> str:
    """``stylesheet`` with every pixel ``font-size`` multiplied by ``factor`` (rounded)."""
    return _FONT_SIZE.sub(
        lambda m: f"{m.group(1)}{round(float(m.group(2)) * factor)}px", stylesheet
    )


@dataclass(frozen=True)
class DisplayMode:
    """Which accessibility modes are on."""

    high_contrast: bool = False
    large_text: bool = False


def compose_stylesheet(base: str, mode: DisplayMode, style_dir: Path | None = None) -> str:
    """The application stylesheet for ``mode``, built on the standard ``base`` stylesheet."""
    sheet = base
    if mode.high_contrast:
        contrast = ((style_dir or resources_dir() / "style") / "high_contrast.qss").read_text(
            encoding="utf-8"
        )
        sheet = f"{sheet}\n{contrast}"
    if mode.large_text:
        sheet = scale_font_sizes(sheet, LARGE_TEXT_SCALE)
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
        self._style_dir = style_dir
        self._mode = DisplayMode()

    @classmethod
    def of(cls, app: QApplication | None = None) -> Accessibility:
        """The application's Accessibility, made on first use (the current stylesheet is the
        standard look, so make it after the kiosk stylesheet is set)."""
        instance = app if app is not None else QApplication.instance()
        if not isinstance(instance, QApplication):
            raise RuntimeError("a QApplication must exist before using accessibility modes")
        found = instance.findChild(cls, "accessibility")
        return found if isinstance(found, cls) else cls(instance)

    @property
    def mode(self) -> DisplayMode:
        """The modes now on."""
        return self._mode

    def set_mode(self, mode: DisplayMode) -> None:
        """Switch to ``mode`` and restyle the application (nothing happens if it is current)."""
        if mode == self._mode:
            return
        self._app.setStyleSheet(compose_stylesheet(self._base, mode, self._style_dir))
        self._mode = mode
        log.info(
            "display mode: high contrast %s, large text %s", mode.high_contrast, mode.large_text
        )
        self.changed.emit()

    def set_high_contrast(self, on: bool) -> None:
        """High contrast on or off."""
        self.set_mode(replace(self._mode, high_contrast=on))

    def set_large_text(self, on: bool) -> None:
        """Large text on or off."""
        self.set_mode(replace(self._mode, large_text=on))

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
    """The home screen's two touch toggles: high contrast and large text (a ✓ marks "on").

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
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.high_contrast_button)
        row.addWidget(self.large_text_button)
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
        ):
            button.setChecked(on)
            button.setText(f"✓ {text}" if on else text)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_mode_changed(self) -> None:
        self.retranslate()
