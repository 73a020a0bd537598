"""Where the demo's simulator panel goes: beside the kiosk window and within the screen.

Without a window manager (Xvfb, a bare X session) every new window opens at the screen's
origin, so the panel would cover the kiosk window; its place is therefore computed, not left to
a window manager that may not be there.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

#: Pixels between the kiosk window and the panel.
GAP = 8


def panel_position(window: QRect, panel: QSize, screen: QRect) -> QPoint:
    """The panel's top-left corner: right of the window if it fits on the screen, else left of
    it, else against the screen's right edge (covering as little of the window as it can)."""
    right = window.x() + window.width() + GAP
    left = window.x() - GAP - panel.width()
    screen_end = screen.x() + screen.width()
    if right + panel.width() <= screen_end:
        x = right
    elif left >= screen.x():
        x = left
    else:
        x = screen_end - panel.width()
    y = min(max(window.y(), screen.y()), screen.y() + screen.height() - panel.height())
    return QPoint(max(x, screen.x()), max(y, screen.y()))


def place_beside(panel: QWidget, window: QWidget) -> None:
    """Move (and if need be shrink) ``panel`` so that it sits beside ``window`` on its screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    area = screen.availableGeometry()
    size = panel.frameGeometry().size() if panel.isVisible() else panel.sizeHint()
    fitted = size.boundedTo(area.size())
    if fitted != size:
        panel.resize(panel.size().boundedTo(fitted))
    panel.move(panel_position(window.frameGeometry(), fitted, area))
