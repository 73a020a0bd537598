"""``shomei-selftest voice``: the prompt recordings are speech, a sound output exists, one plays.

Severity (also in ``shomei-selftest all``): a missing or corrupt recording of a configured
language is CRITICAL, because the kiosk must *say* "take your card" and "take your papers" at the
end of a session (the seed asks for voice reminders, and a blind or low-vision user has no other
one), and a broken file is a build or disk fault that never heals by itself. No sound output
device is only a WARNING: the screen still shows every reminder, speakers can be replugged or
the sound server restarted, and the kiosk can still serve sighted users. A prompt asked for with
``--play`` that does not play to its end is CRITICAL. Nothing is played without ``--play``.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer

from drivers.selftest import SelfTestResult, Status
from kiosk_app.config import Language
from kiosk_app.voice.levels import WavFormatError, measure_wav
from kiosk_app.voice.prompts import Prompt, parse_prompt, prompt_file

#: How many recording problems the readable findings list (the JSON report has them all).
SHOWN_PROBLEMS = 10


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The subcommand's options (``--json`` is added by ``shomei-selftest`` itself)."""
    parser.add_argument(
        "--play", metavar="PROMPT", help="also play this prompt (e.g. thank_you) and wait for it"
    )
    parser.add_argument(
        "--lang", type=Language, default=Language.JA, help="the language to play it in"
    )
    parser.add_argument(
        "--wait", type=float, default=15.0, metavar="SECONDS", help="how long a prompt may take"
    )
    parser.add_argument(
        "--languages",
        type=Language,
        nargs="+",
        default=list(Language),
        metavar="LANG",
        help="check the recordings of these languages only (default: all)",
    )


def check_recordings(languages: Iterable[Language] = tuple(Language)) -> list[str]:
    """A problem line, naming the file, for every prompt recording of ``languages`` that is
    missing or does not sound like speech."""
    problems: list[str] = []
    for language in languages:
        for prompt in Prompt:
            path = prompt_file(language, prompt)
            try:
                found = measure_wav(path).speech_problems()
            except FileNotFoundError:
                found = ["missing"]
            except (OSError, WavFormatError) as error:
                found = [f"unreadable ({error.__class__.__name__})"]
            problems.extend(f"{language}/{path.name}: {problem}" for problem in found)
    return problems


def play(app: QCoreApplication, prompt: Prompt, language: Language, wait_s: float) -> bool:
    """Play ``prompt`` on the default output; True if it was spoken to its end in time."""
    from kiosk_app.voice.qt_prompter import QtVoicePrompter

    prompter = QtVoicePrompter(language)
    finished: list[str] = []
    prompter.finished.connect(finished.append)
    prompter.finished.connect(app.quit)
    QTimer.singleShot(round(wait_s * 1000), app.quit)
    prompter.play(prompt)
    if prompter.has_output:
        app.exec()
    prompter.close()
    return finished == [prompt.value]


def assess(report: dict[str, Any]) -> SelfTestResult:
    """The status and readable findings of a voice report (as ``run`` makes it)."""
    problems: list[str] = report["recording_problems"]
    outputs: list[str] = report["outputs"]
    total: int = report["recordings"]
    findings = [f"recordings: {total - len(problems)} of {total}"]
    findings += problems[:SHOWN_PROBLEMS]
    if len(problems) > SHOWN_PROBLEMS:
        findings.append(f"… and {len(problems) - SHOWN_PROBLEMS} more recording problems")
    findings.append(f"sound outputs: {', '.join(outputs) or 'none'}")
    status = Status.OK
    if not outputs:
        status = Status.WARNING
        findings.append("no sound output: the kiosk will show its texts but not speak them")
    played = report["played"]
    if played is not None:
        findings.append(f"played {report['played_prompt']}: {'yes' if played else 'no'}")
        if not played:
            status = Status.CRITICAL
    if problems:
        status = Status.CRITICAL
    return SelfTestResult(status, report, findings)


def run(args: argparse.Namespace) -> SelfTestResult:
    """Check the recordings and the sound outputs; play a prompt with ``--play``."""
    from PySide6.QtMultimedia import QMediaDevices  # only this subcommand pays for Multimedia

    app = QCoreApplication.instance() or QCoreApplication(["shomei-selftest"])
    prompt = parse_prompt(args.play) if args.play else None
    languages: list[Language] = list(dict.fromkeys(args.languages))
    outputs = [device.description() for device in QMediaDevices.audioOutputs()]
    default = QMediaDevices.defaultAudioOutput()
    report: dict[str, Any] = {
        "languages": [language.value for language in languages],
        "recordings": len(languages) * len(Prompt),
        "recording_problems": check_recordings(languages),
        "outputs": outputs,
        "default_output": None if default.isNull() else default.description(),
        "played": None,
        "played_prompt": None,
    }
    if prompt is not None and outputs:
        report["played_prompt"] = f"{args.lang}/{prompt}"
        report["played"] = play(app, prompt, args.lang, args.wait)
    return assess(report)
