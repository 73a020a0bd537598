"""Start a test stack's daemon in the foreground, wait until it is ready, always stop it."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

#: How long a daemon may take to become ready (a bound on a hang only).
START_TIMEOUT_S = 15.0


def free_port() -> int:
    """A TCP port free on loopback now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def port_open(port: int) -> bool:
    """Whether something accepts TCP connections on loopback ``port``."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


@contextmanager
def running_daemon(
    args: list[str],
    log: Path,
    ready: Callable[[], bool],
    *,
    env: Mapping[str, str] | None = None,
    stop_seconds: float = 10.0,
) -> Iterator[subprocess.Popen[bytes]]:
    """Run ``args`` with stdout and stderr in ``log`` until ``ready()``; raise with the log if
    it exits first or is not ready within START_TIMEOUT_S. Terminated (killed if it will not
    stop within ``stop_seconds``) on exit."""
    with log.open("wb") as log_file:
        process = subprocess.Popen(args, stdout=log_file, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not ready():
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"{args[0]} did not start; log:\n{log.read_text(errors='replace')}"
                )
            time.sleep(0.05)  # the daemons give no readiness signal to wait on: poll their state
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=stop_seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
