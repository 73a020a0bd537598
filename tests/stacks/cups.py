"""A private CUPS scheduler (cupsd) with a queue that prints to the test ippeveprinter.

Its cupsd.conf carries the kiosk's spool settings: ``PreserveJobFiles No`` and
``PreserveJobHistory No``; tests check that nothing of a job stays in its RequestRoot. The
``cups`` fixture gives each test module one, with the printer behind it reset for each test.
"""

from __future__ import annotations

import grp
import os
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.stacks.daemon import free_port, port_open, running_daemon
from tests.stacks.ippeveprinter import IppEveStack

QUEUE = "kiosk-a4"

CUPS_FILES_CONF = """ServerRoot {root}/etc
RequestRoot {root}/spool
TempDir {root}/tmp
StateDir {root}/state
CacheDir {root}/cache
AccessLog {root}/log/access_log
ErrorLog {root}/log/error_log
PageLog {root}/log/page_log
"""

CUPSD_CONF = """LogLevel warn
Listen 127.0.0.1:{port}
Browsing No
WebInterface No
DefaultAuthType None
PreserveJobFiles No
PreserveJobHistory No
ErrorPolicy abort-job
<Location />
  Order allow,deny
  Allow all
</Location>
<Location /admin>
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
"""


@dataclass(frozen=True)
class CupsStack:
    """A running cupsd: its server address, its config and spool directories."""

    server: str
    root: Path

    @property
    def url(self) -> str:
        """The kiosk's ``cups:`` URL of the test queue."""
        return f"cups:{QUEUE}?server={self.server}"

    @property
    def request_root(self) -> Path:
        """Where cupsd keeps job control (c*) and document (d*) files."""
        return self.root / "spool"

    @property
    def cupsd_conf(self) -> Path:
        """The scheduler's configuration file."""
        return self.root / "etc" / "cupsd.conf"

    def job_files(self) -> list[str]:
        """Job control and document files in the RequestRoot."""
        return sorted(p.name for p in self.request_root.iterdir() if p.name[:1] in ("c", "d"))

    def active_jobs(self) -> list[str]:
        """The jobs cupsd has not finished yet (``lpstat -o``: pending, held, processing)."""
        listed = subprocess.run(
            ["lpstat", "-h", self.server, "-o"], capture_output=True, text=True, check=True
        )
        return listed.stdout.splitlines()


@contextmanager
def running_cupsd(root: Path, printer_uri: str) -> Iterator[CupsStack]:
    """Start cupsd under ``root`` with a raw queue to ``printer_uri``; stop it afterwards."""
    lp = grp.getgrnam("lp").gr_gid
    for name, mode in (("etc", 0o755), ("spool", 0o710), ("tmp", 0o1770), ("state", 0o755),
                       ("cache", 0o770), ("log", 0o755), ("etc/ppd", 0o755)):  # fmt: skip
        path = root / name
        path.mkdir(parents=True, exist_ok=True)
        os.chown(path, 0, lp)
        path.chmod(mode)
    port = free_port()
    (root / "etc" / "cups-files.conf").write_text(CUPS_FILES_CONF.format(root=root))
    (root / "etc" / "cupsd.conf").write_text(CUPSD_CONF.format(port=port))
    files = ["-c", str(root / "etc" / "cupsd.conf"), "-s", str(root / "etc" / "cups-files.conf")]
    with running_daemon(["cupsd", "-f", *files], root / "cupsd.out", lambda: port_open(port)):
        server = f"127.0.0.1:{port}"
        subprocess.run(
            ["lpadmin", "-h", server, "-p", QUEUE, "-E", "-v", printer_uri],
            check=True,
            capture_output=True,
        )
        yield CupsStack(server, root)


@pytest.fixture(scope="module")
def cups_module(ippeveprinter_stack: IppEveStack) -> Iterator[CupsStack]:
    """cupsd with a queue to the session's ippeveprinter, for this module.

    Its directory is outside pytest's private tmp tree: CUPS backends run as user lp.
    """
    with tempfile.TemporaryDirectory(prefix="shomei-cups-") as root:
        Path(root).chmod(0o755)
        with running_cupsd(Path(root), ippeveprinter_stack.url) as stack:
            yield stack


@pytest.fixture
def cups(cups_module: CupsStack, ippeveprinter: IppEveStack) -> CupsStack:
    """The module's cupsd, with the printer behind it reset."""
    return cups_module


#: How long cupsd may take to finish a job and remove its files (a bound on a hang only: a
#: loaded machine took more than 5 s).
CLEAN_UP_S = 60


def wait_for_no_job_files(stack: CupsStack) -> list[str]:
    """The job files left in the RequestRoot once cupsd has finished every job (its own state,
    ``lpstat -o`` empty) and removed their files, or after CLEAN_UP_S."""
    deadline = time.monotonic() + CLEAN_UP_S
    while (stack.active_jobs() or stack.job_files()) and time.monotonic() < deadline:
        time.sleep(0.05)
    return stack.job_files()
