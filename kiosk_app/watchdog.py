"""systemd readiness and watchdog: READY=1 once started, WATCHDOG=1 from a GUI-thread timer.

The kiosk runs as cage's child in ``shomei-kiosk.service`` (Type=notify, NotifyAccess=all,
WatchdogSec=): if the Qt event loop hangs, the timer stops, the pings stop and systemd restarts
the session. The notify protocol is one datagram per message to ``$NOTIFY_SOCKET`` (see
sd_notify(3)); it is small enough to speak directly, without a dependency.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)


class SystemdNotifier:
    """Sends sd_notify(3) messages to ``$NOTIFY_SOCKET``; does nothing when it is unset."""

    def __init__(self, socket_path: str | None) -> None:
        self._address = _socket_address(socket_path) if socket_path else None
        self._warned = False

    @property
    def enabled(self) -> bool:
        """True if there is a service manager to tell."""
        return self._address is not None

    def notify(self, message: str) -> bool:
        """Send ``message`` (e.g. ``"READY=1"``); False if not sent (logged once, never raised)."""
        if self._address is None:
            return False
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
                sock.sendto(message.encode("utf-8"), self._address)
        except OSError as exc:
            if not self._warned:
                log.warning("cannot notify systemd (%s): %s", message.split("=")[0], exc)
                self._warned = True
            return False
        return True


def _socket_address(path: str) -> str | bytes:
    """A Linux abstract socket is written ``@name`` and addressed with a leading NUL byte."""
    if path.startswith("@"):
        return b"\0" + path[1:].encode("utf-8")
    return path


def watchdog_interval(env: Mapping[str, str], pid: int, parent_pid: int) -> float | None:
    """Seconds between pings (half of WatchdogSec), or None if no watchdog is asked of us.

    systemd addresses ``WATCHDOG_PID`` to the service's main process; on the kiosk that is cage
    and we are its child (the unit has NotifyAccess=all), so the parent's pid counts as ours.
    """
    usec = env.get("WATCHDOG_USEC", "")
    if not usec.isdigit() or int(usec) == 0:
        return None
    target = env.get("WATCHDOG_PID", "")
    if target and target.isdigit() and int(target) not in (pid, parent_pid):
        return None
    return int(usec) / 2_000_000


class Watchdog(QObject):
    """Tells systemd the kiosk is ready, then pings it from the GUI thread until stopped."""

    def __init__(
        self, notifier: SystemdNotifier, interval: float | None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._notifier = notifier
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._on_timeout)
        if interval is not None:
            self._timer.setInterval(max(1, round(interval * 1000)))
        self._interval = interval

    @property
    def pinging(self) -> bool:
        """True while watchdog pings are being sent."""
        return self._timer.isActive()

    def start(self, status: str) -> None:
        """Send READY=1 with a status line and start pinging if systemd asked for a watchdog."""
        self._notifier.notify(f"READY=1\nSTATUS={status}")
        if self._interval is not None and self._notifier.enabled:
            self._notifier.notify("WATCHDOG=1")
            self._timer.start()
            log.info("systemd watchdog: pinging every %.1f s", self._interval)

    def stop(self) -> None:
        """Stop pinging and tell systemd the kiosk is shutting down."""
        self._timer.stop()
        self._notifier.notify("STOPPING=1")

    def _on_timeout(self) -> None:
        self._notifier.notify("WATCHDOG=1")


def watchdog_from_environment(parent: QObject | None = None) -> Watchdog:
    """A Watchdog set up from ``$NOTIFY_SOCKET``, ``$WATCHDOG_USEC`` and ``$WATCHDOG_PID``."""
    notifier = SystemdNotifier(os.environ.get("NOTIFY_SOCKET"))
    interval = watchdog_interval(os.environ, os.getpid(), os.getppid())
    return Watchdog(notifier, interval, parent)
