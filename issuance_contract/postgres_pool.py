"""PostgreSQL connections of one process, bounded: a pool the server and the center share.

A connection is borrowed for one transaction and given back after it, so a process never holds
more than ``size`` connections however many threads it runs (the thread-pool workers of a web
server come and go; a connection per thread outlived its thread and piled up until PostgreSQL's
``max_connections`` refused everyone). A transaction started inside another on the same thread
runs on the connection already borrowed (a savepoint), so nesting never waits for a second one.
A caller waits at most ``wait_seconds`` for a free connection (``psycopg_pool.PoolTimeout``, a
``psycopg.OperationalError``), which is back-pressure rather than a refusal at the database.

Size: PostgreSQL's ``max_connections`` must be at least the sum of ``size`` over every process
of every server and center using the cluster, plus its ``superuser_reserved_connections``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg_pool import ConnectionPool

from issuance_contract.pool_size import DEFAULT_SIZE

#: How long a transaction waits for a free connection before it fails.
DEFAULT_WAIT_SECONDS = 30.0


class PostgresPool:
    """At most ``size`` autocommit connections to ``url``, borrowed one transaction at a time."""

    def __init__(
        self, url: str, size: int = DEFAULT_SIZE, wait_seconds: float = DEFAULT_WAIT_SECONDS
    ) -> None:
        # Connect once first, so that a wrong URL or a refused login fails now with its reason
        # (the pool itself would retry in the background until a caller's wait ran out).
        psycopg.connect(url, autocommit=True).close()
        self._wait = wait_seconds
        self._local = threading.local()
        self._pool: ConnectionPool[psycopg.Connection[Any]] = ConnectionPool(
            url,
            kwargs={"autocommit": True},
            min_size=1,
            max_size=size,
            timeout=wait_seconds,
            open=True,
            name="shomei",
        )

    @contextmanager
    def transaction(self) -> Iterator[psycopg.Connection[Any]]:
        """One transaction on a borrowed connection (committed unless an error escapes)."""
        with self.connection() as conn, conn.transaction():
            yield conn

    @contextmanager
    def connection(self) -> Iterator[psycopg.Connection[Any]]:
        """A borrowed autocommit connection: each statement alone is its own transaction (one
        round trip, where BEGIN … COMMIT around a single statement takes three)."""
        held: psycopg.Connection[Any] | None = getattr(self._local, "conn", None)
        if held is not None:
            yield held
            return
        with self._pool.connection(timeout=self._wait) as conn:
            self._local.conn = conn
            try:
                yield conn
            finally:
                self._local.conn = None

    def close(self) -> None:
        """Close every connection (transactions still running finish first)."""
        self._pool.close()
