"""The maintenance audit log: every staff action, appended to SQLite (no personal data)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk_app.sqlite_cache import bound_page_cache


class AuditError(Exception):
    """The audit log could not be opened or written (wraps sqlite3 errors)."""


@dataclass(frozen=True)
class AuditEntry:
    """One staff action."""

    seq: int
    at: str
    action: str
    detail: dict[str, Any]


class MaintenanceLog:
    """Append-only log of maintenance actions, synced to disk before the action's result shows."""

    def __init__(self, path: Path) -> None:
        self._lock = threading.Lock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            bound_page_cache(self._db)
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS actions (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                " at TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL)"
            )
        except sqlite3.Error as exc:
            raise AuditError(f"cannot open the maintenance log {path}: {exc}") from exc

    def record(self, action: str, **detail: Any) -> AuditEntry:
        """Append one action with its details (numbers, device names, outcomes)."""
        at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        text = json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str)
        with self._lock:
            try:
                cursor = self._db.execute(
                    "INSERT INTO actions (at, action, detail) VALUES (?, ?, ?)", (at, action, text)
                )
            except sqlite3.Error as exc:
                raise AuditError(f"cannot record {action}: {exc}") from exc
        return AuditEntry(int(cursor.lastrowid or 0), at, action, json.loads(text))

    def entries(self) -> list[AuditEntry]:
        """Every recorded action, oldest first."""
        with self._lock:
            rows = self._db.execute("SELECT seq, at, action, detail FROM actions ORDER BY seq")
            return [AuditEntry(seq, at, action, json.loads(d)) for seq, at, action, d in rows]

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._db.close()
