"""Soak: mixed sessions in one kiosk process, sampled as they go; what grows, against the first 50.

One kiosk window (offscreen) on sim: devices with the embedded server runs the mix of
tests/proof/soak.py (issuances, cancels at the menu and while paying, status checks, paper out
mid-job, card removed, server down, receipt paper out). The baseline is the process after the
first 50 sessions, measured in the same run; the process is sampled every ``--every`` sessions
(RSS, threads, descriptors, Qt objects, the machine's load) and the RSS slope is fitted over the
last ``--slope-over`` sessions. Goals: RSS growth ≤ 10 MB over 1,000 sessions and a slope of at
most 0.5 MB per 1,000 sessions on a long run; no growth of threads, file descriptors (the
embedded server's database descriptors shown apart), QTimers or QObjects; the money journal
balanced and in agreement with the coins that moved.

``python bench/soak_sessions.py [--sessions N]`` prints a markdown section (``SOAK_SESSIONS``
sets the default N; ``make bench`` runs 1,000). ``make soak`` runs 5,000 with ``--plot`` (an
RSS-over-sessions PNG) and ``--into docs/benchmarks.md`` (its section kept there, apart from
what ``make bench`` writes). ``--trace-from N`` adds what grew from session N to the end: the
top allocation sites (tracemalloc) and Python object types (slow: for looking, not for figures).
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

from kiosk_app.memory import one_malloc_arena
from tests.proof.kept_reports import LONG_SOAK_BLOCK, made_from, with_block
from tests.proof.soak import Resources, Sample, rss_slope, slope_verdict, soaking
from tests.proof.soak_plot import save_rss_plot
from tests.proof.soak_trace import GrowthTracer

BASELINE_SESSIONS = 50
#: What the long soak's section says under its figures: what grew and what was done.
NOTES = Path(__file__).with_name("soak_notes.md")
RSS_GOAL_KIB = 10 * 1024
#: The long soak's goal: MB of RSS per 1,000 sessions over its last sessions (flat).
SLOPE_GOAL_MB = 0.5
#: Where the kiosk's and the server's files go: a RAM file system, so that the sessions do not
#: wait on the syncs of a disk other processes share (the money journal syncs every entry:
#: 20 ms an entry on a busy disk, a third of a session's time). File pages are not in the
#: process's RSS, which is what is measured, on disk or not.
MEMORY_FS = Path("/dev/shm")


def _row(name: str, base: int, final: int, goal: str, ok: bool) -> str:
    ratio = f"{final / base:.3f}" if base else "-"
    met = "yes" if ok else "NO"
    return f"| {name} | {base} | {final} | {final - base:+d} | {ratio} | {goal} | {met} |"


def growth_table(base: Resources, final: Resources, rss_goal: bool) -> str:
    """Baseline against the end, figure by figure (the RSS goal only on a 1,000-session run)."""
    rss_growth = final.rss_kib - base.rss_kib
    kiosk_fds = (base.fds - base.server_db_fds, final.fds - final.server_db_fds)
    rows = [
        _row(
            "RSS (KiB)",
            base.rss_kib,
            final.rss_kib,
            "growth ≤ 10 MB" if rss_goal else "see the slope",
            rss_growth <= RSS_GOAL_KIB if rss_goal else True,
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
    return (
        "| figure | after 50 (baseline) | after all | growth | ratio | goal | met |\n"
        "|---|---|---|---|---|---|---|\n" + "\n".join(rows) + "\n"
    )


def samples_table(samples: list[Sample]) -> str:
    """One row a sample: sessions done, RSS and where it is, threads, descriptors, Qt objects,
    load."""
    rows = []
    for s in samples:
        r, heap = s.resources, s.resources.heap
        rows.append(
            f"| {s.sessions} | {r.rss_kib / 1024:.1f} | {heap.malloc_in_use_kib / 1024:.1f} | "
            f"{heap.malloc_free_kib / 1024:.1f} | {heap.sqlite_kib / 1024:.2f} | "
            f"{heap.python_kblocks} | {r.python_threads} | {r.native_threads} | "
            f"{r.fds - r.server_db_fds} | {r.server_db_fds} | {r.qtimers} | {r.qobjects} | "
            f"{s.seconds:.0f} | {s.load:.1f} |"
        )
    return (
        "| sessions | RSS (MiB) | malloc in use (MiB) | malloc free, held (MiB) | SQLite (MiB) "
        "| Python blocks (k) | Python threads | native threads | kiosk fds | server DB fds "
        "| QTimers | QObjects | elapsed (s) | load (1 min) |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n" + "\n".join(rows) + "\n"
    )


def _at_1000(base: Resources, at_1000: Resources | None, long_run: bool) -> str:
    """On a long run, the 1,000-session figure of `make bench` read from its samples."""
    if not long_run or at_1000 is None:
        return ""
    growth = at_1000.rss_kib - base.rss_kib
    met = "met" if growth <= RSS_GOAL_KIB else "NOT met"
    return (
        f"RSS growth from session {BASELINE_SESSIONS} to 1,000 (the `make bench` soak's figure): "
        f"**{growth / 1024:+.1f} MiB** (goal ≤ 10 MB: {met}).\n"
    )


def report(
    sessions: int,
    seconds: float,
    samples: list[Sample],
    kinds: dict[str, int],
    slope_over: int,
    plot: str | None,
) -> str:
    """The markdown section."""
    base = next(s for s in samples if s.sessions == BASELINE_SESSIONS).resources
    final = samples[-1].resources
    long_run = sessions > 1000
    slope, fitted = rss_slope(samples, slope_over)
    slope_met = slope_verdict(slope, fitted, slope_over, SLOPE_GOAL_MB)
    at_1000 = next((s.resources for s in samples if s.sessions == 1000), None)
    mix = ", ".join(f"{name} {count}" for name, count in sorted(kinds.items()))
    loads = [s.load for s in samples]
    title = "Long soak (`make soak`)" if long_run else "Soak: sessions in one kiosk process"
    figure = f"![RSS over sessions]({plot})\n\n" if plot else ""
    return (
        f"## {title}\n\n"
        f"{sessions} sessions in {seconds:.0f} s ({sessions / seconds:.1f} sessions/s) under "
        f"load {min(loads):.1f}–{max(loads):.1f} (1-minute load average of the machine while it "
        f"ran, {os.cpu_count()} cores); mix: {mix}.\n"
        f"Baseline: the process after the first {BASELINE_SESSIONS} sessions (same run).\n\n"
        + growth_table(base, final, rss_goal=not long_run)
        + f"\nRSS slope over the last {fitted} sessions (least squares over the samples): "
        f"**{slope:+.2f} MiB per 1,000 sessions** (goal ≤ {SLOPE_GOAL_MB}: {slope_met}).\n"
        + _at_1000(base, at_1000, long_run)
        + "\n"
        + figure
        + samples_table(samples)
    )


def main() -> int:
    """Run the soak and print its section; exit 1 if the money does not balance."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sessions", type=int, default=int(os.environ.get("SOAK_SESSIONS", "1000"))
    )
    parser.add_argument("--every", type=int, default=250, help="sessions between samples")
    parser.add_argument("--slope-over", type=int, default=4000, help="last sessions fitted")
    parser.add_argument("--plot", type=Path, help="save an RSS-over-sessions PNG here")
    parser.add_argument("--into", type=Path, help="keep the section in this report")
    parser.add_argument(
        "--max-seconds", type=float, help="stop at the first sample after this long (deadline)"
    )
    parser.add_argument(
        "--trace-from", type=int, help="at this sample, start tracing what grows (slow)"
    )
    args = parser.parse_args()
    stamp = made_from([p for p in (args.into, args.plot) if p is not None])
    one_malloc_arena()  # as the kiosk does before its threads start (kiosk_app.app.run)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    if not isinstance(app, QApplication):
        raise RuntimeError("a QApplication is needed")
    in_memory = MEMORY_FS if MEMORY_FS.is_dir() else None
    files = tempfile.TemporaryDirectory(prefix="soak-", dir=in_memory)
    with files as name, soaking(app, Path(name)) as soak:
        started = time.monotonic()
        tracer = GrowthTracer()

        def on_sample(sample: Sample) -> None:
            print(
                f"soak: {sample.sessions} sessions, {sample.seconds:.0f} s, "
                f"RSS {sample.resources.rss_kib / 1024:.1f} MiB",
                file=sys.stderr,
                flush=True,
            )
            if sample.sessions == args.trace_from:
                tracer.start(sample.sessions)

        soak.run_sampled(BASELINE_SESSIONS, args.sessions, args.every, args.max_seconds, on_sample)
        grown = tracer.report(soak.sessions)
        seconds = time.monotonic() - started
        problems = soak.problems()
    plot = None
    if args.plot is not None:
        save_rss_plot(soak.samples, args.plot)
        plot = os.path.relpath(args.plot, args.into.parent if args.into else Path.cwd())
    section = report(soak.sessions, seconds, soak.samples, soak.kinds, args.slope_over, plot)
    section += f"\n{grown}" if grown else ""
    if soak.sessions > 1000:
        section += "\n" + NOTES.read_text(encoding="utf-8")
    if soak.sessions < args.sessions:
        section += (
            f"\n**Stopped at {soak.sessions} of the {args.sessions} sessions asked** "
            f"(`--max-seconds {args.max_seconds:.0f}`: what fitted before a deadline).\n"
        )
    section += "".join(f"- money: {problem}\n" for problem in problems)
    if args.into is not None:
        old = args.into.read_text(encoding="utf-8") if args.into.exists() else "# Benchmarks\n"
        made = f"Made by `make soak` from {stamp}."
        args.into.write_text(with_block(old, LONG_SOAK_BLOCK, section + "\n" + made), "utf-8")
    print(section)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
