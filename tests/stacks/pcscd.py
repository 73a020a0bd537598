"""A private pcscd with the vpcd virtual reader, for tests that run the real PC/SC stack.

pcscd's socket path is compiled in (``/run/pcscd``), so pcscd runs in its own mount namespace
with a private directory bound there, and this process reaches it through libpcsclite's
``PCSCLITE_CSOCK_NAME``. libpcsclite reads that variable once, at the first PC/SC call, so it is
set when this module is imported (pytest imports it at start-up through ``pytest_plugins``).
Concurrent test runs and a system pcscd therefore never meet; vpcd gets free ports.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shlex
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest

from drivers.nfc.errors import NoReaderError
from drivers.nfc.pcsc import reader_names
from drivers.nfc.virtual_card import VirtualMyNumberCard
from drivers.nfc.vpcd import VpcdCardClient

VPCD_DRIVER = Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")
PCSCD_RUN_DIR = Path("/run/pcscd")
SOCKET_ENV = "PCSCLITE_CSOCK_NAME"
START_TIMEOUT_S = 10.0
_PR_SET_PDEATHSIG = 1

os.environ.setdefault(
    SOCKET_ENV, str(Path(tempfile.gettempdir()) / f"shomei-pcscd-{os.getpid()}" / "pcscd.comm")
)


@dataclass(frozen=True)
class PcscdStack:
    """A running pcscd whose vpcd slots listen on ``vpcd_port`` and ``vpcd_port + 1``."""

    vpcd_port: int
    log_path: Path
    vpcd_host: str = "127.0.0.1"

    @staticmethod
    def reader_name(slot: int = 0) -> str:
        """The PC/SC name of a vpcd slot."""
        return f"Virtual PCD 00 {slot:02d}"

    def reader_url(self, slot: int = 0, **options: str) -> str:
        """The ``pcsc:`` device URL of a vpcd slot, with extra URL options."""
        query = "&".join(f"{key}={quote(value)}" for key, value in options.items())
        return f"pcsc:?reader={quote(self.reader_name(slot))}" + (f"&{query}" if query else "")

    def card_client(self, card: VirtualMyNumberCard, slot: int = 0) -> VpcdCardClient:
        """A client that puts ``card`` on a slot when ``insert()`` is called."""
        return VpcdCardClient(card, self.vpcd_host, self.vpcd_port + slot)


def _free_port_pair() -> int:
    """A port ``p`` such that ``p`` and ``p + 1`` are both free on this machine."""
    for _ in range(50):
        with socket.socket() as first:
            first.bind(("", 0))
            port = int(first.getsockname()[1])
            if port >= 65535:
                continue
            with socket.socket() as second:
                try:
                    second.bind(("", port + 1))
                except OSError:
                    continue
                return port
    raise RuntimeError("no free pair of TCP ports for vpcd")


def _die_with_parent() -> None:
    """In the child before exec: get SIGTERM if the test process dies (no pcscd left behind)."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


@contextmanager
def running_pcscd(work_dir: Path) -> Iterator[PcscdStack]:
    """Start ``pcscd --foreground`` with a private vpcd config and socket; stop it on exit.

    Call it before this process makes any other PC/SC call (see the module docstring).
    """
    pcscd = shutil.which("pcscd") or "/usr/sbin/pcscd"
    if not VPCD_DRIVER.exists() or not Path(pcscd).exists():
        raise RuntimeError("pcscd and vsmartcard-vpcd must be installed (scripts/setup.sh)")
    socket_dir = Path(os.environ[SOCKET_ENV]).parent
    socket_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    PCSCD_RUN_DIR.mkdir(parents=True, exist_ok=True)
    port = _free_port_pair()
    config_dir = work_dir / "reader.conf.d"
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "vpcd").write_text(
        f'FRIENDLYNAME "Virtual PCD"\nDEVICENAME /dev/null:{port}\n'
        f"LIBPATH {VPCD_DRIVER}\nCHANNELID {port}\n"
    )
    log_path = work_dir / "pcscd.log"
    with log_path.open("wb") as log:
        command = [
            pcscd,
            "--foreground",
            "--config",
            str(config_dir),
            "--reader-name-no-serial",
            "--reader-name-no-interface",
        ]
        bind = f"mount --bind {shlex.quote(str(socket_dir))} {PCSCD_RUN_DIR}"
        script = f"{bind} && exec {shlex.join(command)}"
        process = subprocess.Popen(
            ["unshare", "--mount", "sh", "-c", script],
            stdout=log,
            stderr=subprocess.STDOUT,
            preexec_fn=_die_with_parent,
        )
    try:
        stack = PcscdStack(vpcd_port=port, log_path=log_path)
        _wait_for_reader(process, stack.reader_name(0), log_path)
        yield stack
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        shutil.rmtree(socket_dir, ignore_errors=True)


def _wait_for_reader(process: subprocess.Popen[bytes], name: str, log_path: Path) -> None:
    """Poll PC/SC until the vpcd reader ``name`` is listed, or fail with pcscd's log."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"pcscd exited ({process.returncode}): {log_path.read_text()}")
        with suppress(NoReaderError):
            if name in reader_names():
                return
        time.sleep(0.05)
    raise RuntimeError(f"pcscd did not list {name!r} within {START_TIMEOUT_S} s")


@pytest.fixture(scope="session")
def pcscd_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PcscdStack]:
    """pcscd with vpcd for the whole test session (started once, always stopped)."""
    with running_pcscd(tmp_path_factory.mktemp("pcscd")) as stack:
        yield stack
