"""What a per-thread SQLite store answers on a worker thread and on the calling thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


def answers_on_two_threads(query: Callable[[str], Any], sql: str) -> list[list[tuple[Any, ...]]]:
    """``sql``'s rows from a new worker thread's connection, then from this thread's."""
    seen: list[Any] = []
    worker = threading.Thread(target=lambda: seen.append(query(sql)))
    worker.start()
    worker.join(timeout=30)
    seen.append(query(sql))
    return [[tuple(row) for row in rows] for rows in seen]
