"""The interface the session flow speaks through, and a recording sink for tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from kiosk_app.config import Language
from kiosk_app.voice.prompts import Prompt, parse_prompt


class VoicePrompter(Protocol):
    """Plays one spoken prompt at a time in ``language``.

    ``play`` interrupts whatever is playing; ``stop`` silences it (the screens' "stop voice"
    button). Both return at once; an unknown id raises ``UnknownPromptError``. Playback problems
    (no sound device, a missing file) are logged, never raised.
    """

    language: Language

    def play(self, prompt_id: str) -> None:
        """Start speaking ``prompt_id`` (a ``Prompt`` value) in ``language``."""

    def stop(self) -> None:
        """Stop speaking now."""


@dataclass
class RecordingPrompter:
    """A silent ``VoicePrompter`` that records what would have been said (for tests)."""

    language: Language = Language.JA
    #: Every prompt played, with the language it was played in, oldest first.
    played: list[tuple[Prompt, Language]] = field(default_factory=list)
    #: How many times ``stop`` was called.
    stops: int = 0
    #: The prompt "playing" now: set by ``play``, cleared by ``stop``.
    current: Prompt | None = None

    def play(self, prompt_id: str) -> None:
        """Record ``prompt_id``; raises ``UnknownPromptError`` like the real player."""
        prompt = parse_prompt(prompt_id)
        self.played.append((prompt, self.language))
        self.current = prompt

    def stop(self) -> None:
        """Record a stop."""
        self.stops += 1
        self.current = None

    def prompts(self) -> list[Prompt]:
        """The prompts played so far, without their languages."""
        return [prompt for prompt, _language in self.played]
