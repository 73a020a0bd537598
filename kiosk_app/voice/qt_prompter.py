"""Plays the prompt WAV files through Qt Multimedia (QMediaPlayer + QAudioOutput)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QUrl, Signal
from PySide6.QtMultimedia import QAudioDevice, QAudioOutput, QMediaDevices, QMediaPlayer

from kiosk_app.config import Language
from kiosk_app.voice.prompts import Prompt, parse_prompt, prompt_file, voice_dir

log = logging.getLogger(__name__)


class QtVoicePrompter(QObject):
    """A ``VoicePrompter`` on the default sound output; silent (one log line) without one.

    A missing recording falls back to the Japanese one, and is logged once. Nothing here raises
    except ``UnknownPromptError`` for an id that is not a ``Prompt``.
    """

    #: True while a prompt is being spoken (for a "stop voice" button to show itself).
    playing_changed = Signal(bool)
    #: A prompt was spoken to its end, with its id. Not emitted when silent: never wait on it.
    finished = Signal(str)

    def __init__(
        self,
        language: Language = Language.JA,
        root: Path | None = None,
        outputs: Callable[[], list[QAudioDevice]] = QMediaDevices.audioOutputs,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.language = language
        self._root = root or voice_dir()
        self._outputs = outputs
        self._current: Prompt | None = None
        self._logged: set[str] = set()
        self._output = QAudioOutput(self)
        self._player = QMediaPlayer(self)
        self._player.setAudioOutput(self._output)
        self._player.playbackStateChanged.connect(self._on_playback_state_changed)
        self._player.mediaStatusChanged.connect(self._on_media_status_changed)
        self._player.errorOccurred.connect(self._on_error_occurred)
        self._devices = QMediaDevices(self)
        self._devices.audioOutputsChanged.connect(self._on_audio_outputs_changed)
        self._has_output = False
        self._closed = False
        self._on_audio_outputs_changed()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.close)

    def close(self) -> None:
        """Stop and release the player (also done when the application quits): the media
        threads must end while Qt still runs, or the process may crash on its way out."""
        if self._closed:
            return
        self.stop()
        self._closed = True
        self._has_output = False
        self._player.setSource(QUrl())
        self._player.deleteLater()
        self._output.deleteLater()

    @property
    def has_output(self) -> bool:
        """True when a sound output device exists (otherwise ``play`` is silent)."""
        return self._has_output

    @property
    def playing(self) -> bool:
        """True while a prompt is being spoken."""
        return (
            not self._closed
            and self._player.playbackState() is QMediaPlayer.PlaybackState.PlayingState
        )

    def play(self, prompt_id: str) -> None:
        """Speak ``prompt_id`` in ``language``, interrupting any prompt still playing."""
        prompt = parse_prompt(prompt_id)
        path = self._recording(prompt)
        if path is None or not self._has_output:
            return
        self._player.stop()
        self._current = prompt
        self._player.setSource(QUrl.fromLocalFile(str(path)))
        self._player.play()

    def stop(self) -> None:
        """Stop speaking now."""
        self._current = None
        if not self._closed:
            self._player.stop()

    def _log_once(self, key: str, message: str, *args: object) -> None:
        if key not in self._logged:
            self._logged.add(key)
            log.warning(message, *args)

    def _recording(self, prompt: Prompt) -> Path | None:
        path = prompt_file(self.language, prompt, self._root)
        if path.is_file():
            return path
        fallback = prompt_file(Language.JA, prompt, self._root)
        if fallback.is_file():
            self._log_once(str(path), "no voice recording %s: speaking Japanese", path)
            return fallback
        self._log_once(str(path), "no voice recording %s (run `make voice`)", path)
        return None

    def _on_audio_outputs_changed(self) -> None:
        if self._closed:
            return
        outputs = self._outputs()
        had_output, self._has_output = self._has_output, bool(outputs)
        if self._has_output:
            default = QMediaDevices.defaultAudioOutput()
            self._output.setDevice(default if not default.isNull() else outputs[0])
            if not had_output:
                log.info("voice prompts on %s", self._output.device().description())
                self._logged.discard("no-output")
        else:
            self.stop()
            self._log_once("no-output", "no sound output device: voice prompts are silent")

    def _on_playback_state_changed(self, state: QMediaPlayer.PlaybackState) -> None:
        self.playing_changed.emit(state is QMediaPlayer.PlaybackState.PlayingState)

    def _on_media_status_changed(self, status: QMediaPlayer.MediaStatus) -> None:
        if status is QMediaPlayer.MediaStatus.EndOfMedia and self._current is not None:
            prompt, self._current = self._current, None
            self.finished.emit(prompt.value)

    def _on_error_occurred(self, error: QMediaPlayer.Error, message: str) -> None:
        self._log_once(f"error-{error}", "voice playback failed: %s", message)
