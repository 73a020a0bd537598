"""``shomei-selftest voice``: the prompt recordings are speech, a sound output exists, one plays."""

from __future__ import annotations

import argparse
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer

from drivers.selftest import SelfTestResult, Status
from kiosk_app.config import Language
from kiosk_app.voice.levels import WavFormatError, measure_wav
from kiosk_app.voice.prompts import Prompt, parse_prompt, prompt_file


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


def check_recordings() -> list[str]:
    """A problem line for every prompt recording that is missing or does not sound like speech."""
    problems: list[str] = []
    for language in Language:
        for prompt in Prompt:
            path = prompt_file(language, prompt)
            try:
                found = measure_wav(path).speech_problems()
            except (OSError, WavFormatError) as error:
                found = [f"unreadable ({error.__class__.__name__})"]
            problems.extend(f"{language}/{prompt}: {problem}" for problem in found)
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


def run(args: argparse.Namespace) -> SelfTestResult:
    """Check the recordings and the sound outputs; play a prompt with ``--play``."""
    from PySide6.QtMultimedia import QMediaDevices  # only this subcommand pays for Multimedia

    app = QCoreApplication.instance() or QCoreApplication(["shomei-selftest"])
    prompt = parse_prompt(args.play) if args.play else None
    problems = check_recordings()
    outputs = [device.description() for device in QMediaDevices.audioOutputs()]
    default = QMediaDevices.defaultAudioOutput()
    report: dict[str, Any] = {
        "recordings": len(Language) * len(Prompt),
        "recording_problems": problems,
        "outputs": outputs,
        "default_output": None if default.isNull() else default.description(),
        "played": None,
    }
    findings = [f"recordings: {report['recordings'] - len(problems)} of {report['recordings']}"]
    findings += problems[:10]
    findings.append(f"sound outputs: {', '.join(outputs) or 'none'}")
    status = Status.OK
    if not outputs:
        status = Status.WARNING
        findings.append("no sound output: the kiosk will show its texts but not speak them")
    if prompt is not None and outputs:
        report["played"] = play(app, prompt, args.lang, args.wait)
        findings.append(f"played {args.lang}/{prompt}: {'yes' if report['played'] else 'no'}")
        if not report["played"]:
            status = Status.CRITICAL
    if problems:
        status = Status.CRITICAL
    return SelfTestResult(status, report, findings)
