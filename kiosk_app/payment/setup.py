"""Build the payment side of a kiosk from its configuration: devices, journal, controller."""

from __future__ import annotations

from pathlib import Path

from drivers.coin_acceptor.devices import LinkPool, open_coin_acceptor, open_hopper
from drivers.coin_acceptor.hopper import Hopper
from kiosk_app.config import Config
from kiosk_app.payment.controller import PaymentController
from kiosk_app.payment.journal import MoneyJournal

#: The money journal's file name inside ``kiosk.data_dir``.
JOURNAL_FILE = "money-journal.sqlite3"


def journal_path(data_dir: Path) -> Path:
    """Where the money journal lives."""
    return Path(data_dir).expanduser() / JOURNAL_FILE


def open_payment_controller(config: Config, links: LinkPool | None = None) -> PaymentController:
    """Open the acceptor and hoppers (sharing one link per serial port) and the journal.

    The caller sets the listeners, calls ``settle_open_payments()`` (printing any refund
    slips) and then ``start()``.
    """
    pool = links or LinkPool()
    acceptor = open_coin_acceptor(config.devices.coin_acceptor, pool)
    hoppers: dict[int, Hopper] = {
        int(yen): open_hopper(url, int(yen), pool) for yen, url in config.devices.hoppers.items()
    }
    journal = MoneyJournal(journal_path(config.kiosk.data_dir))
    return PaymentController(acceptor, hoppers, journal, kiosk_id=config.kiosk.id)
