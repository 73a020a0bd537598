"""The appliance test's report, docs/appliance-test.md: each step, its time and its outcome."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Outcome(enum.StrEnum):
    """How a step ended."""

    PASSED = "passed"
    FAILED = "failed"
    NOT_REACHED = "not reached"


@dataclass
class Step:
    """One step of the scenario."""

    name: str
    outcome: Outcome = Outcome.NOT_REACHED
    seconds: float | None = None
    detail: str = ""


@dataclass
class Report:
    """What the run saw, rendered as Markdown."""

    commit: str
    started_utc: str
    host: str
    steps: list[Step] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def step(self, name: str) -> Step:
        """The step called ``name`` (added, not reached, if new)."""
        for step in self.steps:
            if step.name == name:
                return step
        step = Step(name)
        self.steps.append(step)
        return step

    @property
    def passed(self) -> bool:
        """Every step passed."""
        return all(step.outcome is Outcome.PASSED for step in self.steps)

    def markdown(self) -> str:
        """The report's text."""
        lines = [
            "# Appliance test: the kiosk PC booted for real under QEMU",
            "",
            "Written by `make appliance-test` (appliance/run.py); do not edit by hand.",
            "",
            f"- Commit: `{self.commit}`",
            f"- Run started: {self.started_utc}",
            f"- Host: {self.host}",
            f"- Result: {'all steps passed' if self.passed else 'NOT all steps passed'}",
            "",
            "| Step | Outcome | Time (s) | Detail |",
            "|---|---|---:|---|",
        ]
        for step in self.steps:
            seconds = "" if step.seconds is None else f"{step.seconds:.1f}"
            detail = step.detail.replace("|", "\\|").replace("\n", "<br>")
            lines.append(f"| {step.name} | {step.outcome.value} | {seconds} | {detail} |")
        if self.notes:
            lines += ["", "## Notes", ""]
            lines += [f"- {note}" for note in self.notes]
        return "\n".join(lines) + "\n"
