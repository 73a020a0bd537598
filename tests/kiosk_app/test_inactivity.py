"""The inactivity monitor: its countdown is exact, a touch or a key restarts it, nothing else."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk_app.inactivity import InactivityMonitor


@pytest.fixture
def monitor(qapp: QApplication) -> Iterator[InactivityMonitor]:
    watcher = InactivityMonitor(qapp)
    yield watcher
    watcher.disarm()
    watcher.deleteLater()


def test_the_time_left_never_exceeds_the_time_armed(monitor: InactivityMonitor) -> None:
    """The more-time prompt shows ceil(time left): 12 s armed must never read as 13 s, at
    whatever phase of the clock the countdown starts (a coarse timer rounds it up to 5 %)."""
    for _ in range(40):
        phase = time.monotonic() + 0.0137  # a different millisecond phase for each start
        while time.monotonic() < phase:
            pass
        monitor.arm(12_000)
        assert 11_900 <= monitor.remaining_ms() <= 12_000


@pytest.fixture
def screen(qtbot: QtBot) -> QWidget:
    """A shown top-level window with a field to type in, as a kiosk screen."""
    window = QWidget()
    field = QLineEdit()
    field.setObjectName("field")
    QVBoxLayout(window).addWidget(field)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _finger() -> QPointingDevice:
    return QPointingDevice(
        "touchscreen",
        1,
        QPointingDevice.DeviceType.TouchScreen,
        QPointingDevice.PointerType.Finger,
        QPointingDevice.Capability.Position,
        10,
        0,
    )


def test_a_touch_restarts_the_countdown(
    qtbot: QtBot, monitor: InactivityMonitor, screen: QWidget
) -> None:
    monitor.arm(60_000)
    finger = _finger()
    with qtbot.waitSignal(monitor.activity, timeout=2_000):
        QTest.touchEvent(screen, finger).press(0, QPoint(5, 5)).commit()
    QTest.touchEvent(screen, finger).release(0, QPoint(5, 5)).commit()
    assert monitor.armed


def test_a_key_restarts_the_countdown(
    qtbot: QtBot, monitor: InactivityMonitor, screen: QWidget
) -> None:
    monitor.arm(60_000)
    window = screen.windowHandle()
    assert window is not None
    with qtbot.waitSignal(monitor.activity, timeout=2_000):
        QTest.keyClick(window, Qt.Key.Key_5)
    assert monitor.armed


class _CountingMonitor(InactivityMonitor):
    """Counts the events handed to the monitor's Python filter."""

    filtered = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.filtered += 1
        return super().eventFilter(watched, event)


def test_repaints_are_no_activity_and_barely_reach_the_monitor(
    qtbot: QtBot, qapp: QApplication, screen: QWidget
) -> None:
    """Only input counts; the screen's own events (an application-wide filter saw about 44 a
    repaint, each a call into Python) mostly do not even reach the monitor."""
    monitor = _CountingMonitor(qapp)
    try:
        monitor.arm(60_000)
        field = screen.findChild(QLineEdit, "field")
        assert field is not None
        with qtbot.assertNotEmitted(monitor.activity, wait=50):
            for n in range(20):
                field.setText(f"{n} s left")
                field.repaint()
        assert monitor.filtered < 20
    finally:
        monitor.disarm()
        monitor.deleteLater()


def test_after_the_time_out_input_is_not_watched(
    qtbot: QtBot, monitor: InactivityMonitor, screen: QWidget
) -> None:
    with qtbot.waitSignal(monitor.timed_out, timeout=2_000):
        monitor.arm(10)
    window = screen.windowHandle()
    assert window is not None
    with qtbot.assertNotEmitted(monitor.activity, wait=50):
        QTest.keyClick(window, Qt.Key.Key_5)
    assert not monitor.armed


def test_a_window_shown_while_armed_is_watched_from_the_next_arm(
    qtbot: QtBot, monitor: InactivityMonitor, screen: QWidget
) -> None:
    """The kiosk shows no top-level window after its own (the staff pad and panel are children
    of it); a later one (the demo simulator's list popup, opened by a press on its watched
    panel) counts from the next screen's arm."""
    monitor.arm(60_000)
    later = QWidget()
    qtbot.addWidget(later)
    later.show()
    qtbot.waitExposed(later)
    window = later.windowHandle()
    assert window is not None
    monitor.arm(60_000)
    with qtbot.waitSignal(monitor.activity, timeout=2_000):
        QTest.keyClick(window, Qt.Key.Key_5)
