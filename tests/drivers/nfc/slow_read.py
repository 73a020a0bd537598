"""One check for the simulated and the PC/SC reader: a card pulled mid-APDU ends the read."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from drivers.nfc.card import MyNumberCard
from drivers.nfc.errors import CardRemovedError
from drivers.nfc.virtual_card import VirtualMyNumberCard


def assert_removal_ends_a_slow_read(
    card: MyNumberCard, virtual: VirtualMyNumberCard, remove: Callable[[], None]
) -> None:
    """While ``virtual`` answers an APDU slowly, ``remove()`` must end the certificate read
    with CardRemovedError within a second."""
    outcome: list[Exception] = []
    done = threading.Event()

    def read() -> None:
        try:
            card.read_auth_certificate()
        except CardRemovedError as exc:
            outcome.append(exc)
        done.set()

    threading.Thread(target=read, daemon=True).start()
    assert virtual.answering.wait(2)  # the card is in the middle of answering an APDU
    removed_at = time.monotonic()
    remove()
    assert done.wait(1)
    assert time.monotonic() - removed_at < 1
    assert len(outcome) == 1
