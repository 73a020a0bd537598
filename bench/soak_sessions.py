"""Soak: 1,000 sessions of mixed flows in one kiosk process; what grows, against the first 50.

One kiosk window (offscreen) on sim: devices with the embedded server runs the mix of
tests/proof/soak.py (issuances, cancels at the menu and while paying, status checks, paper out
mid-job, card removed, server down, receipt paper out). The baseline is the process after the
first 50 sessions, measured in the same run. Goals: RSS growth ≤ 10 MB; no growth of threads,
file descriptors (the embedded server's database descriptors shown apart),
QTimers or QObjects; the money journal balanced and in agreement with the coins that moved.
``python bench/soak_sessions.py [--sessions N]`` prints a markdown table (``SOAK_SESSIONS``
sets the default N, e.g. for a quick ``make bench``).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication

from tests.proof.soak import Resources, soaking

BASELINE_SESSIONS = 50
RSS_GOAL_KIB = 10 * 1024


def _row(name: str, base: int, final: int, goal: str, ok: bool) -> str:
    ratio = f"{final / base:.3f}" if base else "-"
    met = "yes" if ok else "NO"
    return f"| {name} | {base} | {final} | {final - base:+d} | {ratio} | {goal} | {met} |"


def report(
    sessions: int, seconds: float, base: Resources, final: Resources, kinds: dict[str, int]
) -> str:
    """The markdown section."""
    rss_growth = final.rss_kib - base.rss_kib
    kiosk_fds = (base.fds - base.server_db_fds, final.fds - final.server_db_fds)
    rows = [
        _row(
            "RSS (KiB)", base.rss_kib, final.rss_kib, "growth ≤ 10 MB", rss_growth <= RSS_GOAL_KIB
        ),
        _row(
            "Python threads",
            base.python_threads,
            final.python_threads,
            "no growth",
            final.python_threads <= base.python_threads,
        ),
        _row(
            "native threads",
            base.native_threads,
            final.native_threads,
            "no growth (±2 pool)",
            final.native_threads <= base.native_threads + 2,
        ),
        _row("kiosk file descriptors", *kiosk_fds, "no growth", kiosk_fds[1] <= kiosk_fds[0]),
        _row(
            "embedded server DB descriptors",
            base.server_db_fds,
            final.server_db_fds,
            "no growth",
            final.server_db_fds <= base.server_db_fds,
        ),
        _row("QTimers", base.qtimers, final.qtimers, "no growth", final.qtimers <= base.qtimers),
        _row(
            "QObjects", base.qobjects, final.qobjects, "no growth", final.qobjects <= base.qobjects
        ),
    ]
    mix = ", ".join(f"{name} {count}" for name, count in sorted(kinds.items()))
    return (
        "## Soak: sessions in one kiosk process\n\n"
        f"{sessions} sessions in {seconds:.0f} s ({sessions / seconds:.1f} sessions/s); "
        f"mix: {mix}.\n"
        f"Baseline: the process after the first {BASELINE_SESSIONS} sessions (same run).\n\n"
        "| figure | after 50 (baseline) | after all | growth | ratio | goal | met |\n"
        "|---|---|---|---|---|---|---|\n" + "\n".join(rows) + "\n"
    )


def main() -> int:
    """Run the soak and print the table; exit 1 if the money does not balance."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sessions", type=int, default=int(os.environ.get("SOAK_SESSIONS", "1000"))
    )
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    if not isinstance(app, QApplication):
        raise RuntimeError("a QApplication is needed")
    with tempfile.TemporaryDirectory(prefix="soak-") as name, soaking(app, Path(name)) as soak:
        started = time.monotonic()
        soak.run(BASELINE_SESSIONS)
        base = soak.sample()
        soak.run(max(0, args.sessions - BASELINE_SESSIONS))
        final = soak.sample()
        seconds = time.monotonic() - started
        problems = soak.problems()
    print(report(soak.sessions, seconds, base, final, soak.kinds))
    for problem in problems:
        print(f"- money: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
