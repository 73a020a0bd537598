"""Where the device services send their news: session events and device states (any thread)."""

from __future__ import annotations

from typing import Protocol

from kiosk_app.availability import DeviceState
from kiosk_app.session.model import PaymentProgress, PaymentResult


class EventSink(Protocol):
    """Where device callbacks go (the Qt bridge, or a plain-Python loop); any thread."""

    def emit_card_inserted(self) -> None:
        """A card was placed."""

    def emit_card_removed(self) -> None:
        """The card left."""

    def emit_payment_update(self, state: PaymentProgress) -> None:
        """Credit changed."""

    def emit_payment_finished(self, result: PaymentResult) -> None:
        """The payment ended."""


class DeviceWatcher(Protocol):
    """Where news of the devices' state goes (the Qt bridge, for the home screen); any thread."""

    def emit_device_state(self, state: DeviceState) -> None:
        """A device was found able (problem None) or unable to serve."""
