"""The journal's reserve: a preallocated file where entries the journal cannot take are kept.

When the money journal cannot be written (a full disk), the entries that wait must still
survive a crash: otherwise a restart would not know that a coin was credited, or that a refund
slip was printed for it, and would count or pay it again. The reserve is a file of fixed size
written full of zeros when the journal opens, so that writing into it later needs no new disk
space; each entry is written there and synced (``fdatasync``) before the kiosk goes on.

Each record is ``[length:4][crc32:4][json]`` (little endian), one after the other from the
start; reading stops at the first record that is empty, torn, damaged or of an earlier run
(a run is the records written since the reserve was last emptied). A record carries a key
(``run.index``) that the entry keeps when it is moved into the journal, so that a restart
after a move that was cut short never moves an entry twice.
"""

from __future__ import annotations

import json
import os
import struct
import uuid
import zlib
from pathlib import Path
from typing import Any

#: Size of the reserve: room for some 250 entries or more (a payment's end takes a handful).
RESERVE_BYTES = 64 * 1024

_HEADER = struct.Struct("<II")


class ReserveError(Exception):
    """The reserve is full, or could not be written or read."""


class JournalReserve:
    """A preallocated, synced overflow of the money journal (see the module docstring)."""

    def __init__(self, path: Path, size: int = RESERVE_BYTES) -> None:
        self.path = path
        self.size = size
        self._end = 0
        self._run = uuid.uuid4().hex[:12]
        self._count = 0
        try:
            self._fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise ReserveError(f"cannot open the journal reserve {path}: {exc}") from exc
        try:
            current = os.fstat(self._fd).st_size
            if current < size:
                self._preallocate(current)
            self.read()  # later records go after those already there
        except (OSError, ReserveError) as exc:
            os.close(self._fd)
            raise ReserveError(f"cannot preallocate the journal reserve {path}: {exc}") from exc

    @classmethod
    def beside(cls, journal_path: Path) -> JournalReserve:
        """The reserve of the journal at ``journal_path`` (same directory, same disk)."""
        return cls(journal_path.with_name(journal_path.name + ".reserve"))

    def _preallocate(self, current: int) -> None:
        """Write zeros from ``current`` (records before it are kept) to the full size: real
        blocks, not a sparse file; then sync."""
        os.pwrite(self._fd, bytes(self.size - current), current)
        os.fsync(self._fd)

    def read(self) -> list[tuple[str, dict[str, Any]]]:
        """The records from the start, in order (key, record); later writes follow them."""
        try:
            data = os.pread(self._fd, self.size, 0)
        except OSError as exc:
            raise ReserveError(f"cannot read the journal reserve: {exc}") from exc
        records: list[tuple[str, dict[str, Any]]] = []
        offset = 0
        while offset + _HEADER.size <= len(data):
            length, crc = _HEADER.unpack_from(data, offset)
            body = data[offset + _HEADER.size : offset + _HEADER.size + length]
            if length == 0 or len(body) < length or zlib.crc32(body) != crc:
                break
            record = json.loads(body)
            key = str(record.pop("key"))
            if records and _run_of(key) != _run_of(records[0][0]):
                break  # left over from an earlier run, already moved into the journal
            records.append((key, record))
            offset += _HEADER.size + length
        self._end = offset
        if records:  # go on with the same run: its keys stay unique
            self._run, self._count = _run_of(records[0][0]), len(records)
        return records

    def write(self, key: str, record: dict[str, Any]) -> None:
        """Append one record (JSON) and sync it; :class:`ReserveError` if it does not fit or
        cannot be written."""
        body = json.dumps({"key": key, **record}, ensure_ascii=False).encode()
        framed = _HEADER.pack(len(body), zlib.crc32(body)) + body
        if self._end + len(framed) > self.size:
            raise ReserveError("the journal reserve is full")
        try:
            os.pwrite(self._fd, framed, self._end)
            os.fdatasync(self._fd)
        except OSError as exc:
            raise ReserveError(f"cannot write the journal reserve: {exc}") from exc
        self._end += len(framed)

    def next_key(self) -> str:
        """The key of the next record of this run."""
        key = f"{self._run}.{self._count}"
        self._count += 1
        return key

    def clear(self) -> None:
        """Everything reserved is in the journal: empty the reserve (overwrite the first
        record's header, in place) and start a new run."""
        try:
            os.pwrite(self._fd, bytes(_HEADER.size), 0)
            os.fdatasync(self._fd)
        except OSError as exc:
            raise ReserveError(f"cannot clear the journal reserve: {exc}") from exc
        self._end, self._count, self._run = 0, 0, uuid.uuid4().hex[:12]

    def close(self) -> None:
        """Close the file."""
        os.close(self._fd)


def _run_of(key: str) -> str:
    return key.partition(".")[0]
