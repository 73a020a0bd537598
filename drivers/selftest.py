"""What every device self-test returns: a status with Nagios-style exit codes and a report."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any


class Status(IntEnum):
    """Self-test outcome; the value is the process exit code."""

    OK = 0
    WARNING = 1
    CRITICAL = 2
    UNKNOWN = 3


@dataclass
class SelfTestResult:
    """One device's self-test: its status, a JSON-able report and readable findings."""

    status: Status
    report: dict[str, Any] = field(default_factory=dict)
    findings: list[str] = field(default_factory=list)

    def as_json(self) -> str:
        """The report with its status and its findings in words (the problems included, as the
        text output shows them) as one JSON object."""
        document = {"status": self.status.name.lower(), **self.report, "findings": self.findings}
        return json.dumps(document, ensure_ascii=False, default=str)

    def as_text(self) -> str:
        """A few readable lines for a field engineer."""
        lines = [f"status: {self.status.name}"]
        lines.extend(f"  {finding}" for finding in self.findings)
        return "\n".join(lines)
