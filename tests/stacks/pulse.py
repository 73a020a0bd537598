"""A private PulseAudio server with one null sink, for tests that play real sound."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

START_TIMEOUT_S = 10.0
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
    log = (directory / "pulseaudio.log").open("wb")
    process = subprocess.Popen(
        [
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
        ],
        env=env,
        stdout=log,
        stderr=log,
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not _answers(socket):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"pulseaudio did not start: {(directory / 'pulseaudio.log').read_text()}"
                )
            time.sleep(0.05)
        yield PulseStack(socket)
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


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
