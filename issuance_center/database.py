"""The center's SQL connection: SQLite (demo, one process) or PostgreSQL (``--workers N``).

SQLite: one connection per thread. PostgreSQL: a bounded pool per process (``database_connections``,
``issuance_contract.postgres_pool``). Every ``transaction()`` is one transaction; placeholders are
``?`` in the SQL text and rewritten for PostgreSQL.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg

from issuance_contract.pool_size import DEFAULT_SIZE
from issuance_contract.postgres_pool import PostgresPool
from issuance_contract.sqlite_connection import connect_sqlite


class DatabaseError(Exception):
    """The center's database cannot be opened or used."""


class DuplicateError(DatabaseError):
    """A row with the same unique key exists."""


Row = tuple[Any, ...]


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
        try:
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
        except (sqlite3.IntegrityError, psycopg.errors.UniqueViolation) as exc:
            raise DuplicateError(str(exc)) from exc
        except (sqlite3.Error, psycopg.Error) as exc:
            raise DatabaseError(f"database error: {exc}") from exc

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """One statement in its own transaction (on PostgreSQL, autocommit: one round trip)."""
        if self._pool is None:
            with self.transaction() as tx:
                return tx.execute(sql, params)
        try:
            with self._pool.connection() as conn:
                return Transaction(conn, True).execute(sql, params)
        except psycopg.errors.UniqueViolation as exc:
            raise DuplicateError(str(exc)) from exc
        except psycopg.Error as exc:
            raise DatabaseError(f"database error: {exc}") from exc

    def close(self) -> None:
        """Close every connection this object opened."""
        if self._pool is not None:
            self._pool.close()
        with self._lock:
            connections, self._all = self._all, []
        for conn in connections:
            conn.close()
        self._local = threading.local()
