"""How long do I have: the more-time prompt counts down (and the voice says so once), and
waits on the server show a bar towards the longest wait."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import msgspec
import pytest
from PySide6.QtWidgets import QApplication, QProgressBar
from pytestqt.qtbot import QtBot

from kiosk_app.config import Config
from kiosk_app.screens.base import SPOKEN_AT_S
from kiosk_app.session.steps import Step
from kiosk_app.voice.prompter import RecordingPrompter
from kiosk_app.voice.prompts import Prompt
from tests.support.card_holders import CardHolder
from tests.support.gui import KioskUnderTest, running_kiosk

SCREEN_S, PROMPT_S = 1.0, 12.0


@pytest.fixture
def hurried(qtbot: QtBot, qapp: QApplication, kiosk_config: Config) -> Iterator[KioskUnderTest]:
    """A kiosk whose screens ask for more time after 1 s and then wait 12 s."""
    timeouts = msgspec.structs.replace(
        kiosk_config.timeouts, screen=SCREEN_S, more_time_prompt=PROMPT_S
    )
    yield from running_kiosk(qtbot, qapp, msgspec.structs.replace(kiosk_config, timeouts=timeouts))


def countdown(kiosk: KioskUnderTest) -> str:
    return kiosk.text("moreTimeCountdown")


def test_the_more_time_prompt_counts_down_and_the_voice_says_it_once(
    hurried: KioskUnderTest,
) -> None:
    kiosk = hurried
    voice = kiosk.voice
    assert isinstance(voice, RecordingPrompter)
    kiosk.tap("statusButton")
    kiosk.wait_step(Step.STATUS_ENTRY)
    kiosk.qtbot.waitUntil(lambda: countdown(kiosk) != "", timeout=5_000)
    first = int("".join(c for c in countdown(kiosk) if c.isdigit()))
    assert SPOKEN_AT_S < first <= PROMPT_S
    assert voice.prompts()[-1] is Prompt.MORE_TIME
    kiosk.qtbot.waitUntil(lambda: Prompt.SECONDS_LEFT in voice.prompts(), timeout=5_000)
    now = int("".join(c for c in countdown(kiosk) if c.isdigit()))
    assert now <= SPOKEN_AT_S < first
    kiosk.qtbot.waitUntil(lambda: str(now - 1) in countdown(kiosk), timeout=3_000)
    assert voice.prompts().count(Prompt.SECONDS_LEFT) == 1  # once, not every second
    kiosk.tap("moreTimeButton")
    assert not kiosk.screen().more_time_panel.isVisible()  # type: ignore[attr-defined]
    assert countdown(kiosk) == ""
    kiosk.tap("cancelButton")
    kiosk.wait_step(Step.NOTICE)


def test_a_wait_on_the_server_shows_a_bar_towards_the_longest_wait(
    kiosk: KioskUnderTest, resident: CardHolder, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    center = kiosk.services.center
    authenticate = center.authenticate

    def slow_authenticate(challenge_id: str, certificate: bytes, signature: bytes) -> object:
        release.wait(20)
        return authenticate(challenge_id, certificate, signature)

    monkeypatch.setattr(center, "authenticate", slow_authenticate)
    kiosk.tap("issueButton")
    kiosk.place_card(resident)
    kiosk.wait_step(Step.PIN)
    kiosk.type_keys(resident.card.pin)
    kiosk.tap("pinOkButton")
    kiosk.wait_step(Step.VERIFYING)
    bar = kiosk.screen().findChild(QProgressBar, "waitProgress")
    assert bar is not None
    assert bar.isVisible()
    server = kiosk.window.kiosk.config.timeouts.server
    assert bar.maximum() == int((server * 2 + 5) * 1000)
    kiosk.qtbot.waitUntil(lambda: bar.value() >= 400, timeout=5_000)  # it fills as time goes
    release.set()
    kiosk.wait_step(Step.REMOVE_CARD)
    assert not bar.isVisible()
    kiosk.remove_card()
    kiosk.wait_step(Step.MENU)
    kiosk.tap("cancelButton")
    kiosk.wait_step(Step.NOTICE)
