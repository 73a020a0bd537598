"""Application-wide inactivity detection from touch, mouse and key events."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

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

    Install it on the QApplication; ``arm`` starts watching (per screen) and ``disarm`` stops.
    """

    #: Emitted once when the armed period passes with no activity.
    timed_out = Signal()
    #: Emitted on each person's input while armed.
    activity = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)

    @property
    def armed(self) -> bool:
        """True while counting down."""
        return self._timer.isActive()

    def arm(self, timeout_ms: int) -> None:
        """Start (or restart) the countdown."""
        self._timer.start(timeout_ms)

    def disarm(self) -> None:
        """Stop the countdown."""
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() in _ACTIVITY_EVENTS and self._timer.isActive():
            self._timer.start()
            self.activity.emit()
        return False

    def _on_timer_timeout(self) -> None:
        self.timed_out.emit()
