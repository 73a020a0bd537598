"""Run in a child process by the playback test: play one prompt with QtVoicePrompter.

``python -m tests.kiosk_app.voice.play_prompt LANG PROMPT [--stop-after-ms N]`` prints
``finished PROMPT`` or ``stopped PROMPT`` and exits 0, or exits 1 if there is no sound output
or nothing happens within 15 s. A child process, because Qt Multimedia finds the sound server
once per process.
"""

from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk_app.config import Language
from kiosk_app.voice.qt_prompter import QtVoicePrompter


def main() -> int:
    """Play the prompt named on the command line; the exit status says whether it was heard."""
    parser = argparse.ArgumentParser()
    parser.add_argument("language", type=Language)
    parser.add_argument("prompt")
    parser.add_argument("--stop-after-ms", type=int)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    prompter = QtVoicePrompter(args.language)
    if not prompter.has_output:
        return 1
    outcome: list[str] = []

    def end(word: str) -> None:
        outcome.append(f"{word} {args.prompt}")
        app.quit()

    prompter.finished.connect(lambda _prompt: end("finished"))
    if args.stop_after_ms is not None:
        prompter.playing_changed.connect(
            lambda playing: playing and QTimer.singleShot(args.stop_after_ms, stop)
        )

    def stop() -> None:
        prompter.stop()
        QTimer.singleShot(300, lambda: end("stopped"))

    QTimer.singleShot(15_000, app.quit)
    prompter.play(args.prompt)
    app.exec()
    sys.stdout.write("\n".join(outcome) + "\n")
    return 0 if outcome else 1


if __name__ == "__main__":
    sys.exit(main())
