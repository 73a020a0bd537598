"""Clean shutdown on SIGTERM/SIGINT while the Qt event loop runs."""

from __future__ import annotations

import logging
import signal
import socket

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier

log = logging.getLogger(__name__)


class SignalQuitter(QObject):
    """Wakes the Qt event loop on SIGTERM/SIGINT (via a wakeup fd) and quits the application."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self._app = app
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._previous = {
            sig: signal.signal(sig, self._on_signal) for sig in (signal.SIGTERM, signal.SIGINT)
        }
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_wakeup)
        self._received: int | None = None

    def restore(self) -> None:
        """Put back the previous signal handlers and close the wakeup pair."""
        self._notifier.setEnabled(False)
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
        signal.set_wakeup_fd(self._previous_fd)
        self._reader.close()
        self._writer.close()

    def _on_signal(self, signum: int, _frame: object) -> None:
        self._received = signum

    def _on_wakeup(self) -> None:
        try:
            self._reader.recv(64)
        except BlockingIOError:
            return
        if self._received is not None:
            log.info("received %s: shutting down", signal.Signals(self._received).name)
            self._app.quit()
