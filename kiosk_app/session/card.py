"""Place the card, type the PIN on the kiosk keypad, verify at the server, remove the card."""

from __future__ import annotations

import logging
from collections.abc import Callable

from kiosk_app.session.model import AuthResult
from kiosk_app.session.ports import ServiceError, fire_and_forget
from kiosk_app.session.routing import RouteSteps
from kiosk_app.session.steps import Ending, Notice, NoticeKind, Step
from kiosk_app.voice.prompts import Prompt

#: How many times the "remove your card" reminder repeats before the session times out.
REMOVAL_REMINDERS = 3

log = logging.getLogger(__name__)


class CardFlow(RouteSteps):
    """The card and PIN steps shared by issuance and registration; subclasses go on from there."""

    def _after_route(self) -> None:
        self._ask_for_card()

    def _ask_for_card(self) -> None:
        self._go(Step.PLACE_CARD)
        if self._card():
            self.card_inserted()

    def card_inserted(self) -> None:
        """Read the card once it is placed."""
        if self.step is Step.PLACE_CARD:
            self._go(Step.READING_CARD)
            self._run(self.ctx.services.read_card, self._on_card_read)

    def _on_card_read(self, tries_left: int) -> None:
        self.data.tries_left = tries_left
        if tries_left <= 0:
            self._finish(Ending.ERROR, Notice(NoticeKind.PIN_LOCKED, take_card=True))
            return
        self._go(Step.PIN)

    def press_digit(self, digit: str) -> None:
        """A PIN keypad key."""
        if self.step is Step.PIN and self.data.pin.press(digit):
            self._changed()

    def backspace(self) -> None:
        """The keypad's correction key."""
        if self.step is Step.PIN:
            self.data.pin.backspace()
            self._changed()

    def clear_pin(self) -> None:
        """The keypad's clear key."""
        if self.step is Step.PIN:
            self.data.pin.clear()
            self._changed()

    @property
    def last_try_warning(self) -> bool:
        """True when the next wrong PIN locks the card."""
        return self.data.tries_left == 1

    def submit_pin(self) -> None:
        """Send the four digits to the card and the signature to the server."""
        if self.step is not Step.PIN or not self.data.pin.full:
            return
        pin = self.data.pin.take()
        self.data.pin_error = None
        self._go(Step.VERIFYING)
        services, route = self.ctx.services, self.data.route
        self._run(
            lambda: services.authenticate(pin, route),
            self._on_authenticated,
            self._on_pin_failed,
            on_late=lambda result: fire_and_forget(
                self.ctx.executor, lambda: services.end_session(result.token)
            ),
        )

    def _on_authenticated(self, result: AuthResult) -> None:
        self.data.token = result.token
        self.data.offers = list(result.offers)
        self.data.remember_secret(*(name for offer in result.offers for _, name in offer.members))
        self.data.municipality_name = result.municipality_name or self.data.municipality_name
        self.data.tries_left = None
        if self._card():
            self._go(Step.REMOVE_CARD)
        else:
            self._after_card_removed()

    def _on_pin_failed(self, error: Exception) -> None:
        if isinstance(error, ServiceError) and error.notice.kind is NoticeKind.WRONG_PIN:
            self.data.tries_left = error.tries_left
            self.data.pin_error = error.notice
            if error.tries_left == 0:
                self._finish(Ending.ERROR, Notice(NoticeKind.PIN_LOCKED, take_card=self._card()))
                return
            self._go(Step.PIN)
            self.ctx.voice.play(Prompt.LAST_TRY if self.last_try_warning else Prompt.WRONG_PIN)
            return
        if isinstance(error, ServiceError) and error.notice.kind is NoticeKind.PIN_LOCKED:
            self._finish(Ending.ERROR, Notice(NoticeKind.PIN_LOCKED, take_card=self._card()))
            return
        self._fail(error)

    def card_removed(self) -> None:
        """Early removal ends the session; removal when asked moves on."""
        if self.step in (Step.READING_CARD, Step.PIN, Step.VERIFYING):
            self._finish(Ending.CARD_REMOVED, Notice(NoticeKind.CARD_REMOVED))
        elif self.step is Step.REMOVE_CARD:
            self._after_card_removed()

    def _after_card_removed(self) -> None:
        raise NotImplementedError

    def _on_timed_out(self) -> None:
        if self.step is Step.REMOVE_CARD and self._reminders < REMOVAL_REMINDERS:
            self._reminders += 1
            self.ctx.voice.play(Prompt.REMOVE_CARD)
            self._changed()
            return
        super()._on_timed_out()

    def _closing_jobs(self) -> list[Callable[[], None]]:
        """What must reach the server before its session ends (a cancel), in order."""
        return []

    def _release(self) -> None:
        """One background job per ending: the closing jobs, THEN the end of the server session
        (two separate jobs could run in either order)."""
        token, jobs = self.data.token, self._closing_jobs()
        if token is None and not jobs:
            return
        services = self.ctx.services

        def close_then_end() -> None:
            for job in jobs:
                try:
                    job()
                except Exception as exc:
                    log.warning("closing a request failed: %s", type(exc).__name__)
            if token is not None:
                services.end_session(token)

        fire_and_forget(self.ctx.executor, close_then_end)
