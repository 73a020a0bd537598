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
    with CardRemovedError long before the card would have answered (half its reply delay),
    so the read was ended by the removal and not by the answer."""
    bound_s = virtual.faults.reply_delay_s / 2
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
    assert done.wait(bound_s)
    assert time.monotonic() - removed_at < bound_s
    assert len(outcome) == 1
