"""A full disk for tests: a real small file system (a tmpfs) filled to the last block, or a
SQLite connection whose writes fail as SQLite's do on a full disk.

Mounting needs root, as the set-up and CI run; there writes fail with ENOSPC as on a kiosk whose
disk is full. The connection stand-in serves where a whole kiosk shares one data directory.
"""

from __future__ import annotations

import errno
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

#: Small enough to fill in a moment, large enough for a journal, its WAL and shared memory.
TMPFS_SIZE = "512k"


class SmallDisk:
    """A tmpfs mounted at ``path``; ``fill()`` takes every free block, ``free()`` gives it back."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.filler = path / "filler"

    def fill(self) -> None:
        """Write zeros until the file system says it is full."""
        with self.filler.open("ab", buffering=0) as out:
            error = _write_until_full(out)
        if error.errno != errno.ENOSPC:
            raise error

    def free(self) -> None:
        """Space returns (staff deleted what filled the disk)."""
        self.filler.unlink()


def _write_until_full(out: BinaryIO) -> OSError:
    block = b"\0" * 4096
    while True:
        try:
            out.write(block)
        except OSError as exc:
            return exc


@contextmanager
def mounted_small_disk(mount_point: Path) -> Iterator[SmallDisk]:
    """A 512 KiB tmpfs at ``mount_point`` (created), unmounted afterwards."""
    mount_point.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={TMPFS_SIZE},mode=0700", "tmpfs", str(mount_point)],
        check=True,
        capture_output=True,
    )
    try:
        yield SmallDisk(mount_point)
    finally:
        subprocess.run(["umount", "--lazy", str(mount_point)], check=True)


class FullDiskConnection:
    """A SQLite connection as on a full disk: while ``full()``, every write fails with SQLite's
    own SQLITE_FULL error; reads work (SQLite reads a full disk fine)."""

    def __init__(self, db: sqlite3.Connection, full: Callable[[], bool]) -> None:
        self._db, self._full = db, full

    def execute(self, sql: str, *parameters: Any) -> sqlite3.Cursor:
        """As ``sqlite3.Connection.execute``, but an INSERT fails while the disk is full."""
        if self._full() and sql.lstrip().upper().startswith("INSERT"):
            raise sqlite3.OperationalError("database or disk is full")
        return self._db.execute(sql, *parameters)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._db, name)
