"""`make test` runs property tests derandomized, with no example database left behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from hypothesis import settings

from tests.fuzz.profiles import CI, PROFILE_VARIABLE

REPO = Path(__file__).resolve().parents[2]


def test_the_test_run_uses_the_derandomized_profile() -> None:
    assert os.environ.get(PROFILE_VARIABLE, CI) == CI
    current = settings()
    assert current.derandomize
    assert current.database is None
    assert current.deadline is None


def test_a_derandomized_run_draws_the_same_examples_twice(tmp_path: Path) -> None:
    """Two runs of one property in fresh processes see the very same inputs, and write no
    example database into the working directory."""
    script = (
        "from hypothesis import given, strategies as st\n"
        "from tests.fuzz.profiles import load_profile\n"
        "load_profile()\n"
        "seen = []\n"
        "@given(st.binary(max_size=50))\n"
        "def record(data):\n"
        "    seen.append(data.hex())\n"
        "record()\n"
        "print(','.join(seen))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop(PROFILE_VARIABLE, None)
    runs = [
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for _ in range(2)
    ]
    assert runs[0] == runs[1]
    assert len(runs[0].split(",")) > 10
    assert not (tmp_path / ".hypothesis").exists()
