"""`make test` fails when the run changes the checkout (scripts/unchanged_tree.sh)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.proof.kept_reports import REPO


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A git checkout with one committed report and the script."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(REPO / "scripts" / "unchanged_tree.sh", tmp_path / "scripts")
    (tmp_path / "report.md").write_text("made from commit x\n", encoding="utf-8")
    (tmp_path / ".gitignore").write_text("build/\n", encoding="utf-8")
    for command in (
        ["init", "-q"],
        ["add", "."],
        ["-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "x"],
    ):
        subprocess.run(["git", *command], cwd=tmp_path, check=True, capture_output=True)
    return tmp_path


def _run(checkout: Path, shell: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(checkout / "scripts" / "unchanged_tree.sh"), "bash", "-c", shell],
        cwd=checkout,
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_run_that_writes_under_build_passes(checkout: Path) -> None:
    done = _run(checkout, "mkdir -p build && echo table > build/report.md")
    assert done.returncode == 0, done.stderr


def test_a_run_that_rewrites_a_tracked_report_fails(checkout: Path) -> None:
    done = _run(checkout, "echo today >> report.md")
    assert done.returncode == 1
    assert "M report.md" in done.stderr


def test_a_run_that_leaves_a_new_file_fails(checkout: Path) -> None:
    done = _run(checkout, "echo x > stray.txt")
    assert done.returncode == 1
    assert "?? stray.txt" in done.stderr


def test_a_change_made_before_the_run_is_not_the_run_s(checkout: Path) -> None:
    (checkout / "report.md").write_text("edited by hand\n", encoding="utf-8")
    assert _run(checkout, "true").returncode == 0
    assert _run(checkout, "echo again >> report.md").returncode == 1


def test_the_run_s_own_failure_is_its_exit_status(checkout: Path) -> None:
    assert _run(checkout, "exit 3").returncode == 3
