"""Application-wide inactivity detection from touch, mouse and key events."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal

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

    ``arm`` starts watching the application's input (per screen) and ``disarm`` stops. It
    filters the application's events only while armed: on the idle home screen no event
    passes through Python, and the home screen shows without that cost.
    """

    #: Emitted once when the armed period passes with no activity.
    timed_out = Signal()
    #: Emitted on each person's input while armed.
    activity = Signal()

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self._app = app
        self._watching = False
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
        """Start (or restart) the countdown."""
        self._timer.start(timeout_ms)
        if not self._watching:
            self._app.installEventFilter(self)
            self._watching = True

    def remaining_ms(self) -> int:
        """Milliseconds left before ``timed_out`` (-1 when not armed)."""
        return self._timer.remainingTime() if self._timer.isActive() else -1

    def disarm(self) -> None:
        """Stop the countdown."""
        self._timer.stop()
        self._stop_watching()

    def _stop_watching(self) -> None:
        if self._watching:
            self._app.removeEventFilter(self)
            self._watching = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() in _ACTIVITY_EVENTS and self._timer.isActive():
            self._timer.start()
            self.activity.emit()
        return False

    def _on_timer_timeout(self) -> None:
        self._stop_watching()
        self.timed_out.emit()
