"""The center's SQL connection: SQLite (demo, one process) or PostgreSQL (``--workers N``).

SQLite: one connection per thread. PostgreSQL: a bounded pool per process (``database_connections``,
``issuance_contract.postgres_pool``). Every ``transaction()`` is one transaction; placeholders are
``?`` in the SQL text and rewritten for PostgreSQL.

The relay's own statements go through ``fetch()``, which never blocks the event loop: in a
serving process on PostgreSQL (``open_async()`` at start-up) they run on asynchronous connections
of that event loop, so a relayed call waits for PostgreSQL's answer only, not also for a worker
thread to wake up and hand the rows back (two thread switches per statement, which a busy machine
makes cost milliseconds each); elsewhere (SQLite, or a caller outside that loop) they run in a
worker thread.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg_pool import AsyncConnectionPool

from issuance_contract.pool_size import DEFAULT_SIZE
from issuance_contract.postgres_pool import DEFAULT_WAIT_SECONDS, PostgresPool
from issuance_contract.sqlite_connection import connect_sqlite


class DatabaseError(Exception):
    """The center's database cannot be opened or used."""


class DuplicateError(DatabaseError):
    """A row with the same unique key exists."""


Row = tuple[Any, ...]
#: The ``application_name`` of the relay's asynchronous connections (in ``pg_stat_activity``).
RELAY_CONNECTIONS = "shomei-center-relay"


@contextmanager
def _translated() -> Iterator[None]:
    """Database errors as the center's own: a duplicate key, or any other failure."""
    try:
        yield
    except (sqlite3.IntegrityError, psycopg.errors.UniqueViolation) as exc:
        raise DuplicateError(str(exc)) from exc
    except (sqlite3.Error, psycopg.Error) as exc:
        raise DatabaseError(f"database error: {exc}") from exc


class Transaction:
    """Runs statements inside one open transaction."""

    def __init__(self, conn: Any, postgres: bool) -> None:
        self._conn = conn
        self._postgres = postgres

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Run ``sql``; the rows it returns (none for a write)."""
        if self._postgres:
            cursor = self._conn.execute(sql.replace("?", "%s"), params)
            return list(cursor.fetchall()) if cursor.description else []
        return list(self._conn.execute(sql, params).fetchall())


class CenterDatabase:
    """``sqlite:///path`` or ``postgresql://…``."""

    def __init__(self, url: str, connections: int = DEFAULT_SIZE) -> None:
        self._pool: PostgresPool | None = None
        self._connections = connections
        self._async: tuple[asyncio.AbstractEventLoop, AsyncConnectionPool[Any]] | None = None
        if url.startswith("sqlite:"):
            self.postgres = False
            self._target = url.removeprefix("sqlite:").removeprefix("//") or ":memory:"
        elif url.startswith(("postgresql:", "postgres:")):
            self.postgres = True
            self._target = url
            try:
                self._pool = PostgresPool(url, connections)
            except psycopg.Error as exc:
                raise DatabaseError(f"cannot open the database: {exc}") from exc
        else:
            raise DatabaseError("a database URL starting with sqlite: or postgresql:")
        self._local = threading.local()
        self._all: list[Any] = []
        self._lock = threading.Lock()

    def _connection(self) -> Any:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            return conn
        try:
            conn = connect_sqlite(self._target)
        except sqlite3.Error as exc:
            raise DatabaseError(f"cannot open the database: {exc}") from exc
        self._local.conn = conn
        with self._lock:
            self._all.append(conn)
        return conn

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """One transaction (SQLite: this thread's connection; PostgreSQL: a pooled one), committed
        unless an error escapes."""
        with _translated():
            if self._pool is not None:
                with self._pool.transaction() as pg:
                    yield Transaction(pg, True)
                return
            conn = self._connection()
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield Transaction(conn, False)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """One statement in its own transaction (on PostgreSQL, autocommit: one round trip)."""
        if self._pool is None:
            with self.transaction() as tx:
                return tx.execute(sql, params)
        with _translated(), self._pool.connection() as conn:
            return Transaction(conn, True).execute(sql, params)

    async def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """``query()`` without blocking the event loop: on this loop's asynchronous connections
        if ``open_async()`` made them here, else in a worker thread."""
        opened = self._async
        if opened is None or opened[0] is not asyncio.get_running_loop():
            return await asyncio.to_thread(self.query, sql, params)
        with _translated():
            async with opened[1].connection() as conn:
                cursor = await conn.execute(sql.replace("?", "%s"), params)
                return list(await cursor.fetchall()) if cursor.description else []

    async def open_async(self) -> None:
        """PostgreSQL: give ``fetch()`` asynchronous connections on the running event loop (a
        serving process's, at start-up). The process's bound stays ``connections``: all but one
        are asynchronous, the synchronous pool keeps one (the directory, cancels, the CLI's)."""
        if self._pool is None or self._async is not None:
            return
        size = max(1, self._connections - 1)
        pool: AsyncConnectionPool[Any] = AsyncConnectionPool(
            self._target,
            kwargs={"autocommit": True, "application_name": RELAY_CONNECTIONS},
            min_size=1,
            max_size=size,
            timeout=DEFAULT_WAIT_SECONDS,
            open=False,
            name="shomei-relay",
        )
        try:
            await pool.open(wait=True, timeout=DEFAULT_WAIT_SECONDS)
        except psycopg.Error as exc:
            raise DatabaseError(f"cannot open the database: {exc}") from exc
        self._pool.resize(1)
        self._async = (asyncio.get_running_loop(), pool)

    async def close_async(self) -> None:
        """Close the asynchronous connections (at the serving loop's shutdown)."""
        opened, self._async = self._async, None
        if opened is not None:
            await opened[1].close()
            if self._pool is not None:
                self._pool.resize(self._connections)

    def close(self) -> None:
        """Close every connection this object opened (the asynchronous ones: ``close_async``)."""
        if self._pool is not None:
            self._pool.close()
        with self._lock:
            connections, self._all = self._all, []
        for conn in connections:
            conn.close()
        self._local = threading.local()
