"""The kiosk starts on a data directory whose outbox and money journal each hold a damaged row."""

from __future__ import annotations

import logging

import pytest

from kiosk_app.config import Config
from kiosk_app.devices.opening import open_services
from kiosk_app.outbox import Outbox
from kiosk_app.payment.journal import EntryKind, MoneyJournal
from tests.kiosk_app.damaged_files import add_journal_entry, write_outbox_row


def test_the_kiosk_starts_and_sends_what_waits_behind_a_damaged_row(
    demo_config: Config, caplog: pytest.LogCaptureFixture
) -> None:
    """Before, the start-up's flush raised at the outbox's damaged row (after the devices were
    opened) and the settlement raised at the journal's: the kiosk stayed out of service. Now it
    starts: the outbox's row is set aside and the cancel behind it is sent (the server takes
    the cancel of a key it never stored as done); the damaged payment is left in the journal."""
    data = demo_config.kiosk.data_dir
    data.mkdir(parents=True)
    Outbox(data / "outbox.sqlite3").close()
    write_outbox_row(data / "outbox.sqlite3", {"copies": "'{'"})
    cancel = {"kind": "'cancel_by_key'", "request_id": "''", "idempotency_key": "'start-key-1'"}
    write_outbox_row(data / "outbox.sqlite3", {**cancel, "fee_yen": "0", "copies": "'{}'"})
    journal = MoneyJournal(data / "money.sqlite3")
    journal.append("d" * 32, EntryKind.OPENED, 200, {"reference": "REQ-D", "awaits_delivery": True})
    journal.close()
    add_journal_entry(data / "money.sqlite3", "d" * 32, "'coin'", "100", "'{bad'")

    with caplog.at_level(logging.INFO):
        services = open_services(demo_config)
    try:
        assert services.outbox.pending() == []
        [kept] = services.outbox.refused_reports()
        assert (kept.request_id, kept.reason) == ("REQ-DAMAGED", "unreadable_row")
        assert "outbox at start-up: 1 sent, 0 refused, 0 left, 1 damaged set aside" in caplog.text
        assert f"payment {'d' * 32} has an entry that cannot be read: not settled" in caplog.text
        assert services.payment.journal.open_payments() == []
    finally:
        services.close()
