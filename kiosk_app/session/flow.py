"""The common part of every session flow: steps, time-outs, cancel, endings and the wipe."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from kiosk_app.clock import KioskClock
from kiosk_app.config import Config
from kiosk_app.session.data import SessionData
from kiosk_app.session.ports import Executor, ServiceError, Services
from kiosk_app.session.steps import (
    PERSON_STEPS,
    Ending,
    Notice,
    NoticeKind,
    Step,
    Timeout,
    with_card,
)
from kiosk_app.voice.prompter import VoicePrompter
from kiosk_app.voice.prompts import Prompt

log = logging.getLogger(__name__)
T = TypeVar("T")

#: Voice prompt played when a step begins.
STEP_PROMPTS: dict[Step, Prompt] = {
    Step.PLACE_CARD: Prompt.PLACE_CARD,
    Step.PIN: Prompt.ENTER_PIN,
    Step.REMOVE_CARD: Prompt.REMOVE_CARD,
    Step.MENU: Prompt.CHOOSE_CERTIFICATE,
    Step.CONFIRM: Prompt.CONFIRM,
    Step.PAYING: Prompt.INSERT_COINS,
    Step.PRINTING: Prompt.PRINTING,
    Step.TAKE_ITEMS: Prompt.TAKE_CERTIFICATES,
    Step.REG_DONE: Prompt.REGISTRATION_DONE,
}

#: Voice prompt of a closing message.
NOTICE_PROMPTS: dict[NoticeKind, Prompt] = {
    NoticeKind.CANCELLED: Prompt.CANCELLED,
    NoticeKind.PIN_LOCKED: Prompt.PIN_LOCKED,
}

#: Steps that wait on a server or card job (a safety time-out beyond the link's own).
_JOB_STEPS = frozenset(
    {
        Step.CHECKING_PRINTER,
        Step.ROUTE_LOADING,
        Step.READING_CARD,
        Step.VERIFYING,
        Step.DOWNLOADING,
        Step.RECEIPT,
        Step.REG_SUBMITTING,
        Step.STATUS_CHECKING,
    }
)


@dataclass
class FlowContext:
    """What every flow is given: configuration, services, executor, voice, callbacks, clock."""

    config: Config
    services: Services
    executor: Executor
    voice: VoicePrompter
    changed: Callable[[], None]
    finished: Callable[[Ending], None]
    card_on_reader: Callable[[], bool]
    #: The one clock for every time shown or printed (the kiosk's zone).
    clock: KioskClock


class SessionFlow:
    """A state machine for one person's session; its ``data`` holds all their personal data."""

    #: The step a flow of this kind starts at.
    first_step = Step.HOME

    def __init__(self, context: FlowContext) -> None:
        self.ctx = context
        self.data = SessionData()
        self.step = Step.HOME
        self.ending: Ending | None = None
        self._reminders = 0

    # -- life cycle ---------------------------------------------------------------------------
    def start(self) -> None:
        """Enter the first step."""
        self._go(self.first_step)

    @property
    def ended(self) -> bool:
        """True once the session has ended (its data is wiped)."""
        return self.ending is not None

    def _go(self, step: Step) -> None:
        self.step = step
        self.data.asking_more_time = False
        self._reminders = 0
        prompt = STEP_PROMPTS.get(step)
        if prompt is not None:
            self.ctx.voice.play(prompt)
        self.ctx.changed()

    def _changed(self) -> None:
        self.ctx.changed()

    def _finish(self, ending: Ending, notice: Notice | None = None) -> None:
        """End the session: release what it holds at the server, wipe, then notice or home."""
        if self.ended:
            return
        log.info("session ended: %s", ending.value)
        self.ending = ending
        self._release()
        self.data.wipe()
        if notice is None:
            self._go_home()
            return
        self.data.notice = notice
        self._go(Step.NOTICE)
        if notice.take_card:
            self.ctx.voice.play(Prompt.TAKE_CARD)
        elif notice.refund_yen:
            self.ctx.voice.play(Prompt.TAKE_REFUND_SLIP)
        elif notice.copies_ordered and not notice.before_payment:
            self.ctx.voice.play(Prompt.PRINTING_STOPPED)  # the counts are on the screen
        else:
            self.ctx.voice.play(NOTICE_PROMPTS.get(notice.kind, Prompt.ERROR))

    def _go_home(self) -> None:
        self.step = Step.HOME
        if self.ending is Ending.SUCCESS:
            self.ctx.voice.play(Prompt.THANK_YOU)
        self.ctx.changed()
        self.ctx.finished(self.ending or Ending.CANCELLED)

    def _release(self) -> None:
        """Give back what the session holds outside the kiosk (server session, payment)."""

    def _fail(self, error: Exception) -> None:
        """End with the notice a service failure calls for."""
        if isinstance(error, ServiceError):
            kind = error.notice.kind
            # What the person is told, in the journal too (a kind and a code: no personal data).
            reason = f" ({error.notice.reason_code})" if error.notice.reason_code else ""
            log.warning("step %s failed: %s%s", self.step.value, kind.value, reason)
            ending = Ending.CARD_REMOVED if kind is NoticeKind.CARD_REMOVED else Ending.ERROR
            self._finish(ending, with_card(error.notice, self._card()))
            return
        log.error("unexpected failure in step %s", self.step.value, exc_info=error)
        self._finish(Ending.ERROR, Notice(NoticeKind.SERVER_UNREACHABLE, take_card=self._card()))

    def _run(
        self,
        job: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[Exception], None] | None = None,
        on_late: Callable[[T], None] | None = None,
    ) -> None:
        """Run a blocking job off-thread; its result only counts if the step has not moved on."""
        step = self.step
        failed = on_error or self._fail

        def done(result: T) -> None:
            if self.ended or self.step is not step:
                if on_late is not None:
                    on_late(result)
                return
            on_done(result)

        def error(exc: Exception) -> None:
            if self.ended or self.step is not step:
                log.info("a late failure after leaving %s was ignored", step.value)
                return
            failed(exc)

        self.ctx.executor.submit(job, done, error)

    # -- the person's common actions ----------------------------------------------------------
    @property
    def timeout(self) -> Timeout:
        """The current step's time-out (the host arms a timer with it on every change)."""
        limits = self.ctx.config.timeouts
        if self.data.asking_more_time:
            return Timeout(limits.more_time_prompt, asks_more_time=False)
        if self.step in PERSON_STEPS:
            return Timeout(limits.screen, asks_more_time=True)
        if self.step in _JOB_STEPS:
            return Timeout(limits.server * 2 + 5, asks_more_time=False)
        special = {
            Step.REMOVE_CARD: limits.card_removal,
            Step.PAYING: limits.payment,
            Step.PRINTING: limits.printing + limits.server,
            Step.TAKE_ITEMS: limits.take_reminder,
        }
        return Timeout(special.get(self.step, limits.more_time_prompt), asks_more_time=False)

    def time_out(self) -> None:
        """The current step's timer ran out."""
        if self.ended and self.step is Step.NOTICE:
            self._go_home()
        elif self.ended:
            return
        elif self.timeout.asks_more_time:
            self.data.asking_more_time = True
            self.ctx.voice.play(Prompt.MORE_TIME)
            self._changed()
        else:
            self._on_timed_out()

    def more_time(self) -> None:
        """The person asked for more time."""
        if self.data.asking_more_time:
            self.data.asking_more_time = False
            self._changed()

    def cancel(self) -> None:
        """The person pressed cancel."""
        if self.step is Step.NOTICE:
            self.acknowledge()
        elif not self.ended:
            self._finish(Ending.CANCELLED, Notice(NoticeKind.CANCELLED, take_card=self._card()))

    def acknowledge(self) -> None:
        """The person confirmed a closing message."""
        if self.step is Step.NOTICE:
            self._go_home()

    def _on_timed_out(self) -> None:
        self._finish(Ending.TIMED_OUT, Notice(NoticeKind.TIMED_OUT, take_card=self._card()))

    def _card(self) -> bool:
        return self.ctx.card_on_reader()

    # -- device events (the host routes them to the current flow) -----------------------------
    def card_inserted(self) -> None:
        """A card was placed on the reader."""

    def card_removed(self) -> None:
        """The card left the reader."""
