"""The prompt recordings are real speech in every language, made reproducibly by make_voice."""

from __future__ import annotations

import math
import subprocess
import sys
import tomllib
import wave
from array import array
from pathlib import Path

import pytest

from kiosk_app.config import Language
from kiosk_app.voice.levels import measure_wav
from kiosk_app.voice.prompts import Prompt, prompt_file, voice_dir

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("language", list(Language), ids=str)
def test_every_prompt_is_audible_speech(language: Language) -> None:
    for prompt in Prompt:
        levels = measure_wav(prompt_file(language, prompt))
        where = f"{language}/{prompt}: {levels}"
        assert (levels.channels, levels.sample_rate) == (1, 16000), where
        assert 0.4 <= levels.duration_s <= 10.0, where
        assert levels.rms_dbfs > -30.0, where  # digital silence is -inf, hiss below -60
        assert levels.peak_dbfs == pytest.approx(-3.0, abs=0.1), where  # normalised by sox
        assert 0.3 <= levels.active_fraction <= 0.95, where  # pauses between words
        assert levels.speech_problems() == [], where


def test_japanese_and_english_differ_and_scale_with_the_text() -> None:
    ja = measure_wav(prompt_file(Language.JA, Prompt.TAKE_REFUND_SLIP))
    en = measure_wav(prompt_file(Language.EN, Prompt.TAKE_REFUND_SLIP))
    short = measure_wav(prompt_file(Language.EN, Prompt.CANCELLED))
    assert prompt_file(Language.JA, Prompt.CANCELLED).read_bytes() != (
        prompt_file(Language.EN, Prompt.CANCELLED).read_bytes()
    )
    assert short.duration_s * 2 < en.duration_s
    assert short.duration_s * 2 < ja.duration_s


def _write_wav(path: Path, samples: list[int]) -> Path:
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(16000)
        wav.writeframes(array("h", samples).tobytes())
    return path


def test_the_speech_check_rejects_silence_and_a_steady_tone(tmp_path: Path) -> None:
    silence = measure_wav(_write_wav(tmp_path / "silence.wav", [0] * 32000))
    tone = measure_wav(
        _write_wav(
            tmp_path / "tone.wav",
            [round(16000 * math.sin(2 * math.pi * 440 * i / 16000)) for i in range(32000)],
        )
    )
    assert silence.rms_dbfs == -math.inf
    assert any("too quiet" in problem for problem in silence.speech_problems())
    assert tone.active_fraction == 1.0
    assert any("not speech-like" in problem for problem in tone.speech_problems())


def test_prompt_texts_cover_every_prompt_and_language() -> None:
    texts = tomllib.loads((voice_dir() / "prompts.toml").read_text(encoding="utf-8"))
    assert set(texts) == {prompt.value for prompt in Prompt}
    for prompt_id, row in texts.items():
        assert set(row) == {language.value for language in Language}, prompt_id
        assert all(text.strip() for text in row.values()), prompt_id


@pytest.mark.parametrize("language", [Language.JA, Language.EN], ids=str)
def test_make_voice_reproduces_the_recordings(tmp_path: Path, language: Language) -> None:
    subprocess.run(
        [sys.executable, "scripts/make_voice.py", "--out", str(tmp_path), "--lang", language],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    for prompt in Prompt:
        made = prompt_file(language, prompt, tmp_path).read_bytes()
        assert made == prompt_file(language, prompt).read_bytes(), prompt
