"""Test-wide settings: Qt offscreen, and the demo configuration in a private data directory.

Free of Qt: the driver and server tests run without it (kiosk windows' fixtures are in
tests/support/qt.py, used by tests/kiosk_app and tests/proof).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kiosk_app.config import Config, load_demo_config
from tests.configs import around_the_clock
from tests.fuzz.profiles import load_profile

load_profile()  # derandomized (ci) unless SHOMEI_HYPOTHESIS_PROFILE names another profile

#: Fixture modules that start real services (pcscd, ippeveprinter, PostgreSQL, ptys) for any test,
#: and the issuance server's fixtures (its tests and the kiosk's outbox tests use them).
pytest_plugins: list[str] = [
    "tests.support.server",
    "tests.stacks.pulse",
    "tests.stacks.escpos_emulator",
    "tests.stacks.ippeveprinter",
    "tests.stacks.cups",
    "tests.stacks.pcscd",
    "tests.stacks.coin_pty",
    "tests.stacks.postgres",
]


@pytest.fixture(autouse=True)
def _root_logger_restored_after_each_test() -> Iterator[None]:
    """Put back the root logger's handlers and level after a test that ran a command's main()
    in-process: its ``configure_logging`` replaces them with a redacting stderr handler bound to
    this test's captured stderr, which would write to a closed file and rewrite the records a
    later test's caplog sees."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
    for handler in handlers:
        if handler not in root.handlers:
            root.addHandler(handler)
    root.setLevel(level)


@pytest.fixture
def demo_config(tmp_path: Path) -> Config:
    """The built-in demo configuration, open around the clock, with its data directory under
    the test's tmp_path."""
    return around_the_clock(load_demo_config(data_dir=tmp_path / "data"))
