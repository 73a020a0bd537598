"""The server's database engine: one SQL implementation for SQLite (default, one process) and
PostgreSQL (a municipality deployment with several server processes). SQLite: a connection per
thread; PostgreSQL: a bounded pool per process (``database_connections``,
``issuance_contract.postgres_pool``). Every write is one transaction. The tables' jobs are in
registry_tables, session_tables, issuance_log and registration_tables; ``storage.Store`` has
them all.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

import psycopg

from issuance_contract.pool_size import DEFAULT_SIZE
from issuance_contract.postgres_pool import PostgresPool
from issuance_contract.sqlite_connection import connect_sqlite

log = logging.getLogger(__name__)


#: How long ``Store.close`` waits for transactions still running on other threads.
CLOSE_WAIT_S = 30.0


class StorageError(Exception):
    """The database cannot be opened or used."""


class DuplicateKeyError(StorageError):
    """A row with the same unique key exists (e.g. an idempotency key already used)."""


_SCHEMA = """
CREATE TABLE IF NOT EXISTS households (id TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS persons (
    id TEXT PRIMARY KEY, household_id TEXT, koseki_id TEXT, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS persons_household ON persons (household_id);
CREATE TABLE IF NOT EXISTS koseki (id TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS seals (
    id TEXT PRIMARY KEY, person_id TEXT NOT NULL, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS seals_person ON seals (person_id);
CREATE TABLE IF NOT EXISTS cards (
    serial BIGINT PRIMARY KEY, person_id TEXT NOT NULL, revoked INTEGER NOT NULL,
    body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS challenges (
    id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, nonce {blob} NOT NULL,
    expires_at TEXT NOT NULL, used INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, person_id TEXT NOT NULL,
    card_serial BIGINT NOT NULL, expires_at TEXT NOT NULL, ended INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS issuances (
    request_id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, person_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL, created_at TEXT NOT NULL, status TEXT NOT NULL,
    total_fee_yen INTEGER NOT NULL, fee_charged_yen INTEGER, reply {blob},
    request_digest TEXT, UNIQUE (kiosk_id, idempotency_key));
CREATE TABLE IF NOT EXISTS issued_documents (
    document_id TEXT PRIMARY KEY, request_id TEXT NOT NULL, applicant_id TEXT NOT NULL,
    certificate_type TEXT NOT NULL, copies INTEGER NOT NULL, pages INTEGER NOT NULL,
    subjects TEXT NOT NULL, printed INTEGER NOT NULL, copies_printed INTEGER,
    copy_fee_yen INTEGER);
CREATE TABLE IF NOT EXISTS registrations (
    number {serial} PRIMARY KEY, person_id TEXT NOT NULL, card_serial BIGINT NOT NULL,
    koseki_id TEXT, form TEXT NOT NULL, state TEXT NOT NULL, reason TEXT,
    submitted_at TEXT NOT NULL, decided_at TEXT);
"""

_DIALECTS = {
    "sqlite": {"blob": "BLOB", "serial": "INTEGER"},
    "postgresql": {"blob": "BYTEA", "serial": "BIGSERIAL"},
}


class Cursor(Protocol):
    """One transaction's way to run SQL (``?`` placeholders on both engines)."""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...


def to_text(value: dt.datetime) -> str:
    """A time as stored (ISO 8601, UTC)."""
    return value.astimezone(dt.UTC).isoformat()


def from_text(text: str) -> dt.datetime:
    """A stored time."""
    return dt.datetime.fromisoformat(text)


class Database:
    """One SQL database on SQLite (``sqlite:///path``) or PostgreSQL (``postgresql://…``): the
    schema, one connection per thread, transactions, closing."""

    def __init__(self, url: str, connections: int = DEFAULT_SIZE) -> None:
        """``connections``: the most PostgreSQL connections this process holds at once."""
        self._pool: PostgresPool | None = None
        if url.startswith("sqlite:"):
            self._dialect = "sqlite"
            self._path = url.removeprefix("sqlite:").removeprefix("//") or ":memory:"
        elif url.startswith(("postgresql:", "postgres:")):
            self._dialect = "postgresql"
            self._path = url
            try:
                self._pool = PostgresPool(url, connections)
            except psycopg.Error as exc:
                raise StorageError(f"cannot open the database: {exc}") from exc
        else:
            raise StorageError("a database URL starting with sqlite: or postgresql:")
        self._local = threading.local()
        self._lock = threading.Condition()
        self._sqlite_turn = threading.Lock()
        self._connections: list[Any] = []
        self._in_use = 0  # transactions running now, on any thread (close waits for them)
        ddl = _SCHEMA.format(**_DIALECTS[self._dialect])
        with self._tx() as cur:
            for statement in ddl.split(";"):
                if statement.strip():
                    cur.execute(statement)
            self._add_missing_columns(cur)

    def _add_missing_columns(self, cur: Cursor) -> None:
        """Columns added since a database was made (a database of an older version)."""
        for table, column in (
            ("issuances", "request_digest TEXT"),
            # NULL in a row closed before copies were counted: printed whole or not at all.
            ("issued_documents", "copies_printed INTEGER"),
            # NULL in a row ordered before the fee of a copy was kept: only the request's total
            # bounds the fee reported.
            ("issued_documents", "copy_fee_yen INTEGER"),
        ):
            if self._dialect == "postgresql":
                cur.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column}")
                continue
            columns = {row[1] for row in cur.execute(f"PRAGMA table_info({table})")}
            if column.split()[0] not in columns:
                cur.execute(f"ALTER TABLE {table} ADD COLUMN {column}")

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self._dialect

    # -- connections and transactions -------------------------------------------------------
    def _connection(self) -> Any:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            return conn
        try:
            if self._path != ":memory:":
                # Personal data: the directory and the database are the server's alone.
                Path(self._path).parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                Path(self._path).touch(mode=0o600, exist_ok=True)
            conn = connect_sqlite(self._path, synchronous_full=True)
        except sqlite3.Error as exc:
            raise StorageError(f"cannot open the database: {exc}") from exc
        self._local.conn = conn
        with self._lock:
            self._connections.append(conn)
        return conn

    @contextmanager
    def _tx(self) -> Iterator[Cursor]:
        with self._lock:
            self._in_use += 1
        try:
            with self._transaction() as cursor:
                yield cursor
        finally:
            with self._lock:
                self._in_use -= 1
                self._lock.notify_all()

    @contextmanager
    def _transaction(self) -> Iterator[Cursor]:
        try:
            if self._pool is not None:
                with self._pool.transaction() as pg:
                    yield _PgCursor(pg)
                return
            conn = self._connection()
            # One transaction at a time per process, in arrival order: SQLite's busy handler
            # polls with growing sleeps, so under load a thread could starve past the busy
            # time-out while later ones took the lock ("database is locked").
            with self._sqlite_turn:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield _SqliteCursor(conn)
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
        except (sqlite3.IntegrityError, psycopg.errors.UniqueViolation) as exc:
            raise DuplicateKeyError(str(exc)) from exc
        except (sqlite3.Error, psycopg.Error) as exc:
            raise StorageError(f"database error: {exc}") from exc

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._tx() as cur:
            return cur.execute(sql, params)

    def close(self) -> None:
        """Close every connection this store opened, once no transaction is using one.

        A transaction still running on another thread (a session ended in the background) is
        waited for: closing an SQLite connection under it would crash the process. If one is
        still running after CLOSE_WAIT_S, the connections are left open (logged) rather than
        closed under it.
        """
        with self._lock:
            if not self._lock.wait_for(lambda: self._in_use == 0, timeout=CLOSE_WAIT_S):
                log.error(
                    "store closing with %d transactions still running: left open", self._in_use
                )
                return
            if self._pool is not None:
                self._pool.close()
            for conn in self._connections:
                conn.close()
            self._connections.clear()
            self._local = threading.local()


class _SqliteCursor:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._conn.execute(sql, tuple(params)).fetchall()


class _PgCursor:
    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        cur = self._conn.execute(sql.replace("?", "%s"), tuple(params))
        return cur.fetchall() if cur.description else []
