"""scripts/setup.sh brings the listed Debian packages to their current versions once a day."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

FAKE_APT = """#!/bin/sh
echo "apt-get $*" >> "$APT_LOG"
"""


def run_setup(tmp_path: Path) -> list[str]:
    """setup.sh with apt-get replaced by a recorder; the apt-get calls it made."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    (bin_dir / "apt-get").write_text(FAKE_APT)
    (bin_dir / "apt-get").chmod(0o755)
    log = tmp_path / "apt.log"
    log.unlink(missing_ok=True)
    env = {
        **os.environ,
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "APT_LOG": str(log),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    env.pop("SHOMEI_SKIP_UPGRADE", None)
    done = subprocess.run(
        ["bash", str(REPO / "scripts/setup.sh")], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return log.read_text().splitlines() if log.exists() else []


def test_the_listed_packages_are_upgraded_after_an_index_refresh_once_a_day(
    tmp_path: Path,
) -> None:
    listed = [
        line.strip()
        for line in (REPO / "scripts/debian-packages.txt").read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]

    first = run_setup(tmp_path)
    again = run_setup(tmp_path)

    assert "update" in first[0].split()
    [upgrade] = [call for call in first if "--only-upgrade" in call]
    assert upgrade.split()[-len(listed) :] == listed
    assert {"cups-daemon", "cups-ipp-utils"} <= set(listed)
    assert again == []
    assert (tmp_path / "cache/shomei-kiosk/debian-packages-upgraded").is_file()
