"""Every connection of the SQLite store holds its page cache to SQLITE_CACHE_KIB."""

from __future__ import annotations

import threading
from pathlib import Path

from issuance_server.database import SQLITE_CACHE_KIB
from issuance_server.storage import Store


def test_each_thread_s_connection_has_the_bound(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'registry.sqlite3'}")
    seen: list[object] = []

    def on_a_worker() -> None:
        seen.append(store._query("PRAGMA cache_size"))

    worker = threading.Thread(target=on_a_worker)
    worker.start()
    worker.join(timeout=30)
    seen.append(store._query("PRAGMA cache_size"))
    store.close()
    assert seen == [[(-SQLITE_CACHE_KIB,)], [(-SQLITE_CACHE_KIB,)]]
