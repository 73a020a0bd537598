"""The simulator panel opens beside the kiosk window, within the screen (no window manager)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk_app.window_placement import GAP, panel_position, place_beside

SCREEN = QRect(0, 0, 1920, 1080)
PANEL = QSize(520, 900)


@pytest.mark.parametrize(
    ("window", "screen", "expected"),
    [
        # room on the right (make run on a full HD Xvfb): right of the window, same top
        (QRect(0, 0, 1280, 800), SCREEN, QPoint(1280 + GAP, 0)),
        # window pushed right: left of it
        (QRect(600, 100, 1280, 800), SCREEN, QPoint(600 - GAP - 520, 100)),
        # no room either side: against the screen's right edge, top clamped so it fits
        (QRect(0, 300, 1280, 800), QRect(0, 0, 1400, 1000), QPoint(1400 - 520, 100)),
        # a screen that does not start at the origin (a second monitor)
        (QRect(1920, 0, 1280, 800), QRect(1920, 0, 1920, 1080), QPoint(1920 + 1280 + GAP, 0)),
    ],
)
def test_the_panel_goes_beside_the_window_within_the_screen(
    window: QRect, screen: QRect, expected: QPoint
) -> None:
    position = panel_position(window, PANEL, screen)
    assert position == expected
    placed = QRect(position, PANEL)
    assert screen.contains(placed)
    if screen.width() >= window.width() + GAP + PANEL.width():
        assert not placed.intersects(window)


def test_a_shown_panel_is_moved_off_the_kiosk_window(qtbot: QtBot) -> None:
    kiosk, panel = QWidget(), QWidget()
    qtbot.addWidget(kiosk)
    qtbot.addWidget(panel)
    area = kiosk.screen().availableGeometry()
    kiosk.setGeometry(area.x(), area.y(), area.width() // 2, area.height() // 2)
    panel.resize(area.width() // 4, area.height() // 4)
    kiosk.show()
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.frameGeometry().intersects(kiosk.frameGeometry())  # both at the origin

    place_beside(panel, kiosk)

    assert not panel.frameGeometry().intersects(kiosk.frameGeometry())
    assert area.contains(panel.frameGeometry())
