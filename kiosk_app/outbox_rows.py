"""Rows of the outbox file read back one at a time: a damaged row is named, never raised.

A row can be damaged in the file (a bit flip, a column of the wrong type, text that is not
UTF-8) or hold a report the contract refuses (more than 50 documents, 11 copies of one). Each
column is read as the bytes or the integer it should be, so that reading the table never fails
for one row; :func:`read_row` turns a row into the message it queues or a :class:`DamagedRow`
that says which column is wrong (never its content) and keeps what could be read of it.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from enum import StrEnum

from pydantic import ValidationError

from issuance_contract.messages import OutcomeReport
from kiosk_app.stored_columns import (
    UnreadableColumnError,
    as_integer,
    as_text,
    integer,
    json_value,
    member,
    text,
)

#: The reason a damaged row is kept under, among the server's refusals (``refused_reports``).
UNREADABLE_ROW = "unreadable_row"  # a column cannot be read as what it should hold
INVALID_REPORT = "invalid_report"  # a report the contract refuses (the server would too)


class MessageKind(StrEnum):
    """What a queued message asks of the server."""

    REPORT = "report"  # report_outcome(request_id, OutcomeReport)
    CANCEL = "cancel"  # cancel(request_id)
    CANCEL_BY_KEY = "cancel_by_key"  # cancel_by_key(idempotency_key)


@dataclass(frozen=True)
class OutboxMessage:
    """One queued message, in the order it was queued. A report names the copies out whole of
    each document (``copies``) and the fee kept; ``document_ids`` only in a report queued before
    copies were counted (the documents every copy of which came out)."""

    seq: int
    kind: MessageKind
    request_id: str
    idempotency_key: str
    document_ids: tuple[str, ...]
    fee_yen: int
    attempts: int
    copies: tuple[tuple[str, int], ...] = ()

    def same_as(self, other: OutboxMessage) -> bool:
        """True when both ask the server the same thing (whatever their place and tries)."""
        return (self.kind, self.request_id, self.idempotency_key, self.document_ids,
                self.fee_yen, self.copies) == (other.kind, other.request_id, other.idempotency_key,
                                               other.document_ids, other.fee_yen,
                                               other.copies)  # fmt: skip

    def outcome_report(self) -> OutcomeReport:
        """The outcome report a ``REPORT`` message sends (``ValidationError`` if the contract
        refuses it)."""
        return OutcomeReport(
            fee_charged_yen=self.fee_yen,
            printed_copies=dict(self.copies),
            printed_documents=list(self.document_ids),
        )


@dataclass(frozen=True)
class DamagedRow:
    """A row that cannot be sent: its sequence number, why (``reason``: :data:`UNREADABLE_ROW`
    or :data:`INVALID_REPORT`; ``fault``: the column and what is wrong with it) and what could
    be read of it (an unreadable request id as far as it decodes, an unreadable fee as 0)."""

    seq: int
    reason: str
    fault: str
    request_id: str
    fee_yen: int
    copies: tuple[tuple[str, int], ...]
    document_ids: tuple[str, ...]


#: Every queued row, oldest first: text columns as their bytes, integers as integers, and NULL
#: for a value of another type (so that no row can make the query itself fail).
SELECT_ROWS = (
    f"SELECT seq, {as_text('kind')}, {as_text('request_id')}, {as_text('idempotency_key')},"  # noqa: S608 (constants)
    f" {as_text('document_ids')}, {as_integer('fee_yen')}, {as_integer('attempts')},"
    f" {as_text('copies')} FROM outbox ORDER BY seq"
)

Row = tuple[int, bytes | None, bytes | None, bytes | None, bytes | None, int | None, int | None,
            bytes | None]  # fmt: skip


def _documents(value: bytes | None) -> tuple[str, ...]:
    parsed = json_value(value, "document_ids")
    if not isinstance(parsed, list) or not all(isinstance(d, str) for d in parsed):
        raise UnreadableColumnError("document_ids: not a list of ids")
    return tuple(parsed)


def _copies(value: bytes | None) -> tuple[tuple[str, int], ...]:
    parsed = json_value(value, "copies")
    # a count is an int, not a bool or a float
    if not isinstance(parsed, dict) or not all(type(n) is int for n in parsed.values()):
        raise UnreadableColumnError("copies: not copies per document")
    return tuple(parsed.items())


def _salvaged(row: Row, reason: str, fault: str) -> DamagedRow:
    """What can be read of a damaged row, for the field engineer."""
    seq, _kind, request_id, _key, documents, fee, _attempts, copies = row
    salvage_copies: tuple[tuple[str, int], ...] = ()
    salvage_documents: tuple[str, ...] = ()
    with contextlib.suppress(UnreadableColumnError):
        salvage_copies = _copies(copies)
    with contextlib.suppress(UnreadableColumnError):
        salvage_documents = _documents(documents)
    return DamagedRow(
        seq=seq,
        reason=reason,
        fault=fault,
        request_id=(request_id or b"").decode(errors="backslashreplace"),
        fee_yen=fee if fee is not None and fee >= 0 else 0,
        copies=salvage_copies,
        document_ids=salvage_documents,
    )


def read_row(row: Row) -> OutboxMessage | DamagedRow:
    """The message a row of :data:`SELECT_ROWS` queues, or what is wrong with it."""
    seq, kind, request_id, key, documents, fee, attempts, copies = row
    try:
        message = OutboxMessage(
            seq,
            member(kind, "kind", MessageKind),
            text(request_id, "request_id"),
            text(key, "idempotency_key"),
            _documents(documents),
            integer(fee, "fee_yen"),
            integer(attempts, "attempts"),
            _copies(copies),
        )
    except UnreadableColumnError as exc:
        return _salvaged(row, UNREADABLE_ROW, str(exc))
    if message.kind is MessageKind.REPORT:
        try:
            message.outcome_report()
        except ValidationError as exc:
            return _salvaged(row, INVALID_REPORT, contract_fault(exc))
    return message


def contract_fault(exc: ValidationError) -> str:
    """Where a report breaks the contract and how (never the values)."""
    error = exc.errors()[0]
    return f"{'.'.join(str(part) for part in error['loc'])}: {error['type']}"
