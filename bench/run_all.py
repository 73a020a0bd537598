"""Run every benchmark in bench/ and write one report, docs/benchmarks.md.

Each bench script measures its own baseline in the same run and prints a markdown section (a
heading and a table with the figure, the baseline, their ratio and the goal); this runner adds a
description of the machine, the machine's load while each script ran and the commit measured,
and collects the sections in one file. The long soak's section (`make soak`) is kept as it was.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from tests.proof.kept_reports import LONG_SOAK_BLOCK, kept_block, made_from  # noqa: E402

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


def run_script(script: Path) -> str:
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
    return f"{result.stdout.strip()}\n\n_{script.name}, {elapsed:.1f} s, {load}_\n"


def main() -> int:
    """Run the scripts, write the report, exit 1 if any script failed."""
    scripts = sorted(p for p in BENCH.glob("*.py") if p.name != Path(__file__).name)
    stamp = made_from([REPORT])
    sections = [run_script(script) for script in scripts]
    old = REPORT.read_text(encoding="utf-8") if REPORT.exists() else ""
    kept = kept_block(old, LONG_SOAK_BLOCK)
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(
        "# Benchmarks\n\n"
        f"Made by `make bench` from {stamp}. Every figure is a ratio against a baseline measured "
        "in the same run on the same machine; goals stand beside them, and the machine's load "
        "(1-minute load average before → after) beside each script.\n\n"
        "## Machine\n\n"
        + machine_description()
        + "\n"
        + "\n".join(sections)
        + (f"\n{kept}\n" if kept else ""),
        encoding="utf-8",
    )
    print(f"wrote {REPORT} ({len(scripts)} benchmarks)")
    return 1 if any("FAILED (exit" in s for s in sections) else 0


if __name__ == "__main__":
    sys.exit(main())
