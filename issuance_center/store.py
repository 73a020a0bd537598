"""What the center keeps: the municipality and card directories and routing metadata.

Routing metadata only — ids, kiosk, store operator, municipality, certificate types, copies,
fees, times and outcomes — never a name, an address, a PIN or a certificate's content.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from issuance_center.database import CenterDatabase
from issuance_contract.issuance_status import IssuanceStatus
from issuance_contract.pool_size import DEFAULT_SIZE

_SCHEMA = """
CREATE TABLE IF NOT EXISTS municipalities (
    code TEXT PRIMARY KEY, name TEXT NOT NULL, prefecture TEXT NOT NULL, url TEXT NOT NULL,
    ca_pem TEXT NOT NULL, residence INTEGER NOT NULL, honseki INTEGER NOT NULL,
    registration INTEGER NOT NULL, enabled INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS cards (
    issuer TEXT NOT NULL, serial TEXT NOT NULL, municipality TEXT NOT NULL,
    PRIMARY KEY (issuer, serial));
CREATE TABLE IF NOT EXISTS challenges (
    challenge_id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, municipality TEXT NOT NULL,
    certificate_hash TEXT NOT NULL, expires_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, municipality TEXT NOT NULL,
    expires_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS requests (
    kiosk_id TEXT NOT NULL, idempotency_key TEXT NOT NULL, operator TEXT NOT NULL,
    municipality TEXT NOT NULL, request_id TEXT UNIQUE, created_at TEXT NOT NULL,
    status TEXT NOT NULL, total_fee_yen INTEGER NOT NULL, fee_charged_yen INTEGER,
    documents TEXT NOT NULL, closed_at TEXT, PRIMARY KEY (kiosk_id, idempotency_key));
"""


def digest(data: bytes | str) -> str:
    """SHA-256 hex of ``data`` (tokens and certificates are kept only as such)."""
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()


def _ts(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat()


@dataclass(frozen=True)
class Municipality:
    """A participating municipality: its server and what it offers through the center."""

    code: str
    name: str
    prefecture: str
    url: str
    ca_pem: str  # the municipality server's CA, pinned
    residence: bool = True  # 住所地 certificates
    honseki: bool = True  # 本籍地 certificates
    registration: bool = True  # 本籍地 利用登録
    enabled: bool = True


@dataclass(frozen=True)
class DocumentLine:
    """One document of a relayed request, as settlement needs it."""

    document_id: str
    certificate_type: str
    copies: int
    fee_yen: int  # of all its copies
    printed: bool = False  # at least one copy came out whole
    #: Copies that came out whole; None in a record closed before copies were counted (then
    #: every copy came out when ``printed``).
    copies_printed: int | None = None

    @property
    def copies_out(self) -> int:
        """The copies that came out whole (their fee kept)."""
        if self.copies_printed is None:
            return self.copies if self.printed else 0
        return self.copies_printed

    @property
    def fee_out_yen(self) -> int:
        """The fee of the copies that came out whole (the fee is per copy)."""
        return self.fee_yen * self.copies_out // self.copies if self.copies else 0


@dataclass(frozen=True)
class RequestRow:
    """One relayed issuance request."""

    kiosk_id: str
    idempotency_key: str
    operator: str
    municipality: str
    request_id: str | None
    created_at: dt.datetime
    status: IssuanceStatus
    total_fee_yen: int
    fee_charged_yen: int | None
    documents: list[DocumentLine]


def _documents_json(documents: Iterable[DocumentLine]) -> str:
    return json.dumps([d.__dict__ for d in documents], sort_keys=True)


def _printed(documents: Iterable[DocumentLine], copies: Mapping[str, int]) -> list[DocumentLine]:
    out = {document_id: n for document_id, n in copies.items() if n > 0}
    return [
        DocumentLine(
            d.document_id,
            d.certificate_type,
            d.copies,
            d.fee_yen,
            d.document_id in out,
            out.get(d.document_id, 0),
        )
        for d in documents
    ]


def _request(row: tuple[object, ...]) -> RequestRow:
    docs = [DocumentLine(**d) for d in json.loads(str(row[9]))]
    return RequestRow(
        kiosk_id=str(row[0]),
        idempotency_key=str(row[1]),
        operator=str(row[2]),
        municipality=str(row[3]),
        request_id=None if row[4] is None else str(row[4]),
        created_at=dt.datetime.fromisoformat(str(row[5])),
        status=IssuanceStatus(str(row[6])),
        total_fee_yen=int(str(row[7])),
        fee_charged_yen=None if row[8] is None else int(str(row[8])),
        documents=docs,
    )


_CLOSE_REQUEST = (
    "UPDATE requests SET status = ?, fee_charged_yen = ?, closed_at = ?, documents = ? "
    "WHERE kiosk_id = ? AND idempotency_key = ?"
)


def _closing_row(
    closing: tuple[str, int, str, str, str],
    documents: Iterable[DocumentLine],
    copies: Mapping[str, int],
) -> tuple[object, ...]:
    """The parameters of _CLOSE_REQUEST: (status, fee, time), the lines marked, (kiosk, key)."""
    return (*closing[:3], _documents_json(_printed(documents, copies)), *closing[3:])


_SELECT_REQUESTS = (
    "SELECT kiosk_id, idempotency_key, operator, municipality, request_id, created_at, status, "
    "total_fee_yen, fee_charged_yen, documents FROM requests "
)
#: A pending request's row made, or the one already there returned unchanged (one statement).
_OPEN_REQUEST = (
    "INSERT INTO requests VALUES (?, ?, ?, ?, NULL, ?, ?, 0, NULL, '[]', NULL) "
    "ON CONFLICT (kiosk_id, idempotency_key) DO UPDATE SET kiosk_id = excluded.kiosk_id "
    "RETURNING kiosk_id, idempotency_key, operator, municipality, request_id, created_at, "
    "status, total_fee_yen, fee_charged_yen, documents"
)

#: _OPEN_REQUEST for the municipality of a live session of the kiosk, in the same statement (no
#: row: the session is not the kiosk's or not live, or the key was used for another municipality).
_OPEN_SESSION_REQUEST = (
    "INSERT INTO requests SELECT ?, ?, ?, municipality, NULL, ?, ?, 0, NULL, '[]', NULL "
    "FROM sessions WHERE token_hash = ? AND kiosk_id = ? AND expires_at >= ? "
    "ON CONFLICT (kiosk_id, idempotency_key) DO UPDATE SET kiosk_id = excluded.kiosk_id "
    "WHERE requests.municipality = excluded.municipality "
    "RETURNING kiosk_id, idempotency_key, operator, municipality, request_id, created_at, "
    "status, total_fee_yen, fee_charged_yen, documents"
)


class CenterStore:
    """The center's tables on one database."""

    def __init__(self, url: str, connections: int = DEFAULT_SIZE) -> None:
        """``connections``: the most PostgreSQL connections this process holds at once."""
        self.db = CenterDatabase(url, connections)
        with self.db.transaction() as tx:
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    tx.execute(statement)

    def close(self) -> None:
        """Close the database connections."""
        self.db.close()

    # -- the municipality directory ---------------------------------------------------------
    def add_municipality(self, m: Municipality) -> None:
        """Add or replace a municipality."""
        with self.db.transaction() as tx:
            tx.execute("DELETE FROM municipalities WHERE code = ?", (m.code,))
            tx.execute(
                "INSERT INTO municipalities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    m.code,
                    m.name,
                    m.prefecture,
                    m.url,
                    m.ca_pem,
                    int(m.residence),
                    int(m.honseki),
                    int(m.registration),
                    int(m.enabled),
                ),
            )

    def set_enabled(self, code: str, enabled: bool) -> bool:
        """Enable or disable a municipality; False if there is none with ``code``."""
        with self.db.transaction() as tx:
            found = tx.execute("SELECT code FROM municipalities WHERE code = ?", (code,))
            tx.execute("UPDATE municipalities SET enabled = ? WHERE code = ?", (int(enabled), code))
        return bool(found)

    def municipalities(self) -> list[Municipality]:
        """Every municipality, by code."""
        rows = self.db.query("SELECT * FROM municipalities ORDER BY code")
        return [
            Municipality(
                code=str(r[0]),
                name=str(r[1]),
                prefecture=str(r[2]),
                url=str(r[3]),
                ca_pem=str(r[4]),
                residence=bool(r[5]),
                honseki=bool(r[6]),
                registration=bool(r[7]),
                enabled=bool(r[8]),
            )
            for r in rows
        ]

    def municipality(self, code: str) -> Municipality | None:
        """The municipality with ``code``, enabled or not."""
        return next((m for m in self.municipalities() if m.code == code), None)

    # -- the card directory (the JPKI side's: issuer + serial → municipality) -----------------
    def import_cards(self, rows: Iterable[tuple[str, int, str]]) -> int:
        """Add or replace (issuer, serial, municipality code) rows; returns how many."""
        count = 0
        with self.db.transaction() as tx:
            for issuer, serial, code in rows:
                tx.execute(
                    "DELETE FROM cards WHERE issuer = ? AND serial = ?", (issuer, str(serial))
                )
                tx.execute("INSERT INTO cards VALUES (?, ?, ?)", (issuer, str(serial), code))
                count += 1
        return count

    async def card_municipality(self, issuer: str, serial: int) -> str | None:
        """The municipality code of the card, if the directory knows it."""
        rows = await self.db.fetch(
            "SELECT municipality FROM cards WHERE issuer = ? AND serial = ?", (issuer, str(serial))
        )
        return str(rows[0][0]) if rows else None

    # -- authentication routes (the relay's, on its event loop) ---------------------------------
    async def add_challenge(
        self, challenge_id: str, kiosk_id: str, code: str, certificate: bytes, expires: dt.datetime
    ) -> None:
        """Remember where a challenge was made, for whom and for which card."""
        await self.db.fetch(
            "INSERT INTO challenges VALUES (?, ?, ?, ?, ?)",
            (challenge_id, kiosk_id, code, digest(certificate), _ts(expires)),
        )

    async def take_challenge(self, challenge_id: str) -> tuple[str, str, str, dt.datetime] | None:
        """(kiosk, municipality, certificate hash, expiry) of a challenge, removed (single use)."""
        rows = await self.db.fetch(
            "DELETE FROM challenges WHERE challenge_id = ? "
            "RETURNING kiosk_id, municipality, certificate_hash, expires_at",
            (challenge_id,),
        )
        if not rows:
            return None
        kiosk, code, cert_hash, expires = rows[0]
        return str(kiosk), str(code), str(cert_hash), dt.datetime.fromisoformat(str(expires))

    async def add_session(self, token: str, kiosk_id: str, code: str, expires: dt.datetime) -> None:
        """Route a session token to its municipality (the token is kept as a hash)."""
        await self.db.fetch(
            "INSERT INTO sessions VALUES (?, ?, ?, ?)",
            (digest(token), kiosk_id, code, _ts(expires)),
        )

    async def session(self, token: str) -> tuple[str, str, dt.datetime] | None:
        """(kiosk, municipality, expiry) of a session token."""
        rows = await self.db.fetch(
            "SELECT kiosk_id, municipality, expires_at FROM sessions WHERE token_hash = ?",
            (digest(token),),
        )
        if not rows:
            return None
        kiosk, code, expires = rows[0]
        return str(kiosk), str(code), dt.datetime.fromisoformat(str(expires))

    async def end_session(self, token: str, kiosk_id: str) -> tuple[str, dt.datetime] | None:
        """Forget the route of a session of this kiosk: (municipality, expiry), or None if the
        kiosk has no such session."""
        rows = await self.db.fetch(
            "DELETE FROM sessions WHERE token_hash = ? AND kiosk_id = ? "
            "RETURNING municipality, expires_at",
            (digest(token), kiosk_id),
        )
        if not rows:
            return None
        code, expires = rows[0]
        return str(code), dt.datetime.fromisoformat(str(expires))

    def purge(self, now: dt.datetime) -> None:
        """Drop expired challenges and sessions."""
        with self.db.transaction() as tx:
            tx.execute("DELETE FROM challenges WHERE expires_at < ?", (_ts(now),))
            tx.execute("DELETE FROM sessions WHERE expires_at < ?", (_ts(now),))

    # -- relayed requests (the relay's, on its event loop) ------------------------------------
    async def open_request(
        self, kiosk_id: str, key: str, operator: str, code: str, now: dt.datetime
    ) -> RequestRow:
        """The request of (kiosk, idempotency key): recorded as pending before it is relayed,
        so a cancel by key finds its municipality even if the reply is lost."""
        rows = await self.db.fetch(
            _OPEN_REQUEST, (kiosk_id, key, operator, code, _ts(now), IssuanceStatus.PENDING.value)
        )
        return _request(rows[0])

    async def open_session_request(
        self, token: str, kiosk_id: str, key: str, operator: str, now: dt.datetime
    ) -> RequestRow | None:
        """open_request for the municipality of the kiosk's live session ``token``, with the
        session checked in the same statement; None when the session is not the kiosk's or not
        live, or the key was used for another municipality (then ask why, the slow way)."""
        rows = await self.db.fetch(
            _OPEN_SESSION_REQUEST,
            (
                kiosk_id,
                key,
                operator,
                _ts(now),
                IssuanceStatus.PENDING.value,
                digest(token),
                kiosk_id,
                _ts(now),
            ),
        )
        return _request(rows[0]) if rows else None

    async def request_by_key(self, kiosk_id: str, key: str) -> RequestRow | None:
        """The request a kiosk made with an idempotency key."""
        rows = await self.db.fetch(
            _SELECT_REQUESTS + "WHERE kiosk_id = ? AND idempotency_key = ?",
            (kiosk_id, key),
        )
        return _request(rows[0]) if rows else None

    async def request(self, request_id: str) -> RequestRow | None:
        """The request with a municipality's request id."""
        rows = await self.db.fetch(_SELECT_REQUESTS + "WHERE request_id = ?", (request_id,))
        return _request(rows[0]) if rows else None

    async def record_issued(
        self, kiosk_id: str, key: str, request_id: str, total: int, docs: list[DocumentLine]
    ) -> None:
        """The municipality answered with documents (still to be printed and paid)."""
        await self.db.fetch(
            "UPDATE requests SET request_id = ?, status = ?, total_fee_yen = ?, documents = ? "
            "WHERE kiosk_id = ? AND idempotency_key = ? AND status = ?",
            (
                request_id,
                IssuanceStatus.ISSUED.value,
                total,
                _documents_json(docs),
                kiosk_id,
                key,
                IssuanceStatus.PENDING.value,
            ),
        )

    async def record_closed(
        self,
        kiosk_id: str,
        key: str,
        status: IssuanceStatus,
        fee_charged: int,
        copies: Mapping[str, int],
        now: dt.datetime,
        documents: list[DocumentLine] | None = None,
    ) -> None:
        """The outcome the municipality accepted: printed (the copies of each document that
        came out whole, ``copies``, and the fee) or cancelled.

        ``documents``: the request's lines as already read (they are fixed once it was issued),
        which saves reading them again: one statement instead of a transaction of two (which
        runs in a worker thread)."""
        closing = (status.value, fee_charged, _ts(now), kiosk_id, key)
        if documents is not None:
            await self.db.fetch(_CLOSE_REQUEST, _closing_row(closing, documents, copies))
            return
        await asyncio.to_thread(self._close_reading_lines, closing, copies)

    def _close_reading_lines(
        self, closing: tuple[str, int, str, str, str], copies: Mapping[str, int]
    ) -> None:
        """record_closed without the lines at hand: read them and update, one transaction."""
        with self.db.transaction() as tx:
            rows = tx.execute(
                "SELECT documents FROM requests WHERE kiosk_id = ? AND idempotency_key = ?",
                closing[3:],
            )
            docs = [DocumentLine(**d) for d in json.loads(str(rows[0][0]))] if rows else []
            tx.execute(_CLOSE_REQUEST, _closing_row(closing, docs, copies))

    def requests_between(self, start: dt.datetime, end: dt.datetime) -> list[RequestRow]:
        """Every request made in [start, end)."""
        rows = self.db.query(
            _SELECT_REQUESTS + "WHERE created_at >= ? AND created_at < ? ORDER BY created_at",
            (_ts(start), _ts(end)),
        )
        return [_request(r) for r in rows]
