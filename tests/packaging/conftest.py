"""Fixtures: the kiosk installed by packaging/install.sh into a throw-away root."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.packaging.rootfs import copy_source, run_install, seed_root


@dataclass(frozen=True)
class Installed:
    """A root that install.sh filled, the source it ran from, and what it printed."""

    root: Path
    src: Path
    result: subprocess.CompletedProcess[str]


@pytest.fixture(scope="package")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """install.sh (every step of the kiosk role) run once into a fresh throw-away root."""
    base = tmp_path_factory.mktemp("install")
    src = copy_source(base / "src")
    root = base / "root"
    seed_root(root)
    result = run_install(src, root, "--kiosk-id", "KIOSK-7", "--coin-usb", "0403:6001:FT1234ABC")
    return Installed(root, src, result)
