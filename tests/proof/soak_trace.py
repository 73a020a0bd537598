"""What grew in a soak between one sample and the end: allocation sites (tracemalloc) and
Python objects by type, as Markdown tables."""

from __future__ import annotations

import gc
import sys
import tracemalloc
from collections import Counter
from pathlib import Path

from tests.proof.kept_reports import REPO

#: Frames kept per allocation (the site shown is the innermost one).
FRAMES = 1
TOP = 10


def _objects_by_type() -> Counter[str]:
    gc.collect()
    return Counter(type(o).__qualname__ for o in gc.get_objects())


def _short(filename: str) -> str:
    """The file from the checkout or its package on (kiosk_app/…, PySide6/…, json/…)."""
    path = Path(filename)
    if path.is_relative_to(REPO):
        return str(path.relative_to(REPO))
    parts = path.parts
    for anchor in ("site-packages", f"python{sys.version_info.major}.{sys.version_info.minor}"):
        if anchor in parts:
            return "/".join(parts[parts.index(anchor) + 1 :])
    return path.name


class GrowthTracer:
    """Started at a sample; ``report()`` compares the end with it."""

    def __init__(self) -> None:
        self.from_sessions: int | None = None
        self._snapshot: tracemalloc.Snapshot | None = None
        self._types: Counter[str] = Counter()

    def start(self, sessions: int) -> None:
        """Trace allocations from now (``sessions`` done)."""
        self.from_sessions = sessions
        self._types = _objects_by_type()
        tracemalloc.start(FRAMES)
        self._snapshot = tracemalloc.take_snapshot()

    def report(self, sessions: int) -> str:
        """The top allocation sites and object types that grew since ``start``."""
        if self._snapshot is None:
            return ""
        types = _objects_by_type()  # before the comparison's own objects exist
        now = tracemalloc.take_snapshot()
        tracemalloc.stop()
        filters = [tracemalloc.Filter(False, tracemalloc.__file__)]
        stats = now.filter_traces(filters).compare_to(
            self._snapshot.filter_traces(filters), "lineno"
        )
        sites = [
            f"| {_short(st.traceback[0].filename)}:{st.traceback[0].lineno} | "
            f"{st.size_diff / 1024:+.1f} | {st.count_diff:+d} |"
            for st in stats[:TOP]
        ]
        grown = sorted(((types[t] - self._types[t], t) for t in types), reverse=True)[:TOP]
        kinds = [f"| {name} | {diff:+d} | {types[name]} |" for diff, name in grown]
        return (
            f"### What grew from session {self.from_sessions} to {sessions}\n\n"
            "Allocation sites (tracemalloc, live memory at the end against the start):\n\n"
            "| site | KiB | blocks |\n|---|---|---|\n" + "\n".join(sites) + "\n\n"
            "Python objects by type (gc):\n\n"
            "| type | growth | at the end |\n|---|---|---|\n" + "\n".join(kinds) + "\n"
        )
