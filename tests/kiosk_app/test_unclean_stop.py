"""The unclean-stop marker: a clean stop leaves nothing, a crash is noticed and logged once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk_app.unclean_stop import MARKER_NAME, PreviousRun, RunMarker


def test_clean_runs_report_no_incident(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    marker = RunMarker(tmp_path / "data")
    assert marker.begin() is None
    assert (tmp_path / "data" / MARKER_NAME).exists()
    marker.end()
    assert not (tmp_path / "data" / MARKER_NAME).exists()
    assert RunMarker(tmp_path / "data").begin() is None
    assert "incident" not in caplog.text


def test_a_run_that_never_ended_is_an_incident(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    RunMarker(tmp_path).begin()  # ... and the process dies here
    previous = RunMarker(tmp_path).begin()
    assert previous is not None
    assert previous.pid == os.getpid()
    assert previous.started is not None
    incidents = [r for r in caplog.records if r.getMessage().startswith("incident:")]
    assert len(incidents) == 1
    assert incidents[0].levelname == "WARNING"
    assert f"pid {os.getpid()}" in incidents[0].getMessage()


@pytest.mark.parametrize("content", ["", '{"pid": ', "[1, 2]", '{"pid": "x", "started": 5}'])
def test_a_torn_marker_still_counts(tmp_path: Path, content: str) -> None:
    (tmp_path / MARKER_NAME).write_text(content)
    assert RunMarker(tmp_path).begin() == PreviousRun(None, None)
