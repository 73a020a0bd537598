"""The payment side built from the demo configuration (simulated devices)."""

from __future__ import annotations

from kiosk_app.config import Config
from kiosk_app.payment.journal import JournalTotals
from kiosk_app.payment.setup import journal_path, open_payment_controller


def test_demo_config_builds_a_working_controller(demo_config: Config) -> None:
    controller = open_payment_controller(demo_config)
    assert sorted(controller.hoppers) == [10, 100]
    assert controller.settle_open_payments() == []
    controller.open(200, "REQ-DEMO")
    assert controller.acceptor.accepted_values == {10, 50, 100, 500}
    controller.cancel()
    assert controller.journal.path == journal_path(demo_config.kiosk.data_dir)
    assert controller.journal.totals() == JournalTotals(0, 0, 0, 0)
    assert controller.kiosk_id == demo_config.kiosk.id
    controller.journal.close()
