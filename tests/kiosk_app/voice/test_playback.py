"""QtVoicePrompter plays real sound through a real (null-sink) PulseAudio server."""

from __future__ import annotations

import subprocess
import sys
import wave
from pathlib import Path

import pytest

from kiosk_app.config import Language
from kiosk_app.voice.levels import WavLevels, measure_wav
from kiosk_app.voice.prompts import Prompt, prompt_file
from tests.stacks.pulse import PulseStack

ROOT = Path(__file__).resolve().parents[3]
PLAYER = "tests.kiosk_app.voice.play_prompt"


def _play_and_record(
    pulse: PulseStack, tmp_path: Path, language: Language, prompt: Prompt, *extra: str
) -> tuple[str, WavLevels]:
    raw = tmp_path / "heard.raw"
    recorder = pulse.record_monitor(raw)
    try:
        player = subprocess.run(
            [sys.executable, "-X", "faulthandler", "-m", PLAYER, language, prompt, *extra],
            cwd=ROOT,
            env=pulse.env(),
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    finally:
        recorder.terminate()
        recorder.wait(timeout=5)
    heard = tmp_path / "heard.wav"
    with wave.open(str(heard), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(16000)
        wav.writeframes(raw.read_bytes())
    assert player.returncode == 0, (player.stdout, player.stderr)
    return player.stdout.strip(), measure_wav(heard)


@pytest.mark.integration
def test_a_prompt_is_heard_to_its_end(pulse: PulseStack, tmp_path: Path) -> None:
    said, heard = _play_and_record(pulse, tmp_path, Language.JA, Prompt.TAKE_CERTIFICATES)
    recording = measure_wav(prompt_file(Language.JA, Prompt.TAKE_CERTIFICATES))
    assert said == "finished take_certificates"
    assert heard.rms_dbfs > -40.0  # sound reached the sink (silence would be -inf)
    assert heard.peak_dbfs > -12.0  # the file peaks at -3 dBFS; output volume may lower it
    assert heard.duration_s >= recording.duration_s


@pytest.mark.integration
def test_stop_silences_a_prompt_early(pulse: PulseStack, tmp_path: Path) -> None:
    long_prompt = measure_wav(prompt_file(Language.EN, Prompt.TAKE_REFUND_SLIP))
    said, heard = _play_and_record(
        pulse, tmp_path, Language.EN, Prompt.TAKE_REFUND_SLIP, "--stop-after-ms", "1000"
    )
    assert said == "stopped take_refund_slip"
    loud_seconds = heard.active_fraction * heard.duration_s
    assert loud_seconds < long_prompt.duration_s / 2  # (audio may start late: 0 is fine)
