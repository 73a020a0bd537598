"""``make fuzz``: every fuzz target from random seeds, up to N examples each within a time bound,
and docs/fuzzing.md written with what ran and what was found.

Each target runs in chunks, each chunk from a fresh random seed (written down with any finding,
so ``@seed(N)`` reproduces it); the clock is read between chunks, so a target overruns its bound
by one chunk (about two seconds) at most. A target whose input space Hypothesis exhausts stops
early and says so.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import hypothesis
from hypothesis import given, seed, settings

from tests.fuzz.profiles import FUZZ
from tests.fuzz.targets import TARGETS, FuzzTarget

#: Aim of one chunk's duration; a chunk's size follows the target's measured speed.
CHUNK_SECONDS = 2.0


@dataclass
class Finding:
    """One failing input: the seed of its chunk, the error and Hypothesis's falsifying example."""

    seed: int
    error: str
    example: str


@dataclass
class TargetRun:
    """What one target ran."""

    name: str
    examples: int = 0
    seconds: float = 0.0
    chunks: int = 0
    exhausted: bool = False
    findings: list[Finding] = field(default_factory=list)


def run_target(target: FuzzTarget, examples: int, seconds: float) -> TargetRun:
    """Run ``target`` until ``examples`` inputs were checked or ``seconds`` passed."""
    run = TargetRun(target.name)
    calls = [0]

    def check(value: Any) -> None:
        calls[0] += 1
        target.check(value)

    start = time.monotonic()
    chunk = 200
    while run.examples < examples and time.monotonic() - start < seconds:
        size = min(chunk, examples - run.examples)
        chunk_seed = random.SystemRandom().getrandbits(64)
        test = settings(settings.get_profile(FUZZ), max_examples=size)(
            seed(chunk_seed)(given(target.inputs)(check))
        )
        before, chunk_start = calls[0], time.monotonic()
        try:
            test()
        except Exception as exc:  # a finding: keep it and go on with fresh seeds
            notes = [n for n in getattr(exc, "__notes__", []) if "Falsifying" in n or "(" in n]
            run.findings.append(
                Finding(chunk_seed, f"{type(exc).__name__}: {exc}", " ".join(notes))
            )
        done = calls[0] - before
        run.examples += done
        run.chunks += 1
        if done < size and not run.findings:
            run.exhausted = True
            break
        elapsed = max(time.monotonic() - chunk_start, 1e-3)
        chunk = max(100, min(50_000, int(done / elapsed * CHUNK_SECONDS)))
    run.seconds = time.monotonic() - start
    return run


def _commit() -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    )
    return done.stdout.strip() or "unknown"


@dataclass(frozen=True)
class Context:
    """Where and when the run happened: commit, start time, the machine's load."""

    commit: str
    started: dt.datetime
    load_before: float
    load_after: float


def report(runs: list[TargetRun], examples: int, seconds: float, context: Context) -> str:
    """docs/fuzzing.md: the settings, one row per target, then every finding."""
    lines = [
        "# Fuzzing (`make fuzz`)",
        "",
        "Written by `make fuzz` (`tests/fuzz/run.py`); tests never write it. Every parser that",
        "reads bytes or text from outside is a target in `tests/fuzz/targets.py`; `make test` runs",
        "each one derandomized (the `ci` Hypothesis profile, 300 examples and every known",
        "falsifying example); `make fuzz` runs them from random seeds.",
        "",
        f"- run: {context.started:%Y-%m-%d %H:%M} UTC, commit {context.commit}, "
        f"Hypothesis {hypothesis.__version__}, Python {platform.python_version()}",
        f"- goal: {examples:,} examples per target, at most {seconds:g} s per target",
        f"- machine: {os.cpu_count()} CPUs, load average {context.load_before:.1f} at the start, "
        f"{context.load_after:.1f} at the end (examples/s fall as the load rises)",
        "",
        "| parser | examples | seconds | examples/s | goal reached | findings |",
        "|---|---:|---:|---:|---|---:|",
    ]
    for run in runs:
        rate = run.examples / run.seconds if run.seconds else 0.0
        reached = (
            "yes"
            if run.examples >= examples
            else ("input space exhausted" if run.exhausted else "no: time bound")
        )
        lines.append(
            f"| {run.name} | {run.examples:,} | {run.seconds:.0f} | {rate:,.0f} | {reached} "
            f"| {len(run.findings)} |"
        )
    found = [(run.name, finding) for run in runs for finding in run.findings]
    lines += ["", "## Findings", ""]
    if not found:
        lines.append("None: every input gave a result or the parser's own typed error.")
    for name, finding in found:
        lines.append(f"- {name}, `@seed({finding.seed})`: {finding.error} — {finding.example}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Run the targets and write the report; exit 1 when anything was found."""
    parser = argparse.ArgumentParser(prog="make fuzz", description=__doc__)
    parser.add_argument("--examples", type=int, default=100_000, help="examples per target")
    parser.add_argument("--seconds", type=float, default=600.0, help="time bound per target")
    parser.add_argument("--out", type=Path, default=Path("docs/fuzzing.md"))
    parser.add_argument("--only", action="append", default=[], help="a target name (repeatable)")
    args = parser.parse_args(argv)
    commit, started, load_before = _commit(), dt.datetime.now(dt.UTC), os.getloadavg()[0]
    runs = []
    for target in TARGETS:
        if args.only and target.name not in args.only:
            continue
        run = run_target(target, args.examples, args.seconds)
        print(f"{run.name}: {run.examples:,} examples in {run.seconds:.0f} s, "
              f"{len(run.findings)} findings", flush=True)  # fmt: skip
        runs.append(run)
    context = Context(commit, started, load_before, os.getloadavg()[0])
    args.out.write_text(report(runs, args.examples, args.seconds, context), encoding="utf-8")
    return 1 if any(run.findings for run in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
