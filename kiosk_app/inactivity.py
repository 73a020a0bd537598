"""Application-wide inactivity detection from touch, mouse and key events."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QWindow

_ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseMove,
        QEvent.Type.KeyPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.Wheel,
    }
)


class InactivityMonitor(QObject):
    """Emits ``timed_out`` when no person has touched the kiosk for ``timeout_ms``.

    ``arm`` starts watching the input (per screen) and ``disarm`` stops. It watches the
    top-level windows (QWindow), where the platform delivers every touch, mouse and key event
    once, and not the application: an application filter passed every event of every object
    (paints, timers, layouts, queued signals: about 44 per repaint) through Python, a sixth of
    the GUI thread's time in a session. On the idle home screen nothing is watched.
    """

    #: Emitted once when the armed period passes with no activity.
    timed_out = Signal()
    #: Emitted on each person's input while armed.
    activity = Signal()

    def __init__(self, app: QGuiApplication) -> None:
        super().__init__(app)
        self._app = app
        self._watched: list[QWindow] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        # Precise: a coarse timer may be set up to 5 % late (12 s became 12.4 s), and the
        # more-time prompt shows the seconds left: it said "13 s left" for a 12 s prompt.
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timer_timeout)

    @property
    def armed(self) -> bool:
        """True while counting down."""
        return self._timer.isActive()

    def arm(self, timeout_ms: int) -> None:
        """Start (or restart) the countdown; windows shown since the last arm are watched too."""
        self._timer.start(timeout_ms)
        for window in self._app.topLevelWindows():
            if window not in self._watched:
                window.installEventFilter(self)
                self._watched.append(window)

    def remaining_ms(self) -> int:
        """Milliseconds left before ``timed_out`` (-1 when not armed)."""
        return self._timer.remainingTime() if self._timer.isActive() else -1

    def disarm(self) -> None:
        """Stop the countdown."""
        self._timer.stop()
        self._stop_watching()

    def _stop_watching(self) -> None:
        watched, self._watched = self._watched, []
        for window in watched:
            if shiboken6.isValid(window):
                window.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() in _ACTIVITY_EVENTS and self._timer.isActive():
            self._timer.start()
            self.activity.emit()
        return False

    def _on_timer_timeout(self) -> None:
        self._stop_watching()
        self.timed_out.emit()
