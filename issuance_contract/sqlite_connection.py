"""One SQLite connection per thread, opened the same way by the server's and the center's stores."""

from __future__ import annotations

import sqlite3
from pathlib import Path

#: KiB of SQLite page cache per connection (one connection per thread that uses a store).
#: SQLite's default, 2,000 KiB, fills as the database grows, and it grows with every issuance:
#: in a kiosk's embedded server and center (a few connections each, for weeks) that was MiBs of
#: RSS climbing over the first thousands of sessions. A call reads and writes a few rows by key;
#: older pages come from the OS's file cache.
SQLITE_CACHE_KIB = 512


def connect_sqlite(path: str, *, synchronous_full: bool = False) -> sqlite3.Connection:
    """A WAL-mode connection in autocommit with a 10 s busy time-out and the bounded page cache;
    its directory is made (mode 0700) unless ``path`` is ``:memory:``."""
    if path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    if synchronous_full:
        conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA busy_timeout=10000")
    conn.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
    return conn
