"""Storage of the registry, authentication state, the issuance log and registrations.

One SQL implementation for two engines: SQLite (default, one process) and PostgreSQL (a
municipality deployment with several server processes). Every connection belongs to one thread;
every write is one transaction.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import psycopg

from issuance_contract.messages import RegistrationForm, RegistrationState
from issuance_server.registry import (
    CardRecord,
    Household,
    Koseki,
    Person,
    Registry,
    SealRegistration,
)

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
    UNIQUE (kiosk_id, idempotency_key));
CREATE TABLE IF NOT EXISTS issued_documents (
    document_id TEXT PRIMARY KEY, request_id TEXT NOT NULL, applicant_id TEXT NOT NULL,
    certificate_type TEXT NOT NULL, copies INTEGER NOT NULL, pages INTEGER NOT NULL,
    subjects TEXT NOT NULL, printed INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS registrations (
    number {serial} PRIMARY KEY, person_id TEXT NOT NULL, card_serial BIGINT NOT NULL,
    koseki_id TEXT, form TEXT NOT NULL, state TEXT NOT NULL, reason TEXT,
    submitted_at TEXT NOT NULL, decided_at TEXT);
"""

_DIALECTS = {
    "sqlite": {"blob": "BLOB", "serial": "INTEGER"},
    "postgresql": {"blob": "BYTEA", "serial": "BIGSERIAL"},
}


@dataclass(frozen=True)
class ChallengeRow:
    """A stored challenge."""

    kiosk_id: str
    nonce: bytes
    expires_at: dt.datetime
    used: bool


@dataclass(frozen=True)
class SessionRow:
    """A stored session (the token itself is never stored, only its hash)."""

    kiosk_id: str
    person_id: str
    card_serial: int
    expires_at: dt.datetime
    ended: bool


@dataclass(frozen=True)
class IssuanceRow:
    """An entry of the issuance log."""

    request_id: str
    kiosk_id: str
    person_id: str
    idempotency_key: str
    created_at: dt.datetime
    status: str  # an IssuanceStatus: issued / printed / cancelled
    total_fee_yen: int
    fee_charged_yen: int | None
    reply: bytes | None


@dataclass(frozen=True)
class DocumentRow:
    """One document of the issuance log (what was issued, about whom, to whom)."""

    document_id: str
    request_id: str
    applicant_id: str
    certificate_type: str
    copies: int
    pages: int
    subjects: str  # person ids, comma-separated
    printed: bool = False


@dataclass(frozen=True)
class RegistrationRow:
    """A usage registration (利用登録申請)."""

    number: int
    person_id: str
    card_serial: int
    koseki_id: str | None
    form: RegistrationForm
    state: RegistrationState
    reason: str | None
    submitted_at: dt.datetime
    decided_at: dt.datetime | None


class _Cursor(Protocol):
    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...


def _ts(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat()


def _parse_ts(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


class Store:
    """The server's storage on SQLite (``sqlite:///path``) or PostgreSQL (``postgresql://…``)."""

    def __init__(self, url: str) -> None:
        if url.startswith("sqlite:"):
            self._dialect = "sqlite"
            self._path = url.removeprefix("sqlite:").removeprefix("//") or ":memory:"
        elif url.startswith(("postgresql:", "postgres:")):
            self._dialect = "postgresql"
            self._path = url
        else:
            raise StorageError("a database URL starting with sqlite: or postgresql:")
        self._local = threading.local()
        self._lock = threading.Condition()
        self._connections: list[Any] = []
        self._in_use = 0  # transactions running now, on any thread (close waits for them)
        ddl = _SCHEMA.format(**_DIALECTS[self._dialect])
        with self._tx() as cur:
            for statement in ddl.split(";"):
                if statement.strip():
                    cur.execute(statement)

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
            if self._dialect == "sqlite":
                if self._path != ":memory:":
                    # Personal data: the directory and the database are the server's alone.
                    Path(self._path).parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                    Path(self._path).touch(mode=0o600, exist_ok=True)
                conn = sqlite3.connect(self._path, isolation_level=None, check_same_thread=False)
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=FULL")
                conn.execute("PRAGMA busy_timeout=10000")
            else:
                conn = psycopg.connect(self._path, autocommit=True)
        except (sqlite3.Error, psycopg.Error) as exc:
            raise StorageError(f"cannot open the database: {exc}") from exc
        self._local.conn = conn
        with self._lock:
            self._connections.append(conn)
        return conn

    @contextmanager
    def _tx(self) -> Iterator[_Cursor]:
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
    def _transaction(self) -> Iterator[_Cursor]:
        conn = self._connection()
        try:
            if self._dialect == "sqlite":
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield _SqliteCursor(conn)
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
            else:
                with conn.transaction():
                    yield _PgCursor(conn)
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
            for conn in self._connections:
                conn.close()
            self._connections.clear()
            self._local = threading.local()

    # -- registry ---------------------------------------------------------------------------
    def is_empty(self) -> bool:
        """True when no person has been loaded yet."""
        return not self._query("SELECT id FROM persons LIMIT 1")

    def load_registry(self, registry: Registry) -> None:
        """Insert a whole registry (demo data or a migration) in one transaction."""
        with self._tx() as cur:
            for h in registry.households:
                cur.execute("INSERT INTO households VALUES (?, ?)", (h.id, h.model_dump_json()))
            for p in registry.persons:
                household = p.residence.household_id if p.residence else None
                cur.execute(
                    "INSERT INTO persons VALUES (?, ?, ?, ?)",
                    (p.id, household, p.koseki_id, p.model_dump_json()),
                )
            for k in registry.koseki:
                cur.execute("INSERT INTO koseki VALUES (?, ?)", (k.id, k.model_dump_json()))
            for s in registry.seals:
                cur.execute(
                    "INSERT INTO seals VALUES (?, ?, ?)", (s.id, s.person_id, s.model_dump_json())
                )
            for c in registry.cards:
                cur.execute(
                    "INSERT INTO cards VALUES (?, ?, ?, ?)",
                    (c.serial, c.person_id, int(c.revoked), c.model_dump_json()),
                )

    def person(self, person_id: str) -> Person | None:
        """One person by id."""
        rows = self._query("SELECT body FROM persons WHERE id = ?", (person_id,))
        return Person.model_validate_json(rows[0][0]) if rows else None

    def household(self, household_id: str) -> Household | None:
        """One household by id."""
        rows = self._query("SELECT body FROM households WHERE id = ?", (household_id,))
        return Household.model_validate_json(rows[0][0]) if rows else None

    def household_members(self, household_id: str) -> list[Person]:
        """The persons whose 住民票 is in the household, in id order."""
        rows = self._query(
            "SELECT body FROM persons WHERE household_id = ? ORDER BY id", (household_id,)
        )
        return [Person.model_validate_json(r[0]) for r in rows]

    def koseki(self, koseki_id: str) -> Koseki | None:
        """One koseki by id."""
        rows = self._query("SELECT body FROM koseki WHERE id = ?", (koseki_id,))
        return Koseki.model_validate_json(rows[0][0]) if rows else None

    def seal_of(self, person_id: str) -> SealRegistration | None:
        """The person's latest seal registration (registered or abolished)."""
        rows = self._query("SELECT body FROM seals WHERE person_id = ? ORDER BY id", (person_id,))
        seals = [SealRegistration.model_validate_json(r[0]) for r in rows]
        return max(seals, key=lambda s: s.registered_on) if seals else None

    def abolish_seal(self, seal_id: str, on: dt.date) -> None:
        """Record that a seal registration was abolished (廃止)."""
        with self._tx() as cur:
            rows = cur.execute("SELECT body FROM seals WHERE id = ?", (seal_id,))
            if not rows:
                raise StorageError(f"no seal registration {seal_id}")
            seal = SealRegistration.model_validate_json(rows[0][0])
            body = seal.model_copy(update={"abolished_on": on}).model_dump_json()
            cur.execute("UPDATE seals SET body = ? WHERE id = ?", (body, seal_id))

    def card(self, serial: int) -> CardRecord | None:
        """The card record of a certificate serial number, with its revocation state."""
        rows = self._query("SELECT body, revoked FROM cards WHERE serial = ?", (serial,))
        if not rows:
            return None
        record = CardRecord.model_validate_json(rows[0][0])
        return record.model_copy(update={"revoked": bool(rows[0][1])})

    def cards(self) -> list[CardRecord]:
        """All card records, by serial."""
        rows = self._query("SELECT body, revoked FROM cards ORDER BY serial")
        return [
            CardRecord.model_validate_json(b).model_copy(update={"revoked": bool(r)})
            for b, r in rows
        ]

    def revoke_card(self, serial: int) -> None:
        """Mark a certificate as revoked (lost card, 失効)."""
        self._query("UPDATE cards SET revoked = 1 WHERE serial = ?", (serial,))

    # -- authentication ---------------------------------------------------------------------
    def add_challenge(
        self, challenge_id: str, kiosk_id: str, nonce: bytes, expires_at: dt.datetime
    ) -> None:
        """Store a new, unused challenge."""
        self._query(
            "INSERT INTO challenges VALUES (?, ?, ?, ?, 0)",
            (challenge_id, kiosk_id, nonce, _ts(expires_at)),
        )

    def take_challenge(self, challenge_id: str) -> ChallengeRow | None:
        """Mark a challenge used and return it as it was before (``used`` tells a replay).

        One atomic UPDATE, so that two concurrent uses of a nonce cannot both see it unused.
        """
        with self._tx() as cur:
            rows = cur.execute(
                "UPDATE challenges SET used = 1 WHERE id = ? AND used = 0"
                " RETURNING kiosk_id, nonce, expires_at",
                (challenge_id,),
            )
            if rows:
                kiosk_id, nonce, expires_at = rows[0]
                return ChallengeRow(kiosk_id, bytes(nonce), _parse_ts(expires_at), used=False)
            rows = cur.execute(
                "SELECT kiosk_id, nonce, expires_at FROM challenges WHERE id = ?", (challenge_id,)
            )
        if not rows:
            return None
        kiosk_id, nonce, expires_at = rows[0]
        return ChallengeRow(kiosk_id, bytes(nonce), _parse_ts(expires_at), used=True)

    def add_session(
        self,
        token_hash: str,
        kiosk_id: str,
        person_id: str,
        card_serial: int,
        expires_at: dt.datetime,
    ) -> None:
        """Store a session by the hash of its token."""
        self._query(
            "INSERT INTO sessions VALUES (?, ?, ?, ?, ?, 0)",
            (token_hash, kiosk_id, person_id, card_serial, _ts(expires_at)),
        )

    def session(self, token_hash: str) -> SessionRow | None:
        """A session by token hash."""
        rows = self._query(
            "SELECT kiosk_id, person_id, card_serial, expires_at, ended FROM sessions"
            " WHERE token_hash = ?",
            (token_hash,),
        )
        if not rows:
            return None
        kiosk_id, person_id, serial, expires_at, ended = rows[0]
        return SessionRow(kiosk_id, person_id, int(serial), _parse_ts(expires_at), bool(ended))

    def end_session(self, token_hash: str) -> None:
        """End a session; its token is refused from now on."""
        self._query("UPDATE sessions SET ended = 1 WHERE token_hash = ?", (token_hash,))

    def purge_expired(self, now: dt.datetime, replies_before: dt.datetime) -> None:
        """Delete expired challenges and sessions, and drop stored replies made before a time.

        A reply holds the PDFs for an idempotent retry only as long as a session can last.
        """
        with self._tx() as cur:
            cur.execute("DELETE FROM challenges WHERE expires_at < ?", (_ts(now),))
            cur.execute("DELETE FROM sessions WHERE expires_at < ?", (_ts(now),))
            cur.execute(
                "UPDATE issuances SET reply = NULL WHERE reply IS NOT NULL AND created_at < ?",
                (_ts(replies_before),),
            )

    # -- issuance log -----------------------------------------------------------------------
    def record_issuance(self, row: IssuanceRow, documents: list[DocumentRow]) -> None:
        """Append a request and its documents to the log in one transaction.

        Raises DuplicateKeyError if the kiosk already used the idempotency key.
        """
        with self._tx() as cur:
            cur.execute(
                "INSERT INTO issuances VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    row.request_id,
                    row.kiosk_id,
                    row.person_id,
                    row.idempotency_key,
                    _ts(row.created_at),
                    row.status,
                    row.total_fee_yen,
                    row.fee_charged_yen,
                    row.reply,
                ),
            )
            for d in documents:
                cur.execute(
                    "INSERT INTO issued_documents VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
                    (
                        d.document_id,
                        d.request_id,
                        d.applicant_id,
                        d.certificate_type,
                        d.copies,
                        d.pages,
                        d.subjects,
                    ),
                )

    _ISSUANCE_COLUMNS = (
        "request_id, kiosk_id, person_id, idempotency_key, created_at, status, total_fee_yen,"
        " fee_charged_yen, reply"
    )

    def _issuance(self, where: str, params: Sequence[Any]) -> IssuanceRow | None:
        rows = self._query(
            f"SELECT {self._ISSUANCE_COLUMNS} FROM issuances WHERE {where}",  # noqa: S608 (constants)
            params,
        )
        if not rows:
            return None
        r = rows[0]
        reply = bytes(r[8]) if r[8] is not None else None
        return IssuanceRow(r[0], r[1], r[2], r[3], _parse_ts(r[4]), r[5], r[6], r[7], reply)

    def issuance(self, request_id: str) -> IssuanceRow | None:
        """One request of the log."""
        return self._issuance("request_id = ?", (request_id,))

    def issuance_by_key(self, kiosk_id: str, idempotency_key: str) -> IssuanceRow | None:
        """The request a kiosk made with an idempotency key, if any."""
        return self._issuance("kiosk_id = ? AND idempotency_key = ?", (kiosk_id, idempotency_key))

    def documents(self, request_id: str) -> list[DocumentRow]:
        """The documents of one request."""
        rows = self._query(
            "SELECT document_id, request_id, applicant_id, certificate_type, copies, pages,"
            " subjects, printed FROM issued_documents WHERE request_id = ? ORDER BY document_id",
            (request_id,),
        )
        return [
            DocumentRow(r[0], r[1], r[2], r[3], int(r[4]), int(r[5]), r[6], bool(r[7]))
            for r in rows
        ]

    def close_issuance(
        self, request_id: str, status: str, fee_charged_yen: int, printed: list[str]
    ) -> None:
        """Record the outcome (printed / cancelled) and drop the stored reply."""
        with self._tx() as cur:
            cur.execute(
                "UPDATE issuances SET status = ?, fee_charged_yen = ?, reply = NULL"
                " WHERE request_id = ?",
                (status, fee_charged_yen, request_id),
            )
            for document_id in printed:
                cur.execute(
                    "UPDATE issued_documents SET printed = 1"
                    " WHERE document_id = ? AND request_id = ?",
                    (document_id, request_id),
                )

    def issuances_since(self, since: dt.datetime) -> list[IssuanceRow]:
        """The log from ``since`` on, oldest first (replies left out)."""
        rows = self._query(
            f"SELECT {self._ISSUANCE_COLUMNS} FROM issuances"  # noqa: S608 (constants)
            " WHERE created_at >= ? ORDER BY created_at",
            (_ts(since),),
        )
        return [
            IssuanceRow(r[0], r[1], r[2], r[3], _parse_ts(r[4]), r[5], r[6], r[7], None)
            for r in rows
        ]

    def issuance_count(self) -> int:
        """How many requests the log holds."""
        return int(self._query("SELECT COUNT(*) FROM issuances")[0][0])

    # -- usage registrations ----------------------------------------------------------------
    _REG_COLUMNS = (
        "number, person_id, card_serial, koseki_id, form, state, reason, submitted_at, decided_at"
    )

    @staticmethod
    def _registration(r: tuple[Any, ...]) -> RegistrationRow:
        return RegistrationRow(
            number=int(r[0]),
            person_id=r[1],
            card_serial=int(r[2]),
            koseki_id=r[3],
            form=RegistrationForm.model_validate_json(r[4]),
            state=RegistrationState(r[5]),
            reason=r[6],
            submitted_at=_parse_ts(r[7]),
            decided_at=_parse_ts(r[8]) if r[8] else None,
        )

    def add_registration(
        self,
        person_id: str,
        card_serial: int,
        koseki_id: str | None,
        form: RegistrationForm,
        now: dt.datetime,
    ) -> int:
        """Store a pending registration and return its number.

        Raises DuplicateKeyError if the person already has a pending or approved one.
        """
        with self._tx() as cur:
            active = cur.execute(
                "SELECT number FROM registrations WHERE person_id = ? AND state IN (?, ?)",
                (person_id, RegistrationState.PENDING.value, RegistrationState.APPROVED.value),
            )
            if active:
                raise DuplicateKeyError(f"registration {active[0][0]} is already active")
            rows = cur.execute(
                "INSERT INTO registrations (person_id, card_serial, koseki_id, form, state,"
                " submitted_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING number",
                (
                    person_id,
                    card_serial,
                    koseki_id,
                    form.model_dump_json(),
                    RegistrationState.PENDING.value,
                    _ts(now),
                ),
            )
        return int(rows[0][0])

    def registration(self, number: int) -> RegistrationRow | None:
        """One registration by number."""
        rows = self._query(
            f"SELECT {self._REG_COLUMNS} FROM registrations WHERE number = ?",  # noqa: S608
            (number,),
        )
        return self._registration(rows[0]) if rows else None

    def registrations(self, state: RegistrationState | None = None) -> list[RegistrationRow]:
        """All registrations, or those in one state, by number."""
        if state is None:
            rows = self._query(f"SELECT {self._REG_COLUMNS} FROM registrations ORDER BY number")  # noqa: S608
        else:
            rows = self._query(
                f"SELECT {self._REG_COLUMNS} FROM registrations WHERE state = ?"  # noqa: S608
                " ORDER BY number",
                (state.value,),
            )
        return [self._registration(r) for r in rows]

    def decide_registration(
        self, number: int, state: RegistrationState, reason: str | None, now: dt.datetime
    ) -> bool:
        """Approve or reject a pending registration; False if it is not pending."""
        with self._tx() as cur:
            rows = cur.execute(
                "UPDATE registrations SET state = ?, reason = ?, decided_at = ?"
                " WHERE number = ? AND state = ? RETURNING number",
                (state.value, reason, _ts(now), number, RegistrationState.PENDING.value),
            )
        return bool(rows)

    def approved_registration(self, person_id: str, koseki_id: str) -> bool:
        """True if the person holds an approved registration for the koseki."""
        rows = self._query(
            "SELECT number FROM registrations WHERE person_id = ? AND koseki_id = ? AND state = ?",
            (person_id, koseki_id, RegistrationState.APPROVED.value),
        )
        return bool(rows)


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
