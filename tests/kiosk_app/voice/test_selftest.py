"""``shomei-selftest voice``: recordings, sound outputs, and a prompt played for real."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kiosk_app.config import Language
from kiosk_app.voice.prompts import Prompt
from tests.stacks.pulse import PulseStack

ROOT = Path(__file__).resolve().parents[3]


def _selftest(env: dict[str, str], *args: str) -> tuple[int, dict[str, Any]]:
    """Run the self-test in a child process (Qt finds the sound server once per process)."""
    done = subprocess.run(
        [sys.executable, "-m", "kiosk_app.selftest_cli", "voice", "--json", *args],
        cwd=ROOT,
        env={**env, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return done.returncode, json.loads(done.stdout)


@pytest.mark.integration
def test_a_prompt_plays_on_the_sound_server(pulse: PulseStack) -> None:
    status, report = _selftest(pulse.env(), "--play", "thank_you", "--lang", "en")
    assert status == 0, report
    assert report["status"] == "ok"
    assert report["outputs"] == ["Null Output"]
    assert report["played"] is True
    assert report["recordings"] == len(Language) * len(Prompt)
    assert report["recording_problems"] == []


def test_no_sound_server_is_a_warning(tmp_path: Path) -> None:
    env = {**os.environ, "PULSE_SERVER": f"unix:{tmp_path / 'no-such-socket'}"}
    status, report = _selftest(env, "--play", "thank_you")
    assert (status, report["status"]) == (1, "warning")
    assert report["outputs"] == []
    assert report["played"] is None


def test_missing_recordings_are_critical(tmp_path: Path) -> None:
    (tmp_path / "voice").mkdir()
    env = {
        **os.environ,
        "SHOMEI_RESOURCES": str(tmp_path),
        "PULSE_SERVER": f"unix:{tmp_path / 'no-such-socket'}",
    }
    status, report = _selftest(env)
    assert (status, report["status"]) == (2, "critical")
    assert len(report["recording_problems"]) == len(Language) * len(Prompt)
    assert report["recording_problems"][0] == "ja/place_card.wav: missing"


def test_only_the_asked_languages_are_checked(tmp_path: Path) -> None:
    env = {**os.environ, "PULSE_SERVER": f"unix:{tmp_path / 'no-such-socket'}"}
    status, report = _selftest(env, "--languages", "en", "ja", "en")
    assert (status, report["status"]) == (1, "warning")
    assert report["languages"] == ["en", "ja"]
    assert report["recordings"] == 2 * len(Prompt)
    assert report["recording_problems"] == []


def test_a_corrupt_recording_is_named(tmp_path: Path) -> None:
    source = ROOT / "resources" / "voice" / "en"
    (tmp_path / "voice" / "en").mkdir(parents=True)
    for wav in source.glob("*.wav"):
        (tmp_path / "voice" / "en" / wav.name).symlink_to(wav)
    (tmp_path / "voice" / "en" / "take_card.wav").unlink()
    (tmp_path / "voice" / "en" / "take_card.wav").write_bytes(b"RIFF\0\0\0\0WAVEjunk")
    env = {
        **os.environ,
        "SHOMEI_RESOURCES": str(tmp_path),
        "PULSE_SERVER": f"unix:{tmp_path / 'no-such-socket'}",
    }
    status, report = _selftest(env, "--languages", "en")
    assert (status, report["status"]) == (2, "critical")
    assert report["recording_problems"] == ["en/take_card.wav: unreadable (WavFormatError)"]
