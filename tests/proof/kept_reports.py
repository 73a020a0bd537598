"""Reports kept in the repository: their stamp (the commit they were made from) and the blocks
one make target keeps inside a report another target writes."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Sequence
from pathlib import Path

#: The checkout's root.
REPO = Path(__file__).resolve().parents[2]
#: The block of docs/benchmarks.md that `make soak` writes and `make bench` keeps.
LONG_SOAK_BLOCK = "make soak"


def _git(*args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", *args], cwd=REPO, capture_output=True, text=True, check=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout


def made_from(reports: Sequence[Path] = ()) -> str:
    """ "commit 1a2b3c4d5e6f", with "+ uncommitted changes" when the checkout differs from it
    in anything but ``reports`` (the files being written); "an unknown commit" outside git."""
    head = _git("rev-parse", "--short=12", "HEAD")
    if head is None:
        return "an unknown commit (no git checkout)"
    inside = [path.resolve() for path in reports if path.resolve().is_relative_to(REPO)]
    excluded = [f":(exclude){path.relative_to(REPO)}" for path in inside]
    changes = _git("status", "--porcelain", "--", ".", *excluded)
    stamp = f"commit {head.strip()}"
    return f"{stamp} + uncommitted changes" if changes else stamp


def _markers(name: str) -> tuple[str, str]:
    return f"<!-- begin {name} -->", f"<!-- end {name} -->"


def kept_block(text: str, name: str) -> str:
    """The block ``name`` of a report (markers included), or "" if it has none."""
    begin, end = _markers(name)
    found = re.search(re.escape(begin) + ".*?" + re.escape(end), text, flags=re.DOTALL)
    return found.group(0) if found else ""


def with_block(text: str, name: str, body: str) -> str:
    """``text`` with its block ``name`` replaced by ``body`` (added at the end if it had none)."""
    begin, end = _markers(name)
    block = f"{begin}\n{body.strip()}\n{end}"
    old = kept_block(text, name)
    if old:
        return text.replace(old, block)
    return f"{text.rstrip()}\n\n{block}\n"
