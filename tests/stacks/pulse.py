"""A private PulseAudio server with one null sink, for tests that play real sound."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.stacks.daemon import running_daemon

SINK = "kiosk_null"


@dataclass(frozen=True)
class PulseStack:
    """A running PulseAudio whose only output is the null sink ``SINK``."""

    socket: Path

    @property
    def server(self) -> str:
        """The value for ``PULSE_SERVER`` (or ``--server``) to reach this server."""
        return f"unix:{self.socket}"

    def env(self) -> dict[str, str]:
        """This process's environment pointed at this server only."""
        return {**os.environ, "PULSE_SERVER": self.server}

    def record_monitor(self, raw_out: Path) -> subprocess.Popen[bytes]:
        """Start recording what the sink plays (s16le, 16 kHz, mono) into ``raw_out``."""
        with raw_out.open("wb") as out:
            return subprocess.Popen(
                [
                    "parec",
                    f"--server={self.server}",
                    f"--device={SINK}.monitor",
                    "--raw",
                    "--format=s16le",
                    "--rate=16000",
                    "--channels=1",
                    "--latency-msec=20",
                ],
                stdout=out,
                stderr=subprocess.DEVNULL,
            )


@contextmanager
def pulse_stack(directory: Path) -> Iterator[PulseStack]:
    """Run pulseaudio in the foreground on a socket in ``directory``; always stop it."""
    socket = directory / "native"
    home = directory / "home"
    home.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "HOME": str(home), "XDG_RUNTIME_DIR": str(directory)}
    env.pop("PULSE_SERVER", None)
    args = [
        "pulseaudio",
        "-n",  # no default.pa: only the two modules below
        "--daemonize=no",
        "--exit-idle-time=-1",
        "--use-pid-file=no",
        "--log-target=stderr",
        "-L",
        f"module-null-sink sink_name={SINK}",
        "-L",
        f"module-native-protocol-unix auth-anonymous=1 socket={socket}",
    ]
    log = directory / "pulseaudio.log"
    with running_daemon(args, log, lambda: _answers(socket), env=env, stop_seconds=5):
        yield PulseStack(socket)


def _answers(socket: Path) -> bool:
    if not socket.exists():
        return False
    probe = subprocess.run(
        ["pactl", f"--server=unix:{socket}", "info"], capture_output=True, check=False
    )
    return probe.returncode == 0


@pytest.fixture
def pulse(tmp_path: Path) -> Iterator[PulseStack]:
    """A private PulseAudio server with a null sink, stopped after the test."""
    with pulse_stack(tmp_path / "pulse") as stack:
        yield stack
