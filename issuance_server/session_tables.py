"""Authentication state: single-use challenges and sessions (token hashes only)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from issuance_server.database import Database, from_text, to_text


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


class SessionTables(Database):
    """Challenges and sessions, and their purge once expired."""

    def add_challenge(
        self, challenge_id: str, kiosk_id: str, nonce: bytes, expires_at: dt.datetime
    ) -> None:
        """Store a new, unused challenge."""
        self._query(
            "INSERT INTO challenges VALUES (?, ?, ?, ?, 0)",
            (challenge_id, kiosk_id, nonce, to_text(expires_at)),
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
                return ChallengeRow(kiosk_id, bytes(nonce), from_text(expires_at), used=False)
            rows = cur.execute(
                "SELECT kiosk_id, nonce, expires_at FROM challenges WHERE id = ?", (challenge_id,)
            )
        if not rows:
            return None
        kiosk_id, nonce, expires_at = rows[0]
        return ChallengeRow(kiosk_id, bytes(nonce), from_text(expires_at), used=True)

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
            (token_hash, kiosk_id, person_id, card_serial, to_text(expires_at)),
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
        return SessionRow(kiosk_id, person_id, int(serial), from_text(expires_at), bool(ended))

    def end_session(self, token_hash: str) -> None:
        """End a session; its token is refused from now on."""
        self._query("UPDATE sessions SET ended = 1 WHERE token_hash = ?", (token_hash,))

    def purge_expired(self, now: dt.datetime, replies_before: dt.datetime) -> None:
        """Delete expired challenges and sessions, and drop stored replies made before a time.

        A reply holds the PDFs for an idempotent retry only as long as a session can last.
        """
        with self._tx() as cur:
            cur.execute("DELETE FROM challenges WHERE expires_at < ?", (to_text(now),))
            cur.execute("DELETE FROM sessions WHERE expires_at < ?", (to_text(now),))
            cur.execute(
                "UPDATE issuances SET reply = NULL WHERE reply IS NOT NULL AND created_at < ?",
                (to_text(replies_before),),
            )
