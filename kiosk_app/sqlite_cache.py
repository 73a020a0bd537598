"""The page cache bound of the kiosk's own SQLite files: the money journal, outbox and audit log."""

from __future__ import annotations

import sqlite3

#: KiB of page cache per connection. SQLite's default (2,000 KiB per connection) fills as a file
#: grows, and these files grow with every session (the journal by about 1 KiB a session): on a
#: kiosk running for weeks that is RSS climbing for thousands of sessions until each cache is
#: full. The kiosk appends and reads back only its latest rows (the open payment, the messages
#: waiting), so a quarter of a MiB holds what it reads; older pages come from the OS's file cache.
CACHE_KIB = 256


def bound_page_cache(db: sqlite3.Connection) -> None:
    """Hold ``db``'s page cache to CACHE_KIB."""
    db.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
