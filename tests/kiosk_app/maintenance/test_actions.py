"""Maintenance actions on live sim devices: status, levels, refill, totals, slips, test prints."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.coin_acceptor.sim import SimHopper
from drivers.nfc.errors import NoReaderError
from drivers.printer.a4_sim import SimA4Printer
from drivers.printer.receipt_sim import SimReceiptPrinter
from drivers.selftest import Status
from issuance_contract.messages import OutcomeReport
from kiosk_app.config import Config
from kiosk_app.devices.opening import open_services
from kiosk_app.devices.services import DeviceServices
from kiosk_app.maintenance.actions import Maintenance, overall
from kiosk_app.maintenance.audit import MaintenanceLog
from kiosk_app.payment.journal import EntryKind
from tests.kiosk_app.damaged_files import add_journal_entry


@pytest.fixture
def services(demo_config: Config) -> Iterator[DeviceServices]:
    """The demo kiosk's devices, opened as the app opens them."""
    opened = open_services(demo_config)
    yield opened
    opened.close()


@pytest.fixture
def maintenance(services: DeviceServices, tmp_path: Path) -> Iterator[Maintenance]:
    """Maintenance actions with their audit log."""
    log = MaintenanceLog(tmp_path / "maintenance.sqlite3")
    yield Maintenance(services, log)
    log.close()


def test_device_status_of_a_healthy_demo_kiosk(maintenance: Maintenance) -> None:
    lines = maintenance.device_status()
    assert [line.device for line in lines] == [
        "card_reader",
        "coin_acceptor",
        "a4_printer",
        "receipt_printer",
        "center",
    ]
    assert overall(lines) is Status.OK
    entry = maintenance.log.entries()[-1]
    assert entry.action == "device_status"
    assert entry.detail["a4_printer"] == "ok"


def test_a_jammed_printer_shows(maintenance: Maintenance, services: DeviceServices) -> None:
    a4 = services.a4
    assert isinstance(a4, SimA4Printer)
    a4.jam = True
    lines = {line.device: line for line in maintenance.device_status()}
    assert lines["a4_printer"].status is Status.CRITICAL
    assert maintenance.log.entries()[-1].detail["a4_printer"] == "critical"


def test_levels_and_refill(maintenance: Maintenance, services: DeviceServices) -> None:
    before = {line.coin_yen: line.coins for line in maintenance.hopper_levels()}
    maintenance.refill(100, 50)
    after = {line.coin_yen: line.coins for line in maintenance.hopper_levels()}
    assert after[100] == (before[100] or 0) + 50
    assert after[10] == before[10]
    hopper = services.payment.hoppers[100]
    assert isinstance(hopper, SimHopper)
    assert hopper.level == after[100]
    refills = [e for e in maintenance.log.entries() if e.action == "hopper_refill"]
    assert [e.detail for e in refills] == [{"coin_yen": 100, "coins": 50}]
    with pytest.raises(ValueError, match="no 500 yen hopper"):
        maintenance.refill(500, 10)
    with pytest.raises(ValueError, match="at least one coin"):
        maintenance.refill(100, 0)


def test_totals_per_day_and_refund_slips(
    maintenance: Maintenance, services: DeviceServices
) -> None:
    journal = services.payment.journal
    paid = journal.new_payment_id()
    journal.append(paid, EntryKind.OPENED, 200, {})
    journal.append(paid, EntryKind.COIN, 500, {})
    journal.append(paid, EntryKind.FEE, 200, {})
    journal.append(paid, EntryKind.CHANGE, 300, {})
    journal.append(paid, EntryKind.CLOSED, 0, {})
    owed = journal.new_payment_id()
    journal.append(owed, EntryKind.OPENED, 450, {})
    journal.append(owed, EntryKind.COIN, 100, {})
    journal.append(owed, EntryKind.REFUND_OWED, 100, {"reason": "change_unavailable"})
    journal.append(owed, EntryKind.CLOSED, 0, {})
    (today,) = maintenance.totals_per_day()
    assert (today.inserted, today.fees, today.change, today.refunds_owed) == (600, 200, 300, 100)
    assert len(today.payments) == 2
    (slip,) = maintenance.refund_slips()
    assert slip.amount_yen == 100
    assert slip.reason == "change_unavailable"
    assert slip.slip_number.startswith("DEMO-KIOSK-01-")
    actions = [e.action for e in maintenance.log.entries()]
    assert actions == ["journal_totals", "refund_slips"]


def test_an_unreadable_journal_entry_is_listed_and_left_out_of_the_totals(
    maintenance: Maintenance, services: DeviceServices
) -> None:
    paid = services.payment.journal.new_payment_id()
    services.payment.journal.append(paid, EntryKind.COIN, 200, {})
    add_journal_entry(services.payment.journal.path, paid, "'coin'", "'a hundred'", "'{}'")
    assert [day.inserted for day in maintenance.totals_per_day()] == [200]
    assert [(u.payment_id, u.fault) for u in maintenance.unreadable_entries()] == [
        (paid, "amount_yen: not an integer")
    ]


def test_refused_reports_are_listed_newest_first_and_audited(
    maintenance: Maintenance, services: DeviceServices
) -> None:
    assert maintenance.refused_reports() == []
    for n in (1, 2):
        report = OutcomeReport(fee_charged_yen=200 * n, printed_copies={f"doc-{n}": n})
        services.outbox.add_report(f"REQ-GONE-{n}", report)
    assert services.outbox.flush(services.center).refused == 2
    reports = maintenance.refused_reports()
    assert [(r.request_id, r.fee_yen, r.copies, r.reason) for r in reports] == [
        ("REQ-GONE-2", 400, (("doc-2", 2),), "unknown_request"),
        ("REQ-GONE-1", 200, (("doc-1", 1),), "unknown_request"),
    ]
    audited = [e.detail for e in maintenance.log.entries() if e.action == "refused_reports"]
    assert audited == [{"count": 0, "yen": 0}, {"count": 2, "yen": 600}]


def test_test_prints_come_out(maintenance: Maintenance, services: DeviceServices) -> None:
    a4, receipt = services.a4, services.receipt
    assert isinstance(a4, SimA4Printer)
    assert isinstance(receipt, SimReceiptPrinter)
    assert maintenance.a4_test_page().status is Status.OK
    assert len(a4.tray) == 1
    assert maintenance.receipt_test().status is Status.OK
    assert len(receipt.tray) == 1
    assert [e.action for e in maintenance.log.entries()] == ["a4_test_page", "receipt_test"]


def test_a_lost_card_reader_shows(
    maintenance: Maintenance, services: DeviceServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    def gone() -> bool:
        raise NoReaderError("the reader was unplugged")

    monkeypatch.setattr(services.reader, "card_present", gone)
    lines = {line.device: line for line in maintenance.device_status()}
    assert lines["card_reader"].status is Status.CRITICAL
    assert "unplugged" in lines["card_reader"].detail
