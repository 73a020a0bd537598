"""Run every benchmark in bench/ and write one report, docs/benchmarks.md.

Each bench script measures its own baseline in the same run and prints a markdown section (a
heading and a table with the figure, the baseline, their ratio and the goal); this runner adds a
description of the machine, the machine's load while each script ran and the commit measured,
and collects the sections in one file. The long soak's section (`make soak`) is kept as it was.

``python bench/run_all.py --only center_relay.py`` runs only the scripts named and replaces
their sections in the existing report, each section naming the commit it measured.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from tests.proof.kept_reports import (  # noqa: E402
    LONG_SOAK_BLOCK,
    kept_block,
    made_from,
    with_block,
)

REPORT = BENCH.parent / "docs" / "benchmarks.md"


def machine_description() -> str:
    """CPU model, cores, memory, OS and Python of this machine."""
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kib = 0
    for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
        if line.startswith("MemTotal:"):
            mem_kib = int(line.split()[1])
    return (
        f"- CPU: {cpu}, {os.cpu_count()} logical cores\n"
        f"- Memory: {mem_kib / 1024 / 1024:.1f} GiB\n"
        f"- OS: {platform.platform()}\n"
        f"- Python: {platform.python_version()}\n"
    )


def block_name(script: Path) -> str:
    """The name of a script's section between its markers in the report."""
    return f"bench {script.name}"


def run_script(script: Path, stamp: str) -> str:
    """Run one bench script; its markdown output, or a note of its failure."""
    started = time.monotonic()
    load_before = os.getloadavg()[0]
    result = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    elapsed = time.monotonic() - started
    if result.returncode != 0:
        tail = "\n".join(result.stderr.strip().splitlines()[-5:])
        return f"## {script.name}\n\nFAILED (exit {result.returncode}):\n\n```\n{tail}\n```\n"
    load = f"load {load_before:.1f} → {os.getloadavg()[0]:.1f}"
    return f"{result.stdout.strip()}\n\n_{script.name}, {elapsed:.1f} s, {load}, {stamp}_\n"


def main(argv: list[str] | None = None) -> int:
    """Run the scripts, write the report, exit 1 if any script failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", metavar="SCRIPT", help="e.g. center_relay.py")
    args = parser.parse_args(argv)
    scripts = sorted(p for p in BENCH.glob("*.py") if p.name != Path(__file__).name)
    if args.only:
        unknown = set(args.only) - {p.name for p in scripts}
        if unknown:
            parser.error(f"no such bench script: {', '.join(sorted(unknown))}")
        scripts = [p for p in scripts if p.name in args.only]
    stamp = made_from([REPORT])
    sections = {script: run_script(script, stamp) for script in scripts}
    old = REPORT.read_text(encoding="utf-8") if REPORT.exists() else ""
    if args.only and old:
        text = old
        for script, section in sections.items():
            text = with_block(text, block_name(script), section)
    else:
        kept = kept_block(old, LONG_SOAK_BLOCK)
        text = (
            "# Benchmarks\n\n"
            "Made by `make bench` (`python bench/run_all.py`; `--only SCRIPT` runs one again). "
            "Every figure is a ratio against a baseline measured in the same run on the same "
            "machine; goals stand beside them, and beside each script the machine's load "
            "(1-minute load average before → after) and the commit it measured.\n\n"
            "## Machine\n\n"
            + machine_description()
            + "\n"
            + "\n".join(
                with_block("", block_name(script), section).strip() + "\n"
                for script, section in sections.items()
            )
            + (f"\n{kept}\n" if kept else "")
        )
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(text, encoding="utf-8")
    print(f"wrote {REPORT} ({len(scripts)} benchmarks)")
    return 1 if any("FAILED (exit" in s for s in sections.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
