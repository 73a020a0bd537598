"""Monthly settlement: one CSV per municipality of what the stores collected for it.

By certificate type: copies delivered and their fees, copies whose fee was given back because
they did not come out whole (refunded: the fee is per copy, so a document cut short counts its
copies out as delivered and the rest as refunded), copies of cancelled requests; and requests
still open.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from issuance_center.store import CenterStore, RequestRow
from issuance_contract.issuance_status import IssuanceStatus

TOKYO = ZoneInfo("Asia/Tokyo")
COLUMNS = (
    "certificate_type",
    "delivered_copies",
    "delivered_yen",
    "refunded_copies",
    "refunded_yen",
    "cancelled_copies",
    "open_copies",
)
TOTAL = "total"


@dataclass
class TypeTotals:
    """One row of a settlement."""

    delivered_copies: int = 0
    delivered_yen: int = 0
    refunded_copies: int = 0
    refunded_yen: int = 0
    cancelled_copies: int = 0
    open_copies: int = 0

    def row(self, name: str) -> list[str]:
        """The CSV row."""
        values = (
            self.delivered_copies,
            self.delivered_yen,
            self.refunded_copies,
            self.refunded_yen,
            self.cancelled_copies,
            self.open_copies,
        )
        return [name, *map(str, values)]


@dataclass
class Settlement:
    """One municipality's month."""

    code: str
    by_type: dict[str, TypeTotals] = field(default_factory=lambda: defaultdict(TypeTotals))
    charged_yen: int = 0  # the fees the kiosks reported charged (must equal delivered_yen)

    def total(self) -> TypeTotals:
        """The sum over the types."""
        total = TypeTotals()
        for t in self.by_type.values():
            for name in vars(total):
                setattr(total, name, getattr(total, name) + getattr(t, name))
        return total


def month_bounds(month: str) -> tuple[dt.datetime, dt.datetime]:
    """[first day, first day of the next month) of ``YYYY-MM`` in Japan time."""
    start = dt.datetime.strptime(month, "%Y-%m").replace(tzinfo=TOKYO)
    following = (start + dt.timedelta(days=32)).replace(day=1)
    return start, following


def _add(settlement: Settlement, request: RequestRow) -> None:
    for doc in request.documents:
        totals = settlement.by_type[doc.certificate_type]
        if request.status == IssuanceStatus.PRINTED:
            totals.delivered_copies += doc.copies_out
            totals.delivered_yen += doc.fee_out_yen
            totals.refunded_copies += doc.copies - doc.copies_out
            totals.refunded_yen += doc.fee_yen - doc.fee_out_yen
        elif request.status == IssuanceStatus.CANCELLED:
            totals.cancelled_copies += doc.copies
        else:
            totals.open_copies += doc.copies
    if request.status == IssuanceStatus.PRINTED:
        settlement.charged_yen += request.fee_charged_yen or 0


def settle(store: CenterStore, month: str) -> dict[str, Settlement]:
    """Every municipality's settlement of ``month`` (``YYYY-MM``), by code."""
    start, end = month_bounds(month)
    settlements: dict[str, Settlement] = {
        m.code: Settlement(m.code) for m in store.municipalities()
    }
    for request in store.requests_between(start, end):
        if request.municipality:
            _add(
                settlements.setdefault(request.municipality, Settlement(request.municipality)),
                request,
            )
    return settlements


def write_settlements(store: CenterStore, month: str, directory: Path) -> list[Path]:
    """One ``<code>-<month>.csv`` per municipality in ``directory``; the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for code, settlement in sorted(settle(store, month).items()):
        path = directory / f"{code}-{month}.csv"
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(COLUMNS)
            for name, totals in sorted(settlement.by_type.items()):
                writer.writerow(totals.row(name))
            writer.writerow(settlement.total().row(TOTAL))
        written.append(path)
    return written
