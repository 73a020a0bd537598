"""The host checks of ``shomei-selftest all``: room for the journal on a real small disk, and
the kernel's clock synchronisation state."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.selftest import Status
from kiosk_app import host_checks
from kiosk_app.host_checks import (
    STA_UNSYNC,
    TIME_ERROR,
    ClockState,
    check_clock,
    check_data_dir,
    read_clock_state,
)
from tests.kiosk_app.small_disk import SmallDisk, mounted_small_disk


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[SmallDisk]:
    """A real 512 KiB file system."""
    with mounted_small_disk(tmp_path / "data") as disk:
        yield disk


def test_a_full_data_directory_is_critical(small_disk: SmallDisk) -> None:
    small_disk.fill()
    result = check_data_dir(small_disk.path)
    assert result.status is Status.CRITICAL
    assert result.report["free_bytes"] == 0
    assert "payments cannot be recorded safely" in result.findings[0]


def test_free_space_is_measured_against_both_limits(small_disk: SmallDisk) -> None:
    free = os.statvfs(small_disk.path).f_bavail * os.statvfs(small_disk.path).f_frsize
    assert free > 256 * 1024  # an empty 512 KiB tmpfs
    assert check_data_dir(small_disk.path, free + 1, free + 2).status is Status.CRITICAL
    assert check_data_dir(small_disk.path, free // 2, free + 1).status is Status.WARNING
    ok = check_data_dir(small_disk.path, free // 2, free)
    assert (ok.status, ok.report["free_bytes"], ok.report["exists"]) == (Status.OK, free, True)


def test_a_data_directory_not_made_yet_is_measured_where_it_will_be(
    small_disk: SmallDisk,
) -> None:
    small_disk.fill()
    result = check_data_dir(small_disk.path / "not" / "yet")
    assert (result.status, result.report["exists"]) == (Status.CRITICAL, False)


def test_an_unsynchronised_clock_is_a_warning() -> None:
    result = check_clock(ClockState(TIME_ERROR, STA_UNSYNC, 16_000_000))
    assert result.status is Status.WARNING
    assert result.report == {"synchronised": False, "max_error_us": 16_000_000}
    assert "not synchronised" in result.findings[0]


def test_a_synchronised_clock_is_ok() -> None:
    result = check_clock(ClockState(0, 0x2001, 120_000))  # TIME_OK, STA_PLL | STA_NANO
    assert (result.status, result.report["synchronised"]) == (Status.OK, True)


def test_the_kernel_clock_state_is_read_consistently() -> None:
    state = read_clock_state()
    assert 0 <= state.state <= TIME_ERROR
    assert state.max_error_us >= 0
    # the kernel answers TIME_ERROR whenever STA_UNSYNC is set: the struct is read where it is
    if state.status & STA_UNSYNC:
        assert state.state == TIME_ERROR
    assert check_clock(state).status is (Status.OK if state.synchronised else Status.WARNING)


@pytest.mark.parametrize("synchronised", [True, False])
def test_a_unit_denied_adjtimex_reads_timesyncd_s_flag(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, synchronised: bool
) -> None:
    """ProtectClock=yes denies adjtimex(2) even to read (the appliance's self-test unit saw
    EPERM): the check falls back to the flag systemd-timesyncd writes once in step."""

    def denied() -> ClockState:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(host_checks, "_adjtimex", denied)
    flag = tmp_path / "synchronized"
    if synchronised:
        flag.touch()
    result = check_clock(read_clock_state(flag))
    assert result.status is (Status.OK if synchronised else Status.WARNING)
    assert result.report["synchronised"] is synchronised
