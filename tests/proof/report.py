"""The fault matrix as a Markdown table: written by `make proof` to docs/fault-matrix.md, by a
plain test run under build/; the committed table read back to compare with a run."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import astuple, dataclass, fields
from pathlib import Path

from tests.proof.checks import CellVerdict, ServerRecord
from tests.proof.scenario import Trace


@dataclass(frozen=True)
class Row:
    """One cell: where, what, how the session ended and what the checks found."""

    fault: str
    step: str
    outcome: str
    money: str
    paper: str
    server: str
    leftovers: str
    verdict: str

    @staticmethod
    def of(
        fault: str, step: str, trace: Trace, verdict: CellVerdict, before: ServerRecord | None
    ) -> Row:
        """A cell of an in-process run (``before``: the log before the kiosk reopened)."""
        endings = "/".join(e.value for e in trace.endings) or "none"
        notices = ", ".join(n.value for n in trace.notices)
        outcome = f"{endings} ({notices})" if notices else endings
        if trace.cancelled_payment:
            outcome += ", person cancelled the payment"
        if trace.host_timeouts:
            outcome += f", {trace.host_timeouts} time-out(s)"
        return Row._made(fault, step, outcome, verdict, before)

    @staticmethod
    def killed(step: str, at_step: str, verdict: CellVerdict) -> Row:
        """A cell where the kiosk process was killed at ``at_step`` and restarted."""
        return Row._made("process killed", step, f"killed at {at_step}, restarted home", verdict)

    @staticmethod
    def _made(
        fault: str,
        step: str,
        outcome: str,
        verdict: CellVerdict,
        before: ServerRecord | None = None,
    ) -> Row:
        log = _statuses(verdict.server)
        if before is not None:
            log = f"{_statuses(before)} → {log} (outbox, server back)"
        return Row(
            fault,
            step,
            outcome,
            verdict.money,
            verdict.paper,
            log,
            "none" if not verdict.leftovers else f"{len(verdict.leftovers)} found",
            "ok" if not verdict.problems else "FAIL: " + "; ".join(verdict.problems),
        )


def _line(row: Row) -> str:
    return "| " + " | ".join(astuple(row)) + " |"


def read_rows(path: Path) -> dict[tuple[str, str], Row]:
    """The rows of a written matrix, by (fault, step); none if there is no file."""
    if not path.exists():
        return {}
    rows: dict[tuple[str, str], Row] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not line.startswith("| ") or len(cells) != len(fields(Row)) or cells[0] == "fault":
            continue
        row = Row(*cells)
        rows[(row.fault, row.step)] = row
    return rows


def _statuses(record: ServerRecord) -> str:
    log = ",".join(sorted(set(record.statuses))) or "no request"
    if record.center is None:
        return log
    return f"{log}; center {','.join(sorted(set(record.center))) or 'no request'}"


def write_matrix(
    path: Path, rows: Sequence[Row], not_applicable: dict[str, str], made_from: str
) -> None:
    """Write the table (fault by fault, in step order) and the notes, stamped ``made_from``."""
    header = (
        "| fault | injected at | outcome (ending, notice) | money journal | "
        "copies counted / out | server log | personal data left | verdict |\n"
        "|---|---|---|---|---|---|---|---|\n"
    )
    lines = [_line(r) for r in rows]
    failed = sum(1 for r in rows if r.verdict != "ok")
    skipped = "\n".join(f"- **{fault}**: {why}." for fault, why in not_applicable.items())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "# Fault matrix\n\n"
        f"Made by `make proof` (tests/proof/test_fault_matrix.py) from {made_from}: "
        f"{len(rows)} cells, {failed} failed. `make test` runs the same cells, writes its table "
        "under build/ and fails where a cell's row differs from this one.\n\n"
        "See *How to read the table* below the table.\n\n"
        + header
        + "\n".join(lines)
        + "\n\n## Cells left out\n\n"
        + skipped
        + "\n\n"
        + NOTES.read_text(encoding="utf-8"),
        encoding="utf-8",
    )


#: The notes under the table: how each fault is made, what the matrix shows, the fuzzing.
NOTES = Path(__file__).with_name("fault_matrix_notes.md")
