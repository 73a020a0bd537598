"""Self-test checks of the kiosk PC itself: room for the money journal, a synchronised clock.

A kiosk whose data directory fills up cannot record money (issuance goes out of service), and a
kiosk whose clock drifts prints wrong dates on legal documents: both are found before a person is.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
from dataclasses import dataclass
from pathlib import Path

from drivers.selftest import SelfTestResult, Status

#: Below this much free space the journal may fail within a day: CRITICAL.
CRITICAL_FREE_BYTES = 16 * 1024 * 1024
#: Below this much free space staff should clean up soon: WARNING.
WARNING_FREE_BYTES = 256 * 1024 * 1024

#: adjtimex(2) return values: clock in step, and not synchronised (STA_UNSYNC set).
TIME_OK = 0
TIME_ERROR = 5
#: ``max_error_us`` when the kernel could not be asked (only timesyncd's flag was read).
MAX_ERROR_UNKNOWN = -1
#: The kernel's "clock unsynchronised" status bit.
STA_UNSYNC = 0x0040


def check_data_dir(
    path: Path,
    critical_bytes: int = CRITICAL_FREE_BYTES,
    warning_bytes: int = WARNING_FREE_BYTES,
) -> SelfTestResult:
    """Free space and write access on the directory that holds the money journal (or, before
    the kiosk first ran, on the directory it will be created in)."""
    existing = next((p for p in (path, *path.parents) if p.is_dir()), Path("/"))
    report: dict[str, object] = {"path": str(path), "exists": existing == path}
    try:
        stats = os.statvfs(existing)
    except OSError as exc:
        report["error"] = exc.strerror or str(exc)
        return SelfTestResult(Status.CRITICAL, report, [f"data directory {path}: {exc.strerror}"])
    free = stats.f_bavail * stats.f_frsize
    report["free_bytes"] = free
    if not os.access(existing, os.W_OK | os.X_OK):
        return SelfTestResult(
            Status.CRITICAL, report, [f"data directory {existing} is not writable"]
        )
    finding = f"data directory {path}: {free / 1024 / 1024:.1f} MiB free"
    if free < critical_bytes:
        return SelfTestResult(
            Status.CRITICAL, report, [f"{finding}: payments cannot be recorded safely"]
        )
    if free < warning_bytes:
        return SelfTestResult(Status.WARNING, report, [f"{finding}: clean up soon"])
    return SelfTestResult(Status.OK, report, [finding])


class _Timeval(ctypes.Structure):
    _fields_ = (("tv_sec", ctypes.c_long), ("tv_usec", ctypes.c_long))


class _Timex(ctypes.Structure):
    """Linux ``struct timex`` (adjtimex(2)); the 44 bytes of padding end it."""

    _fields_ = (
        ("modes", ctypes.c_uint),
        ("offset", ctypes.c_long),
        ("freq", ctypes.c_long),
        ("maxerror", ctypes.c_long),
        ("esterror", ctypes.c_long),
        ("status", ctypes.c_int),
        ("constant", ctypes.c_long),
        ("precision", ctypes.c_long),
        ("tolerance", ctypes.c_long),
        ("time", _Timeval),
        ("tick", ctypes.c_long),
        ("ppsfreq", ctypes.c_long),
        ("jitter", ctypes.c_long),
        ("shift", ctypes.c_int),
        ("stabil", ctypes.c_long),
        ("jitcnt", ctypes.c_long),
        ("calcnt", ctypes.c_long),
        ("errcnt", ctypes.c_long),
        ("stbcnt", ctypes.c_long),
        ("tai", ctypes.c_int),
        ("padding", ctypes.c_int * 11),
    )


@dataclass(frozen=True)
class ClockState:
    """What the kernel says of its clock discipline (read-only adjtimex, no privilege)."""

    state: int  # adjtimex's return value: TIME_OK … TIME_ERROR
    status: int  # STA_* bits
    max_error_us: int

    @property
    def synchronised(self) -> bool:
        """True when an NTP daemon (systemd-timesyncd, chrony) keeps the clock in step."""
        return self.state != TIME_ERROR and not self.status & STA_UNSYNC


#: systemd-timesyncd creates this file once it has synchronised the clock (systemd ≥ 239).
TIMESYNC_FLAG = Path("/run/systemd/timesync/synchronized")


def _adjtimex() -> ClockState:
    """adjtimex(2) with no modes: reads the clock discipline, changes nothing."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    timex = _Timex()
    state = libc.adjtimex(ctypes.byref(timex))
    if state < 0:
        errno = ctypes.get_errno()
        raise OSError(errno, os.strerror(errno))
    return ClockState(int(state), int(timex.status), int(timex.maxerror))


def read_clock_state(timesync_flag: Path = TIMESYNC_FLAG) -> ClockState:
    """The kernel's clock state; under a unit's ``ProtectClock=yes`` (which denies adjtimex even
    to read), systemd-timesyncd's flag file says whether the clock is synchronised."""
    try:
        return _adjtimex()
    except PermissionError:
        if timesync_flag.exists():
            return ClockState(TIME_OK, 0, MAX_ERROR_UNKNOWN)
        return ClockState(TIME_ERROR, STA_UNSYNC, MAX_ERROR_UNKNOWN)


def check_clock(clock: ClockState) -> SelfTestResult:
    """WARNING when the system clock is not synchronised (dates on certificates may be wrong)."""
    report: dict[str, object] = {
        "synchronised": clock.synchronised,
        "max_error_us": clock.max_error_us,
    }
    if clock.synchronised:
        return SelfTestResult(Status.OK, report, ["system clock synchronised"])
    return SelfTestResult(
        Status.WARNING,
        report,
        [
            "system clock not synchronised: certificates and receipts carry dates; "
            "enable systemd-timesyncd (timedatectl set-ntp true) or chrony"
        ],
    )
