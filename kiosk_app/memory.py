"""Freed heap memory handed back to the system after each session (glibc's malloc_trim).

A kiosk runs for weeks: what a session allocated (its PDFs, screens, replies) is freed when it
ends, but glibc keeps the freed pages of its arenas mapped, scattered among live blocks, so the
process's RSS climbs in steps with the machine's timing. ``malloc_trim(0)`` returns every whole
free page of every arena to the system; it takes a few milliseconds, at the home screen.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
from collections.abc import Callable


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or None (another C library, another system)."""
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        trim = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


def release_free_memory() -> bool:
    """Give the heap's free pages back to the system; False where the C library cannot."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
