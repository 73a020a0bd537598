"""Run every benchmark in bench/ and write one report, docs/benchmarks.md.

Each bench script measures its own baseline in the same run and prints a markdown section (a
heading and a table with the figure, the baseline, their ratio and the goal); this runner adds a
description of the machine and collects the sections in one file.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
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
    return f"{result.stdout.strip()}\n\n_{script.name}, {elapsed:.1f} s_\n"


def main() -> int:
    """Run the scripts, write the report, exit 1 if any script failed."""
    scripts = sorted(p for p in BENCH.glob("*.py") if p.name != Path(__file__).name)
    sections = [run_script(script) for script in scripts]
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(
        "# Benchmarks\n\n"
        f"Made by `make bench` on {dt.date.today().isoformat()}. Every figure is a ratio against a "
        "baseline measured in the same run on the same machine; goals stand beside them.\n\n"
        "## Machine\n\n" + machine_description() + "\n" + "\n".join(sections),
        encoding="utf-8",
    )
    print(f"wrote {REPORT} ({len(scripts)} benchmarks)")
    return 1 if any("FAILED (exit" in s for s in sections) else 0


if __name__ == "__main__":
    sys.exit(main())
