"""Test-wide settings: Qt offscreen, and the demo configuration in a private data directory."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kiosk_app.config import Config, load_demo_config

#: Fixture modules that start real services (pcscd, ippeveprinter, PostgreSQL, ptys) for any test.
pytest_plugins: list[str] = [
    "tests.stacks.pulse",
    "tests.stacks.escpos_emulator",
    "tests.stacks.ippeveprinter",
    "tests.stacks.pcscd",
    "tests.stacks.coin_pty",
    "tests.stacks.postgres",
]


@pytest.fixture
def demo_config(tmp_path: Path) -> Config:
    """The built-in demo configuration with its data directory under the test's tmp_path."""
    return load_demo_config(data_dir=tmp_path / "data")
