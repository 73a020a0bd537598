"""CUPS as install.sh leaves it: the kiosk-a4 queue and no kept jobs, on a real private cupsd.

A cupsd runs in the foreground with its own directories and a private socket (nothing of the
host's CUPS is touched), in front of the ippeveprinter stack of tests/stacks.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from tests.packaging.conftest import Installed
from tests.packaging.rootfs import run_install
from tests.stacks.ippeveprinter import IppEveStack

DEBIAN_CUPSD_CONF = Path("/etc/cups/cupsd.conf")
FILES_CONF = """ServerRoot {d}/etc
RequestRoot {d}/spool
CacheDir {d}/cache
StateDir {d}/state
TempDir {d}/tmp
AccessLog {d}/log/access_log
ErrorLog {d}/log/error_log
PageLog {d}/log/page_log
"""


def wait_until(
    condition: Callable[[], bool], what: str, socket: Path | None = None, timeout: float = 60.0
) -> None:
    """Poll ``condition`` until true; fail naming ``what`` (and cupsd's log) after ``timeout``."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            log = socket.parent / "log" / "error_log" if socket else None
            tail = log.read_text()[-3000:] if log and log.exists() else ""
            raise AssertionError(f"timed out waiting for {what}\n{tail}")
        time.sleep(0.1)


@contextmanager
def private_cupsd(cupsd_conf: Path) -> Iterator[Path]:
    """Run cupsd with ``cupsd_conf`` on a private socket; yield the socket path."""
    with tempfile.TemporaryDirectory(prefix="shomei-cupsd-") as name:
        d = Path(name)
        d.chmod(0o755)  # cupsd's helpers (backends) run as lp
        for sub in ("etc", "spool", "cache", "state", "tmp", "log"):
            (d / sub).mkdir()
            (d / sub).chmod(0o777)  # cupsd drops to the lp user for its helpers
        text = cupsd_conf.read_text()
        # Test-only: listen on a private socket, not on localhost:631; announce nothing.
        text = re.sub(r"(?m)^(Listen|Port) .*$", "", text)
        text = re.sub(r"(?m)^Browsing .*$", "Browsing No", text)
        text += f"\nListen {d}/cups.sock\n"
        (d / "etc" / "cupsd.conf").write_text(text)
        (d / "etc" / "cups-files.conf").write_text(FILES_CONF.format(d=d))
        socket = d / "cups.sock"
        with (d / "log" / "stdout").open("wb") as output:
            cupsd = subprocess.Popen(
                [
                    "cupsd",
                    "-f",
                    "-c",
                    str(d / "etc/cupsd.conf"),
                    "-s",
                    str(d / "etc/cups-files.conf"),
                ],
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        try:
            try:
                wait_until(lambda: _running(socket), "cupsd")
            except AssertionError as exc:
                logs = [(d / "log" / n) for n in ("stdout", "error_log")]
                text = "\n".join(p.read_text()[-2000:] for p in logs if p.exists())
                raise AssertionError(f"cupsd did not start:\n{text}") from exc
            yield socket
        finally:
            cupsd.terminate()
            cupsd.wait(timeout=20)


def _running(socket: Path) -> bool:
    if not socket.exists():
        return False
    done = subprocess.run(["lpstat", "-h", str(socket), "-r"], capture_output=True, text=True)
    return "scheduler is running" in done.stdout


def lpstat(socket: Path, *args: str) -> str:
    """lpstat against the private scheduler."""
    return subprocess.run(
        ["lpstat", "-h", str(socket), *args], capture_output=True, text=True, check=True
    ).stdout


def make_queue(installed: Installed, printer: IppEveStack, socket: Path) -> None:
    """The install script's queue step, pointed at the private scheduler."""
    done = run_install(
        installed.src,
        installed.root,
        "--steps",
        "queue",
        "--a4-uri",
        printer.url,
        "--cups-server",
        str(socket),
    )
    assert f"queue: kiosk-a4 → {printer.url} (IPP Everywhere)" in done.stdout

    def ready() -> bool:
        options = subprocess.run(
            ["lpoptions", "-h", str(socket), "-p", "kiosk-a4"], capture_output=True, text=True
        ).stdout
        return "IPP Everywhere" in options and "printer-state=3" in options

    # cupsd builds the queue's PPD from the printer's answers; a job sent before then may find
    # no way to print (seen under load).
    wait_until(ready, "the queue to be set up", socket)


def test_queue_step_makes_a_driverless_kiosk_a4_queue(
    installed: Installed, ippeveprinter: IppEveStack
) -> None:
    with private_cupsd(installed.root / "etc/cups/cupsd.conf") as socket:
        make_queue(installed, ippeveprinter, socket)
        assert (
            lpstat(socket, "-v", "kiosk-a4").strip() == f"device for kiosk-a4: {ippeveprinter.url}"
        )
        assert "accepting requests" in lpstat(socket, "-a", "kiosk-a4")
        options = subprocess.run(
            ["lpoptions", "-h", str(socket), "-p", "kiosk-a4"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert "printer-make-and-model='Printer - IPP Everywhere'" in options
        assert "printer-is-shared=false" in options
        assert "printer-info='shomei kiosk A4'" in options


def _print_one_job(socket: Path, printer: IppEveStack, pdf: Path) -> None:
    subprocess.run(
        ["lp", "-h", str(socket), "-d", "kiosk-a4", "-o", "raw", "-t", "job", str(pdf)],
        capture_output=True,
        check=True,
    )
    wait_until(lambda: bool(printer.received()), "the printer to receive the job", socket)
    wait_until(
        lambda: not lpstat(socket, "-W", "not-completed", "-o", "kiosk-a4").strip(),
        "the job to complete",
        socket,
    )


@pytest.mark.parametrize("as_installed", [True, False], ids=["installed", "debian-default"])
def test_no_job_file_or_history_is_kept_once_printed(
    installed: Installed, ippeveprinter: IppEveStack, tmp_path: Path, as_installed: bool
) -> None:
    """Debian's default cupsd.conf keeps both (the control); the installed one keeps neither."""
    pdf = tmp_path / "page.pdf"
    page = canvas.Canvas(str(pdf))
    page.drawString(100, 700, "test page")
    page.save()
    conf = installed.root / "etc/cups/cupsd.conf" if as_installed else DEBIAN_CUPSD_CONF
    with private_cupsd(conf) as socket:
        make_queue(installed, ippeveprinter, socket)
        _print_one_job(socket, ippeveprinter, pdf)
        spool = socket.parent / "spool"

        def kept() -> tuple[bool, bool]:
            files = {p.name for p in spool.iterdir() if p.is_file()}
            history = "kiosk-a4-1" in lpstat(socket, "-W", "completed", "-o", "kiosk-a4")
            return ("d00001-001" in files, history)

        if as_installed:
            wait_until(lambda: kept() == (False, False), "the job to be forgotten", socket)
        else:
            jobs = lpstat(socket, "-l", "-W", "all", "-o", "kiosk-a4")
            log = (socket.parent / "log" / "error_log").read_text()[-3000:]
            assert kept() == (True, True), (
                f"{sorted(p.name for p in spool.iterdir())}\n{jobs}\n{log}"
            )
