"""Speak every voice prompt into resources/voice/<lang>/<prompt_id>.wav (mono, 16 kHz, 16-bit).

Japanese uses Open JTalk through the PyPI package ``pyopenjtalk-plus`` (dictionary and voice
bundled, no network); the other languages use Debian's ``espeak-ng``. ``sox`` converts every
recording to the same format and level, without dither, so a run gives the same bytes each time.
Each result is measured and rejected unless it sounds like speech (see kiosk_app.voice.levels).

Usage: make_voice.py [--out DIR] [--lang ja --lang en …]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import logging
import subprocess
import sys
import tempfile
import tomllib
import wave
from collections.abc import Callable, Iterable
from pathlib import Path

from kiosk_app.config import Language
from kiosk_app.voice.levels import SPEECH_RATE, measure_wav
from kiosk_app.voice.prompts import Prompt, prompt_file, voice_dir

log = logging.getLogger("make_voice")

#: espeak-ng voice per language (Brazilian Portuguese and Latin-American Spanish: the largest
#: Portuguese- and Spanish-speaking communities in Japan).
ESPEAK_VOICES: dict[Language, str] = {
    Language.EN: "en-us",
    Language.ZH: "cmn",
    Language.KO: "ko",
    Language.PT: "pt-br",
    Language.ES: "es-419",
    Language.VI: "vi",
}
#: Loudness every prompt is normalised to (peak, dBFS).
NORMALISED_PEAK_DB = -3


#: sox effects, in order: mono, resample, then normalise (so the stored peak is exact).
_SOX_EFFECTS = ["channels", "1", "rate", str(SPEECH_RATE), "norm", str(NORMALISED_PEAK_DB)]


class VoiceBuildError(RuntimeError):
    """A prompt could not be spoken, or the result is not speech."""


def load_texts(path: Path) -> dict[Prompt, dict[Language, str]]:
    """Read prompts.toml; every Prompt must have a text in every Language."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    unknown = set(raw) - {p.value for p in Prompt}
    if unknown:
        raise VoiceBuildError(f"{path}: unknown prompt ids {sorted(unknown)}")
    texts: dict[Prompt, dict[Language, str]] = {}
    for prompt in Prompt:
        row = raw.get(prompt.value, {})
        missing = [lang.value for lang in Language if not row.get(lang.value)]
        if missing:
            raise VoiceBuildError(f"{path}: [{prompt.value}] has no text for {missing}")
        texts[prompt] = {lang: row[lang.value] for lang in Language}
    return texts


def _speak_japanese(text: str, raw_wav: Path) -> None:
    import numpy as np

    with contextlib.redirect_stdout(io.StringIO()):  # it prints an optional-ONNX notice
        import pyopenjtalk

    samples, rate = pyopenjtalk.tts(text)
    pcm = np.clip(np.rint(samples), -32768, 32767).astype("<i2").tobytes()
    with wave.open(str(raw_wav), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(int(rate))
        wav.writeframes(pcm)


def _espeak(voice: str) -> Callable[[str, Path], None]:
    def speak(text: str, raw_wav: Path) -> None:
        subprocess.run(
            ["espeak-ng", "-v", voice, "-s", "150", "-w", str(raw_wav), text],
            check=True,
            capture_output=True,
        )

    return speak


def speaker(language: Language) -> Callable[[str, Path], None]:
    """The text-to-speech function for ``language``: (text, raw WAV path) → writes the WAV."""
    if language is Language.JA:
        return _speak_japanese
    return _espeak(ESPEAK_VOICES[language])


def convert(raw_wav: Path, out: Path) -> None:
    """Resample to mono 16 kHz 16-bit, normalise the peak, no dither (reproducible bytes)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["sox", "-D", str(raw_wav), "-b", "16", str(out), *_SOX_EFFECTS],
        check=True,
        capture_output=True,
    )


def check_speech(path: Path) -> None:
    """Raise VoiceBuildError unless ``path`` is plausibly speech: format, length and loudness."""
    problems = measure_wav(path).speech_problems()
    if problems:
        raise VoiceBuildError(f"{path} does not sound like speech: {', '.join(problems)}")


def build(out_root: Path, languages: Iterable[Language], texts_path: Path) -> list[Path]:
    """Speak every prompt of ``languages`` under ``out_root``; return the files written."""
    texts = load_texts(texts_path)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="make_voice-") as tmp:
        raw = Path(tmp) / "raw.wav"
        for language in languages:
            speak = speaker(language)
            for prompt, by_language in texts.items():
                out = prompt_file(language, prompt, out_root)
                try:
                    speak(by_language[language], raw)
                    convert(raw, out)
                except (OSError, subprocess.CalledProcessError) as error:
                    raise VoiceBuildError(f"{language}/{prompt}: {error}") from error
                check_speech(out)
                written.append(out)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command line: build the prompts, report a one-line summary, exit 1 on failure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=voice_dir(), help="output root")
    parser.add_argument("--texts", type=Path, default=voice_dir() / "prompts.toml")
    parser.add_argument(
        "--lang", type=Language, action="append", help="only these languages (repeatable)"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="make_voice: %(message)s")
    languages = args.lang or list(Language)
    try:
        written = build(args.out, languages, args.texts)
    except VoiceBuildError as error:
        log.error("%s", error)
        return 1
    size = sum(path.stat().st_size for path in written)
    log.info("%d prompts in %s (%d KB)", len(written), args.out, size // 1024)
    return 0


if __name__ == "__main__":
    sys.exit(main())
