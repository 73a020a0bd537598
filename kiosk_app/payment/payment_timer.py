"""The open payment's time-out: fires once when no coin arrived for a while."""

from __future__ import annotations

import threading
from collections.abc import Callable


class PaymentTimer:
    """One ``threading.Timer`` at a time, naming the payment it was started for.

    ``on_timeout(payment_id)`` runs on the timer's thread; the receiver must check, under its
    own lock and in the same hold as it acts, that this payment is still the open one.
    """

    def __init__(self, on_timeout: Callable[[str], None]) -> None:
        self._on_timeout = on_timeout
        self._timer: threading.Timer | None = None

    def restart(self, payment_id: str, timeout_s: float | None) -> None:
        """Start counting ``timeout_s`` again for ``payment_id`` (None: no time-out)."""
        self.cancel()
        if timeout_s is not None:
            self._timer = threading.Timer(timeout_s, self._on_timeout, (payment_id,))
            self._timer.daemon = True
            self._timer.start()

    def cancel(self) -> None:
        """Stop counting."""
        timer, self._timer = self._timer, None
        if timer is not None:
            timer.cancel()
