"""The voice prompters: the recording sink for tests and the Qt Multimedia player."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from PySide6.QtMultimedia import QAudioDevice
from pytestqt.qtbot import QtBot

from kiosk_app.config import Language
from kiosk_app.voice.prompter import RecordingPrompter, VoicePrompter
from kiosk_app.voice.prompts import Prompt, UnknownPromptError, prompt_file
from kiosk_app.voice.qt_prompter import QtVoicePrompter


def _no_outputs() -> list[QAudioDevice]:
    return []


def test_recording_prompter_records_prompts_languages_and_stops() -> None:
    prompter: VoicePrompter = RecordingPrompter()
    assert isinstance(prompter, RecordingPrompter)
    prompter.play("place_card")
    prompter.language = Language.EN
    prompter.play(Prompt.ENTER_PIN)
    playing = prompter.current
    prompter.stop()
    assert playing is Prompt.ENTER_PIN
    assert prompter.played == [(Prompt.PLACE_CARD, Language.JA), (Prompt.ENTER_PIN, Language.EN)]
    assert prompter.prompts() == [Prompt.PLACE_CARD, Prompt.ENTER_PIN]
    assert (prompter.stops, prompter.current) == (1, None)


def test_recording_prompter_rejects_an_unknown_id() -> None:
    prompter = RecordingPrompter()
    with pytest.raises(UnknownPromptError, match="take_cards"):
        prompter.play("take_cards")
    assert prompter.played == []


def test_without_a_sound_device_it_logs_once_and_stays_silent(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="kiosk_app.voice"):
        prompter = QtVoicePrompter(outputs=_no_outputs)
        for prompt in Prompt:
            prompter.play(prompt)
        prompter.language = Language.EN
        prompter.play(Prompt.THANK_YOU)
        prompter.stop()
    assert [r.getMessage() for r in caplog.records] == [
        "no sound output device: voice prompts are silent"
    ]
    assert not prompter.has_output
    assert not prompter.playing
    with pytest.raises(UnknownPromptError):
        prompter.play("no_such_prompt")
    prompter.deleteLater()


def test_a_missing_recording_falls_back_to_japanese_once(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    japanese = prompt_file(Language.JA, Prompt.THANK_YOU, tmp_path)
    japanese.parent.mkdir(parents=True)
    shutil.copy(prompt_file(Language.JA, Prompt.THANK_YOU), japanese)
    with caplog.at_level(logging.WARNING, logger="kiosk_app.voice"):
        prompter = QtVoicePrompter(Language.VI, root=tmp_path, outputs=_no_outputs)
        for _ in range(3):
            prompter.play(Prompt.THANK_YOU)
            prompter.play(Prompt.ERROR)
    messages = [r.getMessage() for r in caplog.records]
    assert messages == [
        "no sound output device: voice prompts are silent",
        f"no voice recording {prompt_file(Language.VI, Prompt.THANK_YOU, tmp_path)}: "
        "speaking Japanese",
        f"no voice recording {prompt_file(Language.VI, Prompt.ERROR, tmp_path)} (run `make voice`)",
    ]
    prompter.deleteLater()


def test_close_releases_the_player_and_later_calls_are_silent(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    prompter = QtVoicePrompter(outputs=_no_outputs)
    prompter.close()
    prompter.close()
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="kiosk_app.voice"):
        prompter.play(Prompt.THANK_YOU)
        prompter.stop()
    assert caplog.records == []
    assert not prompter.playing
    assert not prompter.has_output
    with pytest.raises(UnknownPromptError):
        prompter.play("no_such_prompt")
    prompter.deleteLater()
