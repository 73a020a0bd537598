"""The staff PIN that opens maintenance mode: a scrypt hash on disk, three tries, then a lock.

``python -m kiosk_app.maintenance.staff_pin FILE`` asks for a new PIN (8–12 digits) and writes
its hash to FILE (on a kiosk ``/etc/shomei-kiosk/staff-pin``, root:shomei 0640). Writing it
again, as root, keeps the file's group and mode, so the kiosk user can still read it.

Why 8 digits: the kiosk user must read the hash to check a PIN, so the file cannot be kept
from the one process that is most exposed; a 4-digit PIN under the old cost (scrypt n=2^14)
fell to an offline search in minutes once the file leaked. 8 digits under n=2^15 make that
search 10^8 hashes of 32 MiB each (about a hundred core-days), while a staff member's try
still takes a fraction of a second. Old hashes (n=2^14, no cost in the file) are still
accepted, with a warning to set a new PIN.

Three wrong PINs lock the keypad for 15 minutes; the count and the lock are kept in a small
file (``lockout_path``) so that restarting the kiosk does not give new tries.
"""

from __future__ import annotations

import base64
import datetime as dt
import getpass
import hashlib
import hmac
import json
import logging
import os
import secrets
import sys
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from kiosk_app.config import Config
from kiosk_app.maintenance.audit import MaintenanceLog

log = logging.getLogger(__name__)

DEFAULT_STAFF_PIN_FILE = Path("/etc/shomei-kiosk/staff-pin")
MAX_TRIES = 3
LOCK_TIME = dt.timedelta(minutes=15)
#: The digits a new staff PIN has.
PIN_LENGTHS = range(8, 13)
#: scrypt cost of new hashes (``scrypt$N:r:p$salt$hash``): 32 MiB and about 0.1 s per try.
_SCRYPT = {"n": 2**15, "r": 8, "p": 1}
#: The cost of hashes written before the cost was stored in the file (``scrypt$salt$hash``).
_OLD_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
_MAX_MEMORY = 256 * 1024 * 1024


class StaffPinError(Exception):
    """The staff PIN file is missing or unusable, or a new PIN is not acceptable."""


def hash_pin(pin: bytearray) -> str:
    """``scrypt$N:r:p$<salt>$<hash>`` of ``pin`` (base64); the buffer is zeroed afterwards."""
    try:
        if not (len(pin) in PIN_LENGTHS and pin.isdigit()):
            raise StaffPinError(
                f"a staff PIN has {PIN_LENGTHS.start} to {PIN_LENGTHS.stop - 1} digits"
            )
        salt = secrets.token_bytes(16)
        digest = hashlib.scrypt(bytes(pin), salt=salt, maxmem=_MAX_MEMORY, **_SCRYPT)
    finally:
        pin[:] = bytes(len(pin))
    encode = base64.b64encode
    cost = f"{_SCRYPT['n']}:{_SCRYPT['r']}:{_SCRYPT['p']}"
    return f"scrypt${cost}${encode(salt).decode()}${encode(digest).decode()}"


def _cost(fields: list[str]) -> tuple[dict[str, int], str, str]:
    """The scrypt cost, salt and digest of a stored hash's fields (after ``scrypt``)."""
    if len(fields) == 2:  # written before the cost was stored
        return _OLD_SCRYPT, fields[0], fields[1]
    if len(fields) != 3:
        raise ValueError("not scrypt$cost$salt$hash")
    n, r, p = (int(part) for part in fields[0].split(":"))
    return {"n": n, "r": r, "p": p}, fields[1], fields[2]


def is_outdated(stored: str) -> bool:
    """True for a hash of the old, cheaper kind (possibly of a 4-digit PIN): set a new PIN."""
    return stored.strip().count("$") == 2


def verify_pin(pin: bytearray, stored: str) -> bool:
    """Whether ``pin`` matches ``stored``; the buffer is zeroed afterwards."""
    try:
        kind, *fields = stored.strip().split("$")
        if kind != "scrypt":
            raise StaffPinError("unknown staff PIN hash")
        cost, salt, digest = _cost(fields)
        actual = hashlib.scrypt(
            bytes(pin), salt=base64.b64decode(salt, validate=True), maxmem=_MAX_MEMORY, **cost
        )
        return hmac.compare_digest(actual, base64.b64decode(digest, validate=True))
    except ValueError as exc:
        raise StaffPinError(f"unusable staff PIN hash: {exc}") from None
    finally:
        pin[:] = bytes(len(pin))


class PinVerdict(StrEnum):
    """What a staff PIN attempt gave."""

    OPEN = "open"
    WRONG = "wrong"
    LOCKED = "locked"


@dataclass(frozen=True)
class Attempt:
    """The outcome of one attempt: the verdict, tries left and until when it is locked."""

    verdict: PinVerdict
    tries_left: int
    locked_until: dt.datetime | None = None


class StaffGate:
    """Checks staff PINs against the stored hash, locks after three wrong ones, logs every try.

    With ``lockout_path`` the tries left and the lock survive a restart; a lockout file that
    cannot be read counts as locked (a fault must not give new tries).
    """

    def __init__(
        self,
        stored_hash: str,
        log: MaintenanceLog,
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
        lockout_path: Path | None = None,
    ) -> None:
        self._stored = stored_hash
        self._log = log
        self._clock = clock
        self._lockout_path = lockout_path
        self._tries_left = MAX_TRIES
        self._locked_until: dt.datetime | None = None
        self._load_lockout()

    def _load_lockout(self) -> None:
        path = self._lockout_path
        if path is None or not path.exists():
            return
        try:
            state = json.loads(path.read_text(encoding="ascii"))
            self._tries_left = max(0, min(MAX_TRIES, int(state["tries_left"])))
            until = state.get("locked_until")
            self._locked_until = None if until is None else dt.datetime.fromisoformat(until)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.error("staff PIN lockout file unreadable (%s): locked", type(exc).__name__)
            self._tries_left, self._locked_until = 0, self._clock() + LOCK_TIME
        if self._locked_until is not None and self._locked_until.tzinfo is None:
            self._locked_until = self._locked_until.replace(tzinfo=dt.UTC)

    def _save_lockout(self) -> None:
        path = self._lockout_path
        if path is None:
            return
        until = None if self._locked_until is None else self._locked_until.isoformat()
        text = json.dumps({"tries_left": self._tries_left, "locked_until": until})
        temporary = path.with_name(f".{path.name}.new")
        try:
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "w", encoding="ascii") as file:
                file.write(text)
                file.flush()
                os.fsync(file.fileno())
            temporary.replace(path)
        except OSError as exc:
            log.error("staff PIN lockout could not be saved: %s", exc)

    def attempt(self, pin: bytearray) -> Attempt:
        """Check ``pin`` (zeroed afterwards, also when locked)."""
        now = self._clock()
        if self._locked_until is not None and now < self._locked_until:
            pin[:] = bytes(len(pin))
            self._log.record("staff_pin_locked_out")
            return Attempt(PinVerdict.LOCKED, 0, self._locked_until)
        if self._locked_until is not None or self._tries_left <= 0:
            self._locked_until, self._tries_left = None, MAX_TRIES
        if verify_pin(pin, self._stored):
            self._tries_left = MAX_TRIES
            self._save_lockout()
            self._log.record("staff_pin_accepted")
            return Attempt(PinVerdict.OPEN, MAX_TRIES)
        self._tries_left -= 1
        if self._tries_left <= 0:
            self._locked_until = now + LOCK_TIME
            self._save_lockout()
            self._log.record("staff_pin_lock", until=self._locked_until.isoformat())
            return Attempt(PinVerdict.LOCKED, 0, self._locked_until)
        self._save_lockout()
        self._log.record("staff_pin_wrong", tries_left=self._tries_left)
        return Attempt(PinVerdict.WRONG, self._tries_left)


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
    """Hash ``pin`` into ``path``, replacing any earlier PIN.

    The new file gets the group of the file it replaces (else of its directory: root:shomei
    on a kiosk) and mode 0640 or narrower, whoever writes it: re-set as root, the kiosk user
    can still read it, and nobody else can.
    """
    line = hash_pin(pin) + "\n"
    try:
        old = path.stat()
        group, mode = old.st_gid, old.st_mode & 0o640
    except FileNotFoundError:
        group, mode = path.parent.stat().st_gid, 0o640
    temporary = path.with_suffix(".new")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as file:
            try:
                os.fchown(file.fileno(), -1, group)
            except PermissionError:
                raise StaffPinError(
                    f"{path}: cannot give the new PIN file group {group}; run as root"
                ) from None
            os.fchmod(file.fileno(), mode)
            file.write(line)
            file.flush()
            os.fsync(file.fileno())
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)


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
