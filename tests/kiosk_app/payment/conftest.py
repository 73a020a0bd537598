"""A payment controller over simulated devices and a journal in tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.kiosk_app.payment.rig import Rig, build_rig


@pytest.fixture
def rig(tmp_path: Path) -> Iterator[Rig]:
    """A rig with 10, 50 and 100 yen hoppers of 20 coins each."""
    built = build_rig(tmp_path / "journal.sqlite3", {10: 20, 50: 20, 100: 20})
    yield built
    built.controller.stop()
    built.journal.close()
