"""Notices that the previous kiosk run did not stop cleanly (crash, kill -9, watchdog, power cut).

A small marker file in the data directory holds the running process's pid and start time; a
clean stop removes it. Finding it at start means the last run ended abnormally: that incident is
logged (and the caller goes on to settle the money and wipe what the run left). The marker holds
no personal data.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

MARKER_NAME = "kiosk-running.json"


@dataclass(frozen=True)
class PreviousRun:
    """What the marker says about a run that did not stop cleanly."""

    pid: int | None
    started: str | None


class RunMarker:
    """Marks the kiosk as running in ``data_dir`` and tells whether the last run crashed."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / MARKER_NAME

    def begin(self) -> PreviousRun | None:
        """Record this run; return (and log) the previous run if it did not stop cleanly."""
        previous = self._read()
        if previous is not None:
            log.warning(
                "incident: the previous kiosk run (pid %s, started %s) did not stop cleanly"
                " (crash, kill, watchdog or power loss); open payments are settled next",
                previous.pid,
                previous.started,
            )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        record = {"pid": os.getpid(), "started": dt.datetime.now(dt.UTC).isoformat()}
        temporary = self.path.with_suffix(".tmp")
        with temporary.open("w", encoding="utf-8") as file:
            json.dump(record, file)
            file.flush()
            os.fsync(file.fileno())
        temporary.replace(self.path)
        return previous

    def end(self) -> None:
        """The kiosk stopped cleanly: remove the marker."""
        self.path.unlink(missing_ok=True)

    def _read(self) -> PreviousRun | None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("cannot read %s: %s", self.path, exc)
            return PreviousRun(None, None)
        try:
            data = json.loads(text)
        except ValueError:
            return PreviousRun(None, None)  # torn by a power cut: still an unclean stop
        if not isinstance(data, dict):
            return PreviousRun(None, None)
        pid = data.get("pid")
        started = data.get("started")
        return PreviousRun(
            pid if isinstance(pid, int) else None, started if isinstance(started, str) else None
        )
