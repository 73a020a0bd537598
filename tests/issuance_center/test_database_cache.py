"""Every SQLite connection of the center's database holds its page cache to SQLITE_CACHE_KIB."""

from __future__ import annotations

from pathlib import Path

from issuance_center.database import CenterDatabase
from issuance_contract.sqlite_connection import SQLITE_CACHE_KIB
from tests.support.sqlite_threads import answers_on_two_threads


def test_each_thread_s_connection_has_the_bound(tmp_path: Path) -> None:
    database = CenterDatabase(f"sqlite:///{tmp_path / 'center.sqlite3'}")
    seen = answers_on_two_threads(database.query, "PRAGMA cache_size")
    database.close()
    assert seen == [[(-SQLITE_CACHE_KIB,)]] * 2
