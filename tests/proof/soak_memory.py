"""Where a soak's memory is: glibc's heap (in use, and freed but still held), SQLite's own
allocations and Python's live blocks, so that a climb of the RSS can be told apart."""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import sys
from collections.abc import Callable
from dataclasses import dataclass


class _Mallinfo2(ctypes.Structure):
    """glibc's ``struct mallinfo2`` (all arenas; glibc ≥ 2.33)."""

    _fields_ = [
        (name, ctypes.c_size_t)
        for name in (
            "arena",  # bytes obtained from the system by the arenas (not mmapped chunks)
            "ordblks",
            "smblks",
            "hblks",
            "hblkhd",  # bytes in chunks mmapped on their own (large blocks)
            "usmblks",
            "fsmblks",
            "uordblks",  # bytes in use in the arenas
            "fordblks",  # bytes free in the arenas (held, whether or not still resident)
            "keepcost",
        )
    ]


@dataclass(frozen=True)
class HeapUse:
    """KiB allocated through malloc and in use, KiB free but held by the arenas, KiB allocated by
    SQLite (page caches, statements), thousands of Python blocks alive (-1: not readable)."""

    malloc_in_use_kib: int
    malloc_free_kib: int
    sqlite_kib: int
    python_kblocks: int


@functools.cache
def _mallinfo2() -> Callable[[], _Mallinfo2] | None:
    name = ctypes.util.find_library("c")
    function = getattr(ctypes.CDLL(name), "mallinfo2", None) if name else None
    if function is None:
        return None
    function.restype = _Mallinfo2
    return function  # type: ignore[no-any-return]


@functools.cache
def _sqlite_memory_used() -> Callable[[], int] | None:
    """The SQLite library's counter (the one Python's sqlite3 module is linked to on Debian)."""
    name = ctypes.util.find_library("sqlite3")
    if name is None:
        return None
    function = ctypes.CDLL(name).sqlite3_memory_used
    function.restype = ctypes.c_int64
    return function


def heap_use() -> HeapUse:
    """The heap's figures now."""
    mallinfo2 = _mallinfo2()
    in_use = free = -1
    if mallinfo2 is not None:
        info = mallinfo2()
        in_use, free = (info.uordblks + info.hblkhd) // 1024, info.fordblks // 1024
    return HeapUse(in_use, free, sqlite_kib(), sys.getallocatedblocks() // 1000)


def sqlite_kib() -> int:
    """KiB the SQLite library has allocated now, over every connection (-1: not readable)."""
    sqlite_used = _sqlite_memory_used()
    return sqlite_used() // 1024 if sqlite_used is not None else -1
