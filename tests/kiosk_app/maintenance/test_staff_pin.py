"""The staff PIN: hashing, checking, three tries then a lock, every try audited, zeroed buffers."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import os
from pathlib import Path

import pytest

from kiosk_app.maintenance.audit import MaintenanceLog
from kiosk_app.maintenance.staff_pin import (
    LOCK_TIME,
    PinVerdict,
    StaffGate,
    StaffPinError,
    hash_pin,
    is_outdated,
    main,
    read_staff_pin_hash,
    verify_pin,
    write_staff_pin,
)


class Clock:
    """A settable clock."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 27, 3, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


def test_hash_and_verify_zero_the_buffers() -> None:
    pin = bytearray(b"48291357")
    stored = hash_pin(pin)
    assert pin == bytearray(8)
    assert "48291357" not in stored
    good, bad = bytearray(b"48291357"), bytearray(b"48291358")
    assert verify_pin(good, stored)
    assert not verify_pin(bad, stored)
    assert good == bytearray(8)
    assert bad == bytearray(8)
    assert hash_pin(bytearray(b"48291357")) != stored  # salted


@pytest.mark.parametrize("pin", [b"1234", b"1234567", b"1234567890123", b"12a45678", b""])
def test_bad_new_pins_are_refused(pin: bytes) -> None:
    buffer = bytearray(pin)
    with pytest.raises(StaffPinError, match="8 to 12 digits"):
        hash_pin(buffer)
    assert buffer == bytearray(len(pin))


def test_three_wrong_pins_lock_for_a_while_and_everything_is_audited(tmp_path: Path) -> None:
    log = MaintenanceLog(tmp_path / "maintenance.sqlite3")
    clock = Clock()
    gate = StaffGate(hash_pin(bytearray(b"24682468")), log, clock)
    assert gate.attempt(bytearray(b"1111")).tries_left == 2
    assert gate.attempt(bytearray(b"1111")).verdict is PinVerdict.WRONG
    locked = gate.attempt(bytearray(b"1111"))
    assert locked.verdict is PinVerdict.LOCKED
    assert locked.locked_until == clock.now + LOCK_TIME
    assert gate.attempt(bytearray(b"24682468")).verdict is PinVerdict.LOCKED  # even the right one
    clock.now += LOCK_TIME
    assert gate.attempt(bytearray(b"24682468")).verdict is PinVerdict.OPEN
    actions = [e.action for e in log.entries()]
    assert actions == [
        "staff_pin_wrong",
        "staff_pin_wrong",
        "staff_pin_lock",
        "staff_pin_locked_out",
        "staff_pin_accepted",
    ]
    assert all(
        "24682468" not in str(e.detail) and "1111" not in str(e.detail) for e in log.entries()
    )


def test_pin_file_round_trip_and_bad_files(tmp_path: Path) -> None:
    path = tmp_path / "staff-pin"
    write_staff_pin(path, bytearray(b"97531975"))
    assert path.stat().st_mode & 0o777 == 0o640
    assert verify_pin(bytearray(b"97531975"), read_staff_pin_hash(path))
    (tmp_path / "junk").write_text("1234\n")
    with pytest.raises(StaffPinError, match="not a staff PIN hash"):
        read_staff_pin_hash(tmp_path / "junk")
    with pytest.raises(StaffPinError):
        read_staff_pin_hash(tmp_path / "absent")
    with pytest.raises(StaffPinError, match="unusable"):
        verify_pin(bytearray(b"1234"), "scrypt$!!$??")


def test_command_sets_the_pin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(["13579135", "13579135"])
    monkeypatch.setattr("getpass.getpass", lambda _prompt: next(answers))
    assert main([str(tmp_path / "staff-pin")]) == 0
    assert verify_pin(bytearray(b"13579135"), read_staff_pin_hash(tmp_path / "staff-pin"))
    answers = iter(["13579135", "24680246"])
    assert main([str(tmp_path / "other")]) == 1
    assert not (tmp_path / "other").exists()


def test_the_lockout_survives_a_restart(tmp_path: Path) -> None:
    log = MaintenanceLog(tmp_path / "maintenance.sqlite3")
    clock, lockout = Clock(), tmp_path / "staff-pin-lockout.json"
    stored = hash_pin(bytearray(b"24682468"))
    gate = StaffGate(stored, log, clock, lockout)
    assert gate.attempt(bytearray(b"11111111")).tries_left == 2
    restarted = StaffGate(stored, log, clock, lockout)  # the kiosk restarted: no new tries
    assert restarted.attempt(bytearray(b"11111111")).tries_left == 1
    assert restarted.attempt(bytearray(b"11111111")).verdict is PinVerdict.LOCKED
    again = StaffGate(stored, log, clock, lockout)
    locked = again.attempt(bytearray(b"24682468"))
    assert (locked.verdict, locked.locked_until) == (PinVerdict.LOCKED, clock.now + LOCK_TIME)
    clock.now += LOCK_TIME
    assert StaffGate(stored, log, clock, lockout).attempt(bytearray(b"24682468")).verdict is (
        PinVerdict.OPEN
    )
    assert StaffGate(stored, log, clock, lockout).attempt(bytearray(b"1")).tries_left == 2
    assert "2468" not in lockout.read_text()


def test_an_unreadable_lockout_file_locks(tmp_path: Path) -> None:
    log = MaintenanceLog(tmp_path / "maintenance.sqlite3")
    clock, lockout = Clock(), tmp_path / "staff-pin-lockout.json"
    lockout.write_text("{not json")
    gate = StaffGate(hash_pin(bytearray(b"24682468")), log, clock, lockout)
    assert gate.attempt(bytearray(b"24682468")).verdict is PinVerdict.LOCKED
    clock.now += LOCK_TIME
    assert gate.attempt(bytearray(b"24682468")).verdict is PinVerdict.OPEN


def test_re_setting_the_pin_keeps_the_files_group_and_mode(tmp_path: Path) -> None:
    path = tmp_path / "staff-pin"
    path.write_text("old\n")
    os.chown(path, 0, 4242)  # root:<the kiosk user's group>, as install.sh leaves it
    os.chmod(path, 0o640)
    write_staff_pin(path, bytearray(b"97531975"))  # run as root, like the engineer would
    info = path.stat()
    assert (info.st_gid, info.st_mode & 0o777) == (4242, 0o640)
    assert verify_pin(bytearray(b"97531975"), read_staff_pin_hash(path))
    os.chmod(path, 0o600)  # a narrower mode stays narrow
    write_staff_pin(path, bytearray(b"97531975"))
    assert path.stat().st_mode & 0o777 == 0o600
    assert not (tmp_path / "staff-pin.new").exists()


def test_a_new_pin_file_takes_its_directorys_group(tmp_path: Path) -> None:
    folder = tmp_path / "etc"
    folder.mkdir()
    os.chown(folder, 0, 4343)
    write_staff_pin(folder / "staff-pin", bytearray(b"97531975"))
    info = (folder / "staff-pin").stat()
    assert (info.st_gid, info.st_mode & 0o777) == (4343, 0o640)


def test_an_old_hash_still_opens_and_is_flagged() -> None:
    salt = b"0123456789abcdef"
    digest = hashlib.scrypt(b"4321", salt=salt, n=2**14, r=8, p=1)
    old = f"scrypt${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"
    assert verify_pin(bytearray(b"4321"), old)
    assert is_outdated(old)
    assert not is_outdated(hash_pin(bytearray(b"43214321")))
