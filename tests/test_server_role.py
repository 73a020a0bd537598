"""The server role needs none of the kiosk's packages: not in its requirements, not at run time.

``scripts/check-server-role.sh`` shows the same in a clean venv (``pip install '.[server]'``).
"""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import requires
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.support.serving import serving

#: What only the kiosk needs: Qt, the device stacks and its HTTPS client.
KIOSK_ONLY = {"pyside6", "pyscard", "pyserial", "python-escpos", "pyusb", "pyipp", "httpx"}
#: Their import names, and the kiosk and its drivers' device stacks, refused in the server process.
BLOCKED = ("PySide6", "smartcard", "serial", "escpos", "usb", "pyipp", "httpx", "kiosk_app")

_RUN_WITHOUT_THE_KIOSK = f"""
import importlib.abc, sys

class NotInstalled(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] in {BLOCKED!r}:
            raise ModuleNotFoundError(f"No module named {{name!r}} (server role)", name=name)
        return None

sys.meta_path.insert(0, NotInstalled())
from issuance_server.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _requirements(extra: str) -> set[str]:
    """The distribution names required with ``extra`` ("" for none) installed."""
    names: set[str] = set()
    for line in requires("shomei-kiosk") or []:
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate({"extra": extra}):
            names.add(canonicalize_name(requirement.name))
    return names


def _server(*args: str) -> list[str]:
    return [sys.executable, "-c", _RUN_WITHOUT_THE_KIOSK, *args]


def test_the_server_extra_requires_none_of_the_kiosks_packages() -> None:
    assert _requirements("kiosk") >= KIOSK_ONLY
    server = _requirements("server")
    assert server >= {"fastapi", "uvicorn", "psycopg", "reportlab", "pydantic"}
    assert not server & KIOSK_ONLY


def test_the_server_renders_every_certificate_without_the_kiosk(tmp_path: Path) -> None:
    out = tmp_path / "samples"
    done = subprocess.run(
        _server("sample", "--data-dir", str(tmp_path / "data"), "--out", str(out)),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert len(list(out.glob("*.pdf"))) >= 10


def test_the_server_serves_without_the_kiosk(tmp_path: Path) -> None:
    with serving(tmp_path, _server()) as served:
        assert len(served.challenge.nonce) == 32
