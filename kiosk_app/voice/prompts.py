"""The voice prompt ids and where each language's recording of a prompt lives."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from kiosk_app.config import Language
from kiosk_app.paths import resources_dir


class Prompt(StrEnum):
    """Every spoken prompt; the value is the id passed to ``VoicePrompter.play``."""

    PLACE_CARD = "place_card"
    ENTER_PIN = "enter_pin"
    WRONG_PIN = "wrong_pin"
    LAST_TRY = "last_try"
    PIN_LOCKED = "pin_locked"
    REMOVE_CARD = "remove_card"
    CHOOSE_CERTIFICATE = "choose_certificate"
    CONFIRM = "confirm"
    INSERT_COINS = "insert_coins"
    PRINTING = "printing"
    TAKE_CERTIFICATES = "take_certificates"
    TAKE_RECEIPT = "take_receipt"
    TAKE_CHANGE = "take_change"
    TAKE_CARD = "take_card"
    TAKE_REFUND_SLIP = "take_refund_slip"
    PRINTING_STOPPED = "printing_stopped"
    MORE_TIME = "more_time"
    SECONDS_LEFT = "seconds_left"
    CANCELLED = "cancelled"
    REGISTRATION_DONE = "registration_done"
    THANK_YOU = "thank_you"
    ERROR = "error"


class UnknownPromptError(ValueError):
    """A prompt id that is not one of ``Prompt`` (a programming error the tests catch)."""

    def __init__(self, prompt_id: str) -> None:
        super().__init__(f"unknown voice prompt {prompt_id!r}")
        self.prompt_id = prompt_id


def parse_prompt(prompt_id: str) -> Prompt:
    """The ``Prompt`` for ``prompt_id``; raises ``UnknownPromptError`` for any other string."""
    try:
        return Prompt(prompt_id)
    except ValueError as error:
        raise UnknownPromptError(prompt_id) from error


def voice_dir() -> Path:
    """The directory holding ``prompts.toml`` and the generated ``<lang>/<prompt>.wav`` files."""
    return resources_dir() / "voice"


def prompt_file(language: Language, prompt: Prompt, root: Path | None = None) -> Path:
    """The WAV file of ``prompt`` in ``language`` (under ``root``, default ``voice_dir()``)."""
    return (root or voice_dir()) / language.value / f"{prompt.value}.wav"
