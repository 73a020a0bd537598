"""Every SQLite connection of the center's database holds its page cache to SQLITE_CACHE_KIB."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from issuance_center.database import SQLITE_CACHE_KIB, CenterDatabase


def test_each_thread_s_connection_has_the_bound(tmp_path: Path) -> None:
    database = CenterDatabase(f"sqlite:///{tmp_path / 'center.sqlite3'}")
    seen: list[list[Any]] = []

    def on_a_worker() -> None:
        seen.append(database.query("PRAGMA cache_size"))

    worker = threading.Thread(target=on_a_worker)
    worker.start()
    worker.join(timeout=30)
    seen.append(database.query("PRAGMA cache_size"))
    database.close()
    assert [[tuple(row) for row in rows] for rows in seen] == [[(-SQLITE_CACHE_KIB,)]] * 2
