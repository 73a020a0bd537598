"""Every connection of the SQLite store holds its page cache to SQLITE_CACHE_KIB."""

from __future__ import annotations

from pathlib import Path

from issuance_contract.sqlite_connection import SQLITE_CACHE_KIB
from issuance_server.storage import Store
from tests.support.sqlite_threads import answers_on_two_threads


def test_each_thread_s_connection_has_the_bound(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'registry.sqlite3'}")
    seen = answers_on_two_threads(store._query, "PRAGMA cache_size")
    store.close()
    assert seen == [[(-SQLITE_CACHE_KIB,)]] * 2
