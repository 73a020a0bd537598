"""Freed heap pages go back to the system when a session ends (glibc malloc_trim)."""

from __future__ import annotations

import subprocess
import sys

#: In a child process: scatter 60 MB of 2 KB blocks, free all but one in 32 (the pages stay
#: mapped), then print RSS before and after release_free_memory().
_CHILD = """
from pathlib import Path
from kiosk_app.memory import release_free_memory

def rss_kib():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])

blocks = [bytes(2000) + bytes([i % 251]) for i in range(30_000)]
kept = blocks[::32]
del blocks
before = rss_kib()
released = release_free_memory()
print(released, before, rss_kib(), len(kept))
"""


def test_the_freed_heap_goes_back_to_the_system() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD], capture_output=True, text=True, check=True, timeout=60
    )
    released, before, after, _kept = done.stdout.split()
    assert released == "True"
    assert int(before) - int(after) > 20 * 1024  # KiB: most of the 60 MB freed came back


#: In a child process: (maybe) one arena, then four threads that allocate; glibc's malloc_stats
#: (on stderr) lists one "Arena n:" per arena.
_THREADS_CHILD = """
import ctypes, sys, threading
from kiosk_app.memory import one_malloc_arena

if sys.argv[1] == "one":
    assert one_malloc_arena()
started = threading.Barrier(4)

def work():
    started.wait()  # the four threads allocate at once
    kept = [bytes(5000) for _ in range(2000)]
    started.wait()

threads = [threading.Thread(target=work) for _ in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
ctypes.CDLL(None).malloc_stats()
"""


def _arenas(mode: str) -> int:
    done = subprocess.run(
        [sys.executable, "-c", _THREADS_CHILD, mode],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return sum(1 for line in done.stderr.splitlines() if line.startswith("Arena "))


def test_the_kiosk_s_threads_share_one_malloc_arena() -> None:
    assert _arenas("one") == 1
    assert _arenas("default") > 1  # glibc's default: an arena for each new thread
