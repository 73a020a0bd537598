"""What staff can do in maintenance mode, on the kiosk's live devices (Qt-free, all audited)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from drivers.coin_acceptor.errors import CoinMechError
from drivers.coin_acceptor.sim import SimHopper
from drivers.nfc.errors import NfcError
from drivers.printer.a4 import A4Printer
from drivers.printer.selftest import check_a4, check_receipt
from drivers.selftest import Status
from issuance_contract.errors import CenterError
from kiosk_app.devices.services import DeviceServices
from kiosk_app.maintenance.audit import MaintenanceLog
from kiosk_app.payment.journal import EntryKind, UnreadableEntry
from kiosk_app.printing.test_sheet import make_test_sheet
from kiosk_app.refused_reports import RefusedReport
from kiosk_app.selftest_all import worst


@dataclass(frozen=True)
class DeviceLine:
    """One device's state for the status page."""

    device: str
    status: Status
    detail: str


@dataclass(frozen=True)
class HopperLine:
    """One change hopper: coin value and the coins it can surely pay."""

    coin_yen: int
    coins: int | None
    detail: str


@dataclass
class DayTotals:
    """Money of one day (Japan time) from the journal."""

    day: dt.date
    inserted: int = 0
    fees: int = 0
    change: int = 0
    refunds_owed: int = 0
    payments: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class RefundLine:
    """A refund slip the kiosk printed (money owed to a resident, paid at the city office)."""

    slip_number: str
    at: str
    amount_yen: int
    reason: str


class Maintenance:
    """The maintenance actions; every one is recorded in the audit log before it returns."""

    def __init__(self, services: DeviceServices, log: MaintenanceLog) -> None:
        self.services = services
        self.log = log

    def device_status(self) -> list[DeviceLine]:
        """Card reader, coin acceptor, hoppers, printers and the issuance server, checked now."""
        lines = [self._reader(), self._acceptor(), self._a4(False), self._receipt(False)]
        lines.append(self._center())
        self.log.record(
            "device_status", **{line.device: line.status.name.lower() for line in lines}
        )
        return lines

    def hopper_levels(self) -> list[HopperLine]:
        """The change hoppers' coins."""
        lines = []
        for coin, hopper in sorted(self.services.payment.hoppers.items()):
            try:
                flags = hopper.test()
                lines.append(HopperLine(coin, hopper.coin_stock(), "; ".join(flags) or "ok"))
            except CoinMechError as exc:
                lines.append(HopperLine(coin, None, f"not answering: {exc}"))
        self.log.record("hopper_levels", **{str(h.coin_yen): h.coins for h in lines})
        return lines

    def refill(self, coin_yen: int, count: int) -> None:
        """Staff put ``count`` coins of ``coin_yen`` into its hopper (recorded; a sim fills)."""
        if count <= 0:
            raise ValueError("a refill adds at least one coin")
        hopper = self.services.payment.hoppers.get(coin_yen)
        if hopper is None:
            raise ValueError(f"no {coin_yen} yen hopper")
        if isinstance(hopper, SimHopper):
            hopper.fill(count)
        self.log.record("hopper_refill", coin_yen=coin_yen, coins=count)

    def totals_per_day(self) -> list[DayTotals]:
        """Inserted, fees, change and refunds owed per day, newest first."""
        days: dict[dt.date, DayTotals] = {}
        sums: dict[EntryKind, str] = {
            EntryKind.COIN: "inserted",
            EntryKind.FEE: "fees",
            EntryKind.CHANGE: "change",
            EntryKind.REFUND_OWED: "refunds_owed",
        }
        for entry in self.services.payment.journal.entries():
            day = self.services.clock.local(dt.datetime.fromisoformat(entry.at)).date()
            totals = days.setdefault(day, DayTotals(day))
            totals.payments.add(entry.payment_id)
            if entry.kind in sums:
                name = sums[entry.kind]
                setattr(totals, name, getattr(totals, name) + entry.amount_yen)
            elif entry.kind is EntryKind.FEE_VOIDED:
                totals.fees -= entry.amount_yen
        result = sorted(days.values(), key=lambda t: t.day, reverse=True)
        self.log.record("journal_totals", days=len(result))
        return result

    def unreadable_entries(self) -> list[UnreadableEntry]:
        """The journal's entries that cannot be read (a damaged file), oldest first: their
        payments were not settled automatically (shown with the totals, which leave them out)."""
        return self.services.payment.journal.read()[1]

    def refund_slips(self) -> list[RefundLine]:
        """Every refund slip in the journal, newest first."""
        kiosk = self.services.payment.kiosk_id or "KIOSK"
        slips = [
            RefundLine(
                str(e.detail.get("slip", f"{kiosk}-{e.seq:08d}")),
                e.at,
                e.amount_yen,
                str(e.detail.get("reason", "")),
            )
            for e in self.services.payment.journal.entries()
            if e.kind is EntryKind.REFUND_OWED
        ]
        slips.reverse()
        self.log.record("refund_slips", count=len(slips), yen=sum(s.amount_yen for s in slips))
        return slips

    def refused_reports(self) -> list[RefusedReport]:
        """The outcome reports the issuance server refused (a fee kept that the municipality's
        log does not show, to settle with the city), newest first."""
        reports = self.services.outbox.refused_reports()
        reports.reverse()
        self.log.record("refused_reports", count=len(reports), yen=sum(r.fee_yen for r in reports))
        return reports

    def a4_test_page(self) -> DeviceLine:
        """Print one composed test sheet on the A4 printer."""
        line = self._a4(True)
        self.log.record("a4_test_page", status=line.status.name.lower(), detail=line.detail)
        return line

    def receipt_test(self) -> DeviceLine:
        """Print a test receipt."""
        line = self._receipt(True)
        self.log.record("receipt_test", status=line.status.name.lower(), detail=line.detail)
        return line

    # -- checks on the live devices (no reopening: the kiosk keeps them open) ---------------------
    def _reader(self) -> DeviceLine:
        reader = self.services.reader
        try:
            card = "a card is on it" if reader.card_present() else "no card"
            return DeviceLine("card_reader", Status.OK, f"{reader.name}: {card}")
        except NfcError as exc:
            return DeviceLine("card_reader", Status.CRITICAL, f"{type(exc).__name__}: {exc}")

    def _acceptor(self) -> DeviceLine:
        try:
            check = self.services.payment.acceptor.self_check()
        except CoinMechError as exc:
            return DeviceLine("coin_acceptor", Status.CRITICAL, f"not answering: {exc}")
        status = Status.OK if check.ok else Status.CRITICAL
        return DeviceLine("coin_acceptor", status, f"self-check: {check.reason}")

    def _a4(self, test_page: bool) -> DeviceLine:
        printer = self.services.a4
        if not isinstance(printer, A4Printer):
            return DeviceLine("a4_printer", Status.UNKNOWN, "no status from this printer")
        status, report, findings = check_a4(printer, make_test_sheet if test_page else None)
        return DeviceLine("a4_printer", status, "; ".join(findings) or _brief(report))

    def _receipt(self, test_page: bool) -> DeviceLine:
        status, report, findings = check_receipt(self.services.receipt, test_page)
        return DeviceLine("receipt_printer", status, "; ".join(findings) or _brief(report))

    def _center(self) -> DeviceLine:
        try:
            self.services.center.start_authentication()
        except CenterError as exc:
            return DeviceLine("center", Status.CRITICAL, f"{type(exc).__name__}: {exc}")
        return DeviceLine("center", Status.OK, "the issuance server answers")


def overall(lines: list[DeviceLine]) -> Status:
    """The most severe status of ``lines``."""
    return worst([line.status for line in lines])


def _brief(report: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in report.items() if v is not None)
