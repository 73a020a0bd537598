"""The issuance log: every request, its documents, what was printed and charged."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from issuance_server.database import Database, from_text, to_text


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
    request_digest: str = ""  # SHA-256 of the order, to tell a retry from another order


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
    copies_printed: int = 0  # copies that came out whole (their fee kept)
    copy_fee_yen: int | None = None  # the fee of one copy when ordered (None: an older row)

    @property
    def printed(self) -> bool:
        """Whether at least one copy came out whole."""
        return self.copies_printed > 0


def _copies_out(row: Sequence[Any]) -> int:
    """The copies printed of an ``issued_documents`` row (copies, …, printed, copies_printed):
    a row closed before copies were counted (``copies_printed`` NULL) was printed whole or not
    at all."""
    copies, printed, copies_printed = int(row[4]), bool(row[7]), row[8]
    if copies_printed is None:
        return copies if printed else 0
    return int(copies_printed)


def fee_of_copies(documents: Sequence[DocumentRow], copies: Mapping[str, int]) -> int | None:
    """The fee of the copies printed (``copies``: document id → copies out) at each document's
    fee of a copy; None when a document was ordered before that fee was kept."""
    total = 0
    for document in documents:
        if document.copy_fee_yen is None:
            return None
        total += document.copy_fee_yen * copies.get(document.document_id, 0)
    return total


class IssuanceLog(Database):
    """Requests and their documents, kept to answer retries and to settle."""

    def record_issuance(self, row: IssuanceRow, documents: list[DocumentRow]) -> None:
        """Append a request and its documents to the log in one transaction.

        Raises DuplicateKeyError if the kiosk already used the idempotency key.
        """
        with self._tx() as cur:
            cur.execute(
                f"INSERT INTO issuances ({self._ISSUANCE_COLUMNS})"  # noqa: S608 (constants)
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    row.request_id,
                    row.kiosk_id,
                    row.person_id,
                    row.idempotency_key,
                    to_text(row.created_at),
                    row.status,
                    row.total_fee_yen,
                    row.fee_charged_yen,
                    row.reply,
                    row.request_digest,
                ),
            )
            for d in documents:
                cur.execute(
                    "INSERT INTO issued_documents (document_id, request_id, applicant_id,"
                    " certificate_type, copies, pages, subjects, printed, copy_fee_yen)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)",
                    (
                        d.document_id,
                        d.request_id,
                        d.applicant_id,
                        d.certificate_type,
                        d.copies,
                        d.pages,
                        d.subjects,
                        d.copy_fee_yen,
                    ),
                )

    _ISSUANCE_COLUMNS = (
        "request_id, kiosk_id, person_id, idempotency_key, created_at, status, total_fee_yen,"
        " fee_charged_yen, reply, request_digest"
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
        return IssuanceRow(
            r[0], r[1], r[2], r[3], from_text(r[4]), r[5], r[6], r[7], reply, r[9] or ""
        )

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
            " subjects, printed, copies_printed, copy_fee_yen FROM issued_documents"
            " WHERE request_id = ? ORDER BY document_id",
            (request_id,),
        )
        return [
            DocumentRow(
                r[0],
                r[1],
                r[2],
                r[3],
                int(r[4]),
                int(r[5]),
                r[6],
                _copies_out(r),
                None if r[9] is None else int(r[9]),
            )
            for r in rows
        ]

    def close_issuance(
        self, request_id: str, status: str, fee_charged_yen: int, copies: Mapping[str, int]
    ) -> None:
        """Record the outcome (printed / cancelled), the copies of each document that came
        out whole (``copies``: document id → copies), and drop the stored reply."""
        with self._tx() as cur:
            cur.execute(
                "UPDATE issuances SET status = ?, fee_charged_yen = ?, reply = NULL"
                " WHERE request_id = ?",
                (status, fee_charged_yen, request_id),
            )
            for document_id, out in copies.items():
                cur.execute(
                    "UPDATE issued_documents SET printed = ?, copies_printed = ?"
                    " WHERE document_id = ? AND request_id = ?",
                    (int(out > 0), out, document_id, request_id),
                )

    def issuances_since(self, since: dt.datetime) -> list[IssuanceRow]:
        """The log from ``since`` on, oldest first (replies left out)."""
        rows = self._query(
            f"SELECT {self._ISSUANCE_COLUMNS} FROM issuances"  # noqa: S608 (constants)
            " WHERE created_at >= ? ORDER BY created_at",
            (to_text(since),),
        )
        return [
            IssuanceRow(r[0], r[1], r[2], r[3], from_text(r[4]), r[5], r[6], r[7], None, r[9] or "")
            for r in rows
        ]

    def issuance_count(self) -> int:
        """How many requests the log holds."""
        return int(self._query("SELECT COUNT(*) FROM issuances")[0][0])
