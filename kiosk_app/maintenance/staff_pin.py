"""The staff PIN that opens maintenance mode: a scrypt hash on disk, three tries, then a lock.

``python -m kiosk_app.maintenance.staff_pin FILE`` asks for a new PIN (4–8 digits) and writes
its hash to FILE (on a kiosk ``/etc/shomei-kiosk/staff-pin``, root:shomei 0640).
"""

from __future__ import annotations

import base64
import datetime as dt
import getpass
import hashlib
import hmac
import os
import secrets
import sys
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from kiosk_app.config import Config
from kiosk_app.maintenance.audit import MaintenanceLog

DEFAULT_STAFF_PIN_FILE = Path("/etc/shomei-kiosk/staff-pin")
MAX_TRIES = 3
LOCK_TIME = dt.timedelta(minutes=15)
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


class StaffPinError(Exception):
    """The staff PIN file is missing or unusable, or a new PIN is not acceptable."""


def hash_pin(pin: bytearray) -> str:
    """``scrypt$<salt>$<hash>`` of ``pin`` (base64); the buffer is zeroed afterwards."""
    try:
        if not (4 <= len(pin) <= 8 and pin.isdigit()):
            raise StaffPinError("a staff PIN has 4 to 8 digits")
        salt = secrets.token_bytes(16)
        digest = hashlib.scrypt(bytes(pin), salt=salt, **_SCRYPT)
    finally:
        pin[:] = bytes(len(pin))
    encode = base64.b64encode
    return f"scrypt${encode(salt).decode()}${encode(digest).decode()}"


def verify_pin(pin: bytearray, stored: str) -> bool:
    """Whether ``pin`` matches ``stored``; the buffer is zeroed afterwards."""
    try:
        kind, salt, digest = stored.strip().split("$")
        if kind != "scrypt":
            raise StaffPinError("unknown staff PIN hash")
        actual = hashlib.scrypt(bytes(pin), salt=base64.b64decode(salt, validate=True), **_SCRYPT)
        return hmac.compare_digest(actual, base64.b64decode(digest, validate=True))
    except ValueError as exc:
        raise StaffPinError(f"unusable staff PIN hash: {exc}") from None
    finally:
        pin[:] = bytes(len(pin))


class Verdict(StrEnum):
    """What a staff PIN attempt gave."""

    OPEN = "open"
    WRONG = "wrong"
    LOCKED = "locked"


@dataclass(frozen=True)
class Attempt:
    """The outcome of one attempt: the verdict, tries left and until when it is locked."""

    verdict: Verdict
    tries_left: int
    locked_until: dt.datetime | None = None


class StaffGate:
    """Checks staff PINs against the stored hash, locks after three wrong ones, logs every try."""

    def __init__(
        self,
        stored_hash: str,
        log: MaintenanceLog,
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    ) -> None:
        self._stored = stored_hash
        self._log = log
        self._clock = clock
        self._tries_left = MAX_TRIES
        self._locked_until: dt.datetime | None = None

    def attempt(self, pin: bytearray) -> Attempt:
        """Check ``pin`` (zeroed afterwards, also when locked)."""
        now = self._clock()
        if self._locked_until is not None and now < self._locked_until:
            pin[:] = bytes(len(pin))
            self._log.record("staff_pin_locked_out")
            return Attempt(Verdict.LOCKED, 0, self._locked_until)
        if self._locked_until is not None:
            self._locked_until, self._tries_left = None, MAX_TRIES
        if verify_pin(pin, self._stored):
            self._tries_left = MAX_TRIES
            self._log.record("staff_pin_accepted")
            return Attempt(Verdict.OPEN, MAX_TRIES)
        self._tries_left -= 1
        if self._tries_left <= 0:
            self._locked_until = now + LOCK_TIME
            self._log.record("staff_pin_lock", until=self._locked_until.isoformat())
            return Attempt(Verdict.LOCKED, 0, self._locked_until)
        self._log.record("staff_pin_wrong", tries_left=self._tries_left)
        return Attempt(Verdict.WRONG, self._tries_left)


def staff_pin_file(config: Config) -> Path:
    """Where the staff PIN hash is: /etc/shomei-kiosk/staff-pin, else <data_dir>/staff-pin."""
    if DEFAULT_STAFF_PIN_FILE.exists():
        return DEFAULT_STAFF_PIN_FILE
    return config.kiosk.data_dir.expanduser() / "staff-pin"


def read_staff_pin_hash(path: Path) -> str:
    """The stored hash in ``path``; raises StaffPinError."""
    try:
        text = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise StaffPinError(f"{path}: {exc}") from None
    if not text.startswith("scrypt$"):
        raise StaffPinError(f"{path}: not a staff PIN hash")
    return text


def write_staff_pin(path: Path, pin: bytearray) -> None:
    """Hash ``pin`` into ``path`` (mode 0640), replacing any earlier PIN."""
    line = hash_pin(pin) + "\n"
    temporary = path.with_suffix(".new")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o640)
    with os.fdopen(descriptor, "w", encoding="ascii") as file:
        file.write(line)
    temporary.replace(path)


def main(argv: list[str] | None = None) -> int:
    """Set the staff PIN: ``python -m kiosk_app.maintenance.staff_pin FILE``."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        sys.stderr.write("usage: python -m kiosk_app.maintenance.staff_pin FILE\n")
        return 2
    first = bytearray(getpass.getpass("new staff PIN: ").encode())
    second = bytearray(getpass.getpass("again: ").encode())
    try:
        if not hmac.compare_digest(bytes(first), bytes(second)):
            sys.stderr.write("the PINs differ\n")
            return 1
        write_staff_pin(Path(args[0]), first)
    except (StaffPinError, OSError) as exc:
        sys.stderr.write(f"{exc}\n")
        return 1
    finally:
        first[:] = bytes(len(first))
        second[:] = bytes(len(second))
    return 0


if __name__ == "__main__":
    sys.exit(main())
