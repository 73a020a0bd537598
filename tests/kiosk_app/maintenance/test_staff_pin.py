"""The staff PIN: hashing, checking, three tries then a lock, every try audited, zeroed buffers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kiosk_app.maintenance.audit import MaintenanceLog
from kiosk_app.maintenance.staff_pin import (
    LOCK_TIME,
    StaffGate,
    StaffPinError,
    Verdict,
    hash_pin,
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
    pin = bytearray(b"482913")
    stored = hash_pin(pin)
    assert pin == bytearray(6)
    assert "482913" not in stored
    good, bad = bytearray(b"482913"), bytearray(b"482914")
    assert verify_pin(good, stored)
    assert not verify_pin(bad, stored)
    assert good == bytearray(6)
    assert bad == bytearray(6)
    assert hash_pin(bytearray(b"482913")) != stored  # salted


@pytest.mark.parametrize("pin", [b"123", b"123456789", b"12a4", b""])
def test_bad_new_pins_are_refused(pin: bytes) -> None:
    buffer = bytearray(pin)
    with pytest.raises(StaffPinError, match="4 to 8 digits"):
        hash_pin(buffer)
    assert buffer == bytearray(len(pin))


def test_three_wrong_pins_lock_for_a_while_and_everything_is_audited(tmp_path: Path) -> None:
    log = MaintenanceLog(tmp_path / "maintenance.sqlite3")
    clock = Clock()
    gate = StaffGate(hash_pin(bytearray(b"2468")), log, clock)
    assert gate.attempt(bytearray(b"1111")).tries_left == 2
    assert gate.attempt(bytearray(b"1111")).verdict is Verdict.WRONG
    locked = gate.attempt(bytearray(b"1111"))
    assert locked.verdict is Verdict.LOCKED
    assert locked.locked_until == clock.now + LOCK_TIME
    assert gate.attempt(bytearray(b"2468")).verdict is Verdict.LOCKED  # even the right one
    clock.now += LOCK_TIME
    assert gate.attempt(bytearray(b"2468")).verdict is Verdict.OPEN
    actions = [e.action for e in log.entries()]
    assert actions == [
        "staff_pin_wrong",
        "staff_pin_wrong",
        "staff_pin_lock",
        "staff_pin_locked_out",
        "staff_pin_accepted",
    ]
    assert all("2468" not in str(e.detail) and "1111" not in str(e.detail) for e in log.entries())


def test_pin_file_round_trip_and_bad_files(tmp_path: Path) -> None:
    path = tmp_path / "staff-pin"
    write_staff_pin(path, bytearray(b"97531"))
    assert path.stat().st_mode & 0o777 == 0o640
    assert verify_pin(bytearray(b"97531"), read_staff_pin_hash(path))
    (tmp_path / "junk").write_text("1234\n")
    with pytest.raises(StaffPinError, match="not a staff PIN hash"):
        read_staff_pin_hash(tmp_path / "junk")
    with pytest.raises(StaffPinError):
        read_staff_pin_hash(tmp_path / "absent")
    with pytest.raises(StaffPinError, match="unusable"):
        verify_pin(bytearray(b"1234"), "scrypt$!!$??")


def test_command_sets_the_pin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(["13579", "13579"])
    monkeypatch.setattr("getpass.getpass", lambda _prompt: next(answers))
    assert main([str(tmp_path / "staff-pin")]) == 0
    assert verify_pin(bytearray(b"13579"), read_staff_pin_hash(tmp_path / "staff-pin"))
    answers = iter(["13579", "24680"])
    assert main([str(tmp_path / "other")]) == 1
    assert not (tmp_path / "other").exists()
