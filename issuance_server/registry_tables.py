"""The registry's tables: persons, households, koseki, seals and cards."""

from __future__ import annotations

import datetime as dt

from issuance_server.database import Database, StorageError
from issuance_server.registry import (
    CardRecord,
    Household,
    Koseki,
    Person,
    Registry,
    SealRegistration,
)


class RegistryTables(Database):
    """The city's registry as stored: loaded whole, read one record at a time."""

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
