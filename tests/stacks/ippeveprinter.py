"""A real IPP Everywhere printer (ippeveprinter) on a private D-Bus and Avahi, with fault staging.

The stack runs three children, all stopped at the end: a dbus-daemon on a private socket (given
to the others as their system bus), avahi-daemon in a private mount namespace (so its pid file
and socket do not clash with any other) published on loopback only, and ippeveprinter on a free
port with a print command (``-c``) that copies each received document for the test, reports
progress with ``ATTR: job-impressions-completed=N`` and stages faults (``STATE: +media-empty``)
as `IppEveStack.stage_fault` asks.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.stacks.daemon import START_TIMEOUT_S, free_port, port_open, running_daemon

PRINTER_NAME = "kiosk-a4"

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_type="*"/>
    <allow receive_type="*"/>
  </policy>
</busconfig>
"""

AVAHI_CONFIG = """[server]
use-ipv4=yes
use-ipv6=no
allow-interfaces=lo
enable-dbus=yes
[wide-area]
enable-wide-area=no
[publish]
publish-hinfo=no
publish-workstation=no
"""

PRINT_COMMAND = '''#!{python}
"""ippeveprinter print command for tests: keep a copy, report pages, stage the faults asked.

Standard library only, besides pypdf: it starts for every job, at the tests' nice level, and
aiohttp with pyipp tripled its start-up CPU (0.6 s), which under a loaded machine stretched a job
of a second past the driver's 30 s time-out and its 15 s wait after Cancel-Job.
"""
import http.client
import json
import os
import shutil
import sys
import time
import urllib.parse

from pypdf import PdfReader

directory = {directory!r}
document = sys.argv[1]
copy = os.path.join(directory, "received", os.path.basename(document))
shutil.copyfile(document, copy)
with open(copy + ".env.json", "w") as env_file:
    json.dump({{k: v for k, v in os.environ.items() if k.startswith("IPP_")}}, env_file)
with open(os.path.join(directory, "control.json")) as control_file:
    control = json.load(control_file)
pages = len(PdfReader(document).pages)


def say(line):
    sys.stderr.write(line + "\\n")
    sys.stderr.flush()


def attribute(tag, name, value):
    """One IPP attribute: value tag, name, value (RFC 8010 section 3.1.4)."""
    size = len(value).to_bytes(2, "big")
    return bytes([tag]) + len(name).to_bytes(2, "big") + name + size + value


def stopping():
    """Whether the job's job-state-reasons (Get-Job-Attributes) hold processing-to-stop-point."""
    uri = os.environ["IPP_JOB_PRINTER_URI"]
    request = (
        bytes([2, 0, 0, 9, 0, 0, 0, 1, 1])
        + attribute(0x47, b"attributes-charset", b"utf-8")
        + attribute(0x48, b"attributes-natural-language", b"en")
        + attribute(0x45, b"printer-uri", uri.encode())
        + attribute(0x21, b"job-id", int(os.environ["IPP_JOB_ID"]).to_bytes(4, "big"))
        + attribute(0x44, b"requested-attributes", b"job-state-reasons")
        + bytes([3])
    )
    where = urllib.parse.urlsplit(uri)
    connection = http.client.HTTPConnection(where.hostname, where.port, timeout=30)
    try:
        connection.request("POST", where.path, request, {{"Content-Type": "application/ipp"}})
        reply = connection.getresponse()
        if reply.status != 200:
            raise RuntimeError(f"Get-Job-Attributes: HTTP {{reply.status}}")
        return b"processing-to-stop-point" in reply.read()
    finally:
        connection.close()


def pause(seconds):
    """Wait, but stop the job (like a printer at its next page) once it is cancelled."""
    end = time.monotonic() + seconds
    while True:
        if stopping():
            sys.exit(1)
        if time.monotonic() >= end:
            return
        time.sleep(min(0.1, max(0.0, end - time.monotonic())))


say(f"ATTR: job-impressions={{pages}}")
fault = control["fault"]
for page in range(1, pages + 1):
    pause(control["page_seconds"])
    if fault and page > control["after_pages"]:
        if fault != "abort":
            say(f"STATE: +{{fault}}-error")
        try:
            pause(control["hold_seconds"])
        finally:
            if fault != "abort":
                say(f"STATE: -{{fault}}-error")
        sys.exit(1)
    say(f"ATTR: job-impressions-completed={{page}}")
'''


@dataclass(frozen=True)
class IppEveStack:
    """A running ippeveprinter: its URL, and the documents its print command received."""

    url: str
    directory: Path

    @property
    def received_dir(self) -> Path:
        """Where the print command copies each received document."""
        return self.directory / "received"

    @property
    def spool_dir(self) -> Path:
        """ippeveprinter's spool directory (it deletes job files when jobs end)."""
        return self.directory / "spool"

    def received(self) -> list[Path]:
        """The received documents, oldest first."""
        documents = [path for path in self.received_dir.iterdir() if path.suffix != ".json"]
        return sorted(documents, key=lambda path: path.stat().st_mtime)

    def job_attributes(self, document: Path) -> dict[str, str]:
        """The job's attributes as ippeveprinter gave them to the print command (IPP_* env)."""
        loaded: dict[str, str] = json.loads(Path(f"{document}.env.json").read_text())
        return loaded

    def stage_fault(
        self,
        fault: str | None,
        after_pages: int = 0,
        hold_seconds: float = 1.5,
        page_seconds: float = 0.02,
    ) -> None:
        """From the next job on: after ``after_pages`` pages, raise ``fault`` (a
        printer-state-reasons keyword such as ``media-empty`` or ``media-jam``, or ``abort``
        to fail the job with no reason) for ``hold_seconds``, then fail the job."""
        control = {
            "fault": fault,
            "after_pages": after_pages,
            "hold_seconds": hold_seconds,
            "page_seconds": page_seconds,
        }
        staging = self.directory / "control.json.new"
        staging.write_text(json.dumps(control))
        staging.replace(self.directory / "control.json")

    def reset(self) -> None:
        """No fault, no received documents, no job still running from an earlier test."""
        from drivers.printer.ipp import IppA4Printer

        self.stage_fault(None)
        printer = IppA4Printer(self.url)
        deadline = time.monotonic() + START_TIMEOUT_S
        while printer.status().state != "idle" and time.monotonic() < deadline:
            time.sleep(0.1)
        for path in self.received_dir.iterdir():
            path.unlink()


@contextmanager
def running_ippeveprinter(directory: Path) -> Iterator[IppEveStack]:
    """Start dbus-daemon, avahi-daemon and ippeveprinter under ``directory``; stop them after."""
    for tool in ("dbus-daemon", "avahi-daemon", "ippeveprinter", "unshare"):
        if shutil.which(tool) is None:
            raise RuntimeError(f"{tool} is not installed (scripts/debian-packages.txt)")
    (directory / "spool").mkdir(parents=True, exist_ok=True)
    (directory / "received").mkdir(exist_ok=True)
    bus_socket = directory / "system_bus_socket"
    (directory / "bus.conf").write_text(BUS_CONFIG.format(socket=bus_socket))
    (directory / "avahi.conf").write_text(AVAHI_CONFIG)
    command = directory / "print-command"
    command.write_text(PRINT_COMMAND.format(python=sys.executable, directory=str(directory)))
    command.chmod(0o755)
    stack = IppEveStack("", directory)
    stack.stage_fault(None)
    env = {**os.environ, "DBUS_SYSTEM_BUS_ADDRESS": f"unix:path={bus_socket}"}
    Path("/run/avahi-daemon").mkdir(parents=True, exist_ok=True)
    port = free_port()
    with ExitStack() as children:
        dbus = ["dbus-daemon", f"--config-file={directory / 'bus.conf'}", "--nofork", "--nopidfile"]
        children.enter_context(
            running_daemon(dbus, directory / "dbus.log", bus_socket.exists, env=env, stop_seconds=5)
        )
        avahi_log = directory / "avahi.log"
        avahi = (
            "mount -t tmpfs tmpfs /run/avahi-daemon && exec avahi-daemon --no-drop-root"
            f" --no-chroot --no-rlimits -f {directory / 'avahi.conf'}"
        )
        children.enter_context(
            running_daemon(
                ["unshare", "--mount", "sh", "-c", avahi],
                avahi_log,
                lambda: b"startup complete" in avahi_log.read_bytes(),
                env=env,
                stop_seconds=5,
            )
        )
        children.enter_context(
            running_daemon(
                [
                    "ippeveprinter",
                    "-p",
                    str(port),
                    "-n",
                    "localhost",
                    "-d",
                    str(directory / "spool"),
                    "-f",
                    "application/pdf",
                    "-2",
                    "-c",
                    str(command),
                    PRINTER_NAME,
                ],
                directory / "ippeveprinter.log",
                lambda: port_open(port),
                env=env,
                stop_seconds=5,
            )
        )
        yield IppEveStack(f"ipp://localhost:{port}/ipp/print", directory)


@pytest.fixture(scope="session")
def ippeveprinter_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[IppEveStack]:
    """One ippeveprinter stack for the whole test session."""
    with running_ippeveprinter(tmp_path_factory.mktemp("ippeveprinter")) as stack:
        yield stack


@pytest.fixture
def ippeveprinter(ippeveprinter_stack: IppEveStack) -> IppEveStack:
    """The session's ippeveprinter with no fault staged and no received documents."""
    ippeveprinter_stack.reset()
    return ippeveprinter_stack
