"""A kiosk with scripted services and a pumped executor, for flow tests without widgets."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kiosk_app.config import Config
from kiosk_app.session.flow import SessionFlow
from kiosk_app.session.kiosk import Kiosk
from kiosk_app.session.loop import LoopExecutor
from kiosk_app.session.steps import Ending, Step
from kiosk_app.voice.prompter import RecordingPrompter
from tests.kiosk_app.session.fakes import FakeServices


class Harness:
    """The kiosk plus its fakes, with helpers to wait for steps."""

    def __init__(self, config: Config) -> None:
        self.services = FakeServices()
        self.executor = LoopExecutor()
        self.voice = RecordingPrompter()
        self.kiosk = Kiosk(config, self.services, self.executor, self.voice)
        self.homes: list[Ending] = []
        self.kiosk.subscribe(lambda: None, self.homes.append)

    def wait_step(self, step: Step) -> None:
        """Pump until the kiosk reaches ``step``."""
        reached = self.executor.pump(lambda: self.kiosk.step is step, timeout=5)
        assert reached, f"stuck at {self.kiosk.step} waiting for {step}"

    def wait_calls(self, call: str) -> None:
        """Pump until the services saw ``call``."""
        assert self.executor.pump(lambda: call in self.services.calls, timeout=5), call


def step_of(flow: SessionFlow) -> Step:
    """The flow's step (a call, so that type checkers do not narrow it between actions)."""
    return flow.step


@pytest.fixture
def harness(demo_config: Config) -> Iterator[Harness]:
    made = Harness(demo_config)
    yield made
    made.executor.close()
