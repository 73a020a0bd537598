"""The systemd watchdog: messages on a fake NOTIFY_SOCKET, from the unit and the real kiosk."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk_app.watchdog import SystemdNotifier, Watchdog, watchdog_interval

SOURCE = Path(__file__).resolve().parents[2]


class FakeNotifySocket:
    """A unix datagram socket standing in for systemd's notify socket."""

    def __init__(self, sock: socket.socket, address: str) -> None:
        self.sock = sock
        self.address = address

    def messages(self) -> list[str]:
        """Every datagram received so far, without waiting."""
        received = []
        while True:
            try:
                received.append(self.sock.recv(4096).decode())
            except BlockingIOError:
                return received

    def wait_for(
        self, message: str, timeout: float, sender: subprocess.Popen[str] | None = None
    ) -> list[str]:
        """Datagrams up to and including the first containing ``message`` (blocking, bounded).

        Fails at once if the ``sender`` process has exited meanwhile.
        """
        received: list[str] = []
        deadline = time.monotonic() + timeout
        self.sock.settimeout(0.1)
        try:
            while not any(message in m for m in received):
                if sender is not None and sender.poll() is not None:
                    raise AssertionError(
                        f"the sender exited ({sender.returncode}) before {message}"
                    )
                if time.monotonic() > deadline:
                    raise AssertionError(f"no {message} within {timeout} s; got {received}")
                try:
                    received.append(self.sock.recv(4096).decode())
                except TimeoutError:
                    continue
        finally:
            self.sock.setblocking(False)
        return received


@pytest.fixture
def notify_socket() -> Iterator[FakeNotifySocket]:
    """A bound datagram socket under a short tmp dir (unix socket paths are limited)."""
    with tempfile.TemporaryDirectory(prefix="sdn") as directory:
        path = str(Path(directory) / "notify")
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.bind(path)
            sock.setblocking(False)
            yield FakeNotifySocket(sock, path)


def test_ready_then_pings_from_the_event_loop(
    qtbot: QtBot, notify_socket: FakeNotifySocket
) -> None:
    watchdog = Watchdog(SystemdNotifier(notify_socket.address), interval=0.02)
    watchdog.start("kiosk DEMO ready")
    received: list[str] = []

    def three_pings() -> bool:
        received.extend(notify_socket.messages())
        return received.count("WATCHDOG=1") >= 3

    qtbot.waitUntil(three_pings, timeout=2000)
    watchdog.stop()
    received.extend(notify_socket.messages())
    assert received[0] == "READY=1\nSTATUS=kiosk DEMO ready"
    assert received[-1] == "STOPPING=1"
    assert not watchdog.pinging


def test_a_blocked_gui_thread_sends_no_pings(qtbot: QtBot, notify_socket: FakeNotifySocket) -> None:
    watchdog = Watchdog(SystemdNotifier(notify_socket.address), interval=0.02)
    watchdog.start("ready")
    qtbot.waitUntil(lambda: "WATCHDOG=1" in notify_socket.messages(), timeout=2000)
    time.sleep(0.3)  # the event loop is stuck: this is the hang the watchdog exists to catch
    assert notify_socket.messages() == []
    qtbot.waitUntil(lambda: "WATCHDOG=1" in notify_socket.messages(), timeout=2000)
    watchdog.stop()


def test_abstract_socket_address(qtbot: QtBot) -> None:
    name = f"shomei-test-{os.getpid()}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind(b"\0" + name.encode())
        assert SystemdNotifier("@" + name).notify("READY=1")
        assert sock.recv(100) == b"READY=1"


def test_no_manager_means_ready_only_and_no_timer(qtbot: QtBot) -> None:
    notifier = SystemdNotifier(None)
    watchdog = Watchdog(notifier, interval=0.02)
    watchdog.start("ready")
    assert not notifier.enabled
    assert not watchdog.pinging
    watchdog.stop()


def test_a_vanished_socket_is_logged_once_and_never_raises(
    caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    notifier = SystemdNotifier(str(tmp_path / "gone"))
    assert not notifier.notify("READY=1")
    assert not notifier.notify("WATCHDOG=1")
    warnings = [r for r in caplog.records if "cannot notify systemd" in r.getMessage()]
    assert len(warnings) == 1


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"WATCHDOG_USEC": "30000000"}, 15.0),
        ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "100"}, 15.0),  # we are the main process
        ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "99"}, 15.0),  # cage, our parent
        ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "7"}, None),  # meant for someone else
        ({"WATCHDOG_USEC": "0"}, None),
        ({"WATCHDOG_USEC": "soon"}, None),
        ({}, None),
    ],
)
def test_watchdog_interval_is_half_of_watchdog_sec(
    env: dict[str, str], expected: float | None
) -> None:
    assert watchdog_interval(env, pid=100, parent_pid=99) == expected


def test_the_real_kiosk_notifies_ready_pings_and_stopping(
    notify_socket: FakeNotifySocket, tmp_path: Path
) -> None:
    """shomei-kiosk --demo as systemd would start it, then SIGTERM as `systemctl stop` does."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "NOTIFY_SOCKET": notify_socket.address,
        "WATCHDOG_USEC": "100000",
        "HOME": str(tmp_path),
    }
    kiosk = subprocess.Popen(
        [sys.executable, "-m", "kiosk_app", "--demo"],
        cwd=SOURCE,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        received = notify_socket.wait_for("READY=1", timeout=60, sender=kiosk)
        assert received[0].startswith("READY=1\nSTATUS=")
        pings = notify_socket.wait_for("WATCHDOG=1", timeout=5, sender=kiosk)
        pings += notify_socket.wait_for("WATCHDOG=1", timeout=5, sender=kiosk)
        assert pings.count("WATCHDOG=1") >= 2
        kiosk.send_signal(signal.SIGTERM)
        assert "STOPPING=1" in notify_socket.wait_for("STOPPING=1", timeout=30)
        assert kiosk.wait(timeout=30) == 0
    finally:
        if kiosk.poll() is None:
            kiosk.kill()
            kiosk.wait()
