"""The kiosk between sessions: starts a flow per person, routes device events, wipes at home."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from kiosk_app.clock import KioskClock
from kiosk_app.config import Config
from kiosk_app.memory import release_free_memory
from kiosk_app.session.flow import FlowContext, SessionFlow
from kiosk_app.session.issuance import IssuanceFlow
from kiosk_app.session.model import PaymentProgress, PaymentResult
from kiosk_app.session.ports import Executor, Services, fire_and_forget
from kiosk_app.session.registration import RegistrationFlow
from kiosk_app.session.status import StatusFlow
from kiosk_app.session.steps import Ending, Step
from kiosk_app.voice.prompter import VoicePrompter

log = logging.getLogger(__name__)
F = TypeVar("F", bound=SessionFlow)


class Kiosk:
    """Owns the current session flow (at most one); everything personal lives in that flow."""

    def __init__(
        self,
        config: Config,
        services: Services | None,
        executor: Executor,
        voice: VoicePrompter,
    ) -> None:
        self.config = config
        #: Every time a session shows or prints, in the kiosk's zone.
        self.clock = KioskClock.of_kiosk(config)
        self._services = services
        self.executor = executor
        self.voice = voice
        self.flow: SessionFlow | None = None
        self.card_on_reader = False
        self.last_ending: Ending | None = None
        self._on_change: list[Callable[[], None]] = []
        self._on_home: list[Callable[[Ending], None]] = []

    @property
    def ready(self) -> bool:
        """True once the devices and the server link are open (sessions can start)."""
        return self._services is not None

    @property
    def services(self) -> Services:
        """The devices and server link; raises RuntimeError before they are open."""
        if self._services is None:
            raise RuntimeError("the devices are not open yet")
        return self._services

    def attach(self, services: Services) -> None:
        """The devices and server link are open: sessions may start."""
        self._services = services
        self._changed()

    @property
    def step(self) -> Step:
        """The current step (HOME between sessions)."""
        return self.flow.step if self.flow is not None else Step.HOME

    def subscribe(
        self, on_change: Callable[[], None], on_home: Callable[[Ending], None] | None = None
    ) -> None:
        """Be told of every change, and of every return home (with how the session ended)."""
        self._on_change.append(on_change)
        if on_home is not None:
            self._on_home.append(on_home)

    # -- sessions ---------------------------------------------------------------------------------
    def start_issuance(self) -> IssuanceFlow:
        """The person chose to get certificates."""
        return self._start(IssuanceFlow)

    def start_registration(self) -> RegistrationFlow:
        """The person chose the usage registration."""
        return self._start(RegistrationFlow)

    def start_status(self) -> StatusFlow:
        """The person chose the status check."""
        return self._start(StatusFlow)

    def _start(self, kind: Callable[[FlowContext], F]) -> F:
        if self.flow is not None and not self.flow.ended:
            raise RuntimeError("a session is already running")
        if not self.ready:
            raise RuntimeError("the devices are not open yet")
        flow = kind(self._context())
        self.flow = flow
        flow.start()
        return flow

    def _context(self) -> FlowContext:
        return FlowContext(
            config=self.config,
            services=self.services,
            executor=self.executor,
            voice=self.voice,
            changed=self._changed,
            finished=self._finished,
            card_on_reader=lambda: self.card_on_reader,
            clock=self.clock,
        )

    def _changed(self) -> None:
        for callback in list(self._on_change):
            callback()

    def _finished(self, ending: Ending) -> None:
        """Back home: drop the flow and its data, purge the print spool, tell the screens, hand
        the freed heap back to the system."""
        self.flow = None
        self.last_ending = ending
        if self._services is not None:
            fire_and_forget(self.executor, self._services.purge_print_spool)
        for callback in list(self._on_home):
            callback(ending)
        self._changed()
        release_free_memory()

    def abort(self) -> None:
        """End any session at once (shutdown or a crash-restart)."""
        if self.flow is not None:
            flow = self.flow
            if not flow.ended:
                flow.cancel()
            if flow.step is not Step.HOME:
                flow.acknowledge()

    # -- device events, routed to the current flow ------------------------------------------------
    def card_inserted(self) -> None:
        """The reader saw a card."""
        self.card_on_reader = True
        if self.flow is not None:
            self.flow.card_inserted()

    def card_removed(self) -> None:
        """The card left the reader."""
        self.card_on_reader = False
        if self.flow is not None:
            self.flow.card_removed()

    def payment_updated(self, state: PaymentProgress) -> None:
        """Coins were credited."""
        if isinstance(self.flow, IssuanceFlow):
            self.flow.payment_updated(state)

    def payment_finished(self, result: PaymentResult) -> None:
        """The payment ended."""
        if isinstance(self.flow, IssuanceFlow):
            self.flow.payment_finished(result)
        elif result.refund_owed_yen:
            log.error("a payment ended with no session: refund slip printed")
        if self.flow is None and result.refund_slip is not None and self._services is not None:
            services, slip = self._services, result.refund_slip
            fire_and_forget(self.executor, lambda: services.print_refund_slip(slip))
