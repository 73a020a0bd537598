"""Measure a 16-bit PCM WAV file: length, loudness and how much of it is sound (no numpy)."""

from __future__ import annotations

import math
import sys
import wave
from array import array
from dataclasses import dataclass
from pathlib import Path

#: Analysis frame for the loudness envelope (20 ms, a typical speech-analysis frame).
FRAME_SECONDS = 0.02
#: A frame counts as "active" when its RMS is within this many dB of the loudest frame.
ACTIVE_WITHIN_DB = 30.0
#: The prompt format: mono at this rate, 16-bit.
SPEECH_RATE = 16000
#: A prompt lasts between these many seconds.
SPEECH_SECONDS = (0.4, 10.0)
#: Normalised speech sits near -20 dBFS RMS; -30 is far above silence (-inf) and hiss (< -60).
MIN_SPEECH_RMS_DBFS = -30.0
#: Bounds of ``active_fraction`` for speech (silence gives 0, a steady tone 1).
SPEECH_ACTIVE_FRACTION = (0.3, 0.95)


class WavFormatError(ValueError):
    """The file is not a readable 16-bit PCM WAV."""


@dataclass(frozen=True)
class WavLevels:
    """What a prompt recording sounds like, in numbers."""

    channels: int
    sample_rate: int
    duration_s: float
    #: RMS over the whole file in dB relative to full scale (digital silence is -inf).
    rms_dbfs: float
    #: Peak sample in dB relative to full scale.
    peak_dbfs: float
    #: Share of 20 ms frames within ACTIVE_WITHIN_DB of the loudest frame: speech pauses
    #: between words and phrases, so it is well below 1 (a steady tone gives 1.0).
    active_fraction: float

    def speech_problems(self) -> list[str]:
        """Why this does not sound like a spoken prompt (empty when it does)."""
        problems = []
        if self.channels != 1 or self.sample_rate != SPEECH_RATE:
            problems.append(f"{self.channels} channels at {self.sample_rate} Hz")
        if not SPEECH_SECONDS[0] <= self.duration_s <= SPEECH_SECONDS[1]:
            problems.append(f"{self.duration_s:.2f} s long")
        if self.rms_dbfs < MIN_SPEECH_RMS_DBFS:
            problems.append(f"too quiet ({self.rms_dbfs:.1f} dBFS RMS)")
        if not SPEECH_ACTIVE_FRACTION[0] <= self.active_fraction <= SPEECH_ACTIVE_FRACTION[1]:
            problems.append(f"{self.active_fraction:.0%} of frames active, not speech-like")
        return problems


def _dbfs(value: float) -> float:
    return 20 * math.log10(value / 32768) if value > 0 else -math.inf


def measure_wav(path: Path) -> WavLevels:
    """Read ``path`` and measure it; raises ``WavFormatError`` for anything but 16-bit PCM."""
    try:
        with wave.open(str(path), "rb") as wav:
            channels, width, rate, count = (
                wav.getnchannels(),
                wav.getsampwidth(),
                wav.getframerate(),
                wav.getnframes(),
            )
            data = wav.readframes(count)
    except (wave.Error, EOFError) as error:
        raise WavFormatError(f"{path}: {error}") from error
    if width != 2:
        raise WavFormatError(f"{path}: {8 * width}-bit samples, expected 16-bit")
    samples = array("h")
    samples.frombytes(data)
    if sys.byteorder == "big":
        samples.byteswap()
    if not samples:
        return WavLevels(channels, rate, 0.0, -math.inf, -math.inf, 0.0)
    frame = max(1, int(rate * FRAME_SECONDS) * channels)
    frame_rms = [
        math.sqrt(sum(s * s for s in samples[i : i + frame]) / len(samples[i : i + frame]))
        for i in range(0, len(samples), frame)
    ]
    total_rms = math.sqrt(sum(s * s for s in samples) / len(samples))
    loudest = max(frame_rms)
    threshold = loudest * 10 ** (-ACTIVE_WITHIN_DB / 20) if loudest > 0 else math.inf
    active = sum(1 for value in frame_rms if value >= threshold)
    return WavLevels(
        channels=channels,
        sample_rate=rate,
        duration_s=count / rate,
        rms_dbfs=_dbfs(total_rms),
        peak_dbfs=_dbfs(max(abs(s) for s in samples)),
        active_fraction=active / len(frame_rms),
    )
