"""The inactivity monitor: its countdown is exact and only a person's input restarts it."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

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
