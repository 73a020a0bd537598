"""Reports kept in the repository: their commit stamp and the blocks other targets keep in them."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.proof import kept_reports
from tests.proof.kept_reports import LONG_SOAK_BLOCK, REPO, kept_block, made_from, with_block

DOCS = REPO / "docs"


def _head() -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--short=12", "HEAD"], cwd=REPO, capture_output=True, text=True
    )
    return done.stdout.strip()


def test_the_stamp_names_the_commit_checked_out() -> None:
    stamp = made_from()
    assert stamp.startswith(f"commit {_head()}")
    dirty = subprocess.run(
        ["git", "status", "--porcelain"], cwd=REPO, capture_output=True, text=True
    ).stdout
    assert stamp.endswith("+ uncommitted changes") == bool(dirty)


def test_a_report_being_written_does_not_count_as_a_change() -> None:
    changed = subprocess.run(
        ["git", "status", "--porcelain"], cwd=REPO, capture_output=True, text=True
    ).stdout.splitlines()
    only = [REPO / line[3:] for line in changed]
    assert made_from(only) == f"commit {_head()}"


def test_a_block_is_replaced_in_place_and_the_rest_kept() -> None:
    report = "# Benchmarks\n\nintro\n"
    first = with_block(report, "make soak", "## Long soak\n\nrun 1")
    assert first.startswith(report.rstrip())
    assert "run 1" in kept_block(first, "make soak")
    second = with_block(first + "\ntail\n", "make soak", "## Long soak\n\nrun 2")
    assert "run 1" not in second
    assert second.count("<!-- begin make soak -->") == 1
    assert second.endswith("tail\n")
    assert kept_block(second, "make soak").startswith("<!-- begin make soak -->\n## Long soak")


def test_a_report_without_the_block_keeps_nothing() -> None:
    assert kept_block("# Benchmarks\n", "make soak") == ""


def test_the_committed_reports_are_stamped_with_a_commit() -> None:
    """Cheap check of the reports kept in docs/ (their make targets write the stamp)."""
    matrix = (DOCS / "fault-matrix.md").read_text(encoding="utf-8")
    assert matrix.splitlines()[2].startswith(
        "Made by `make proof` (tests/proof/test_fault_matrix.py) from commit "
    )
    soak = kept_block((DOCS / "benchmarks.md").read_text(encoding="utf-8"), LONG_SOAK_BLOCK)
    if soak:
        assert "Made by `make soak` from commit " in soak


def test_the_stamp_outside_git_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kept_reports, "REPO", tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    assert made_from() == "an unknown commit (no git checkout)"
