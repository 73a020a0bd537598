"""Usage registrations (本籍地 利用登録申請): filed, looked up, decided."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from issuance_contract.messages import STORED_TEXT, RegistrationForm, RegistrationState
from issuance_server.database import Database, DuplicateKeyError, from_text, to_text


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


class RegistrationTables(Database):
    """Registrations by number and by person."""

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
            # Rows stored before the form refused control characters are still listed.
            form=RegistrationForm.model_validate_json(r[4], context=STORED_TEXT),
            state=RegistrationState(r[5]),
            reason=r[6],
            submitted_at=from_text(r[7]),
            decided_at=from_text(r[8]) if r[8] else None,
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
                    to_text(now),
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
                (state.value, reason, to_text(now), number, RegistrationState.PENDING.value),
            )
        return bool(rows)

    def approved_registration(self, person_id: str, koseki_id: str) -> bool:
        """True if the person holds an approved registration for the koseki."""
        rows = self._query(
            "SELECT number FROM registrations WHERE person_id = ? AND koseki_id = ? AND state = ?",
            (person_id, koseki_id, RegistrationState.APPROVED.value),
        )
        return bool(rows)
