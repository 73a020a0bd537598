"""The product's promises, checked after a session: home, money to the yen, paper, privacy."""

from __future__ import annotations

import gc
import re
import subprocess
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from drivers.printer.a4_sim import PrintedJob
from issuance_contract.certificates import CertificateType
from issuance_server.demo_municipalities import DEMO_MUNICIPALITIES
from issuance_server.service import IssuanceService
from kiosk_app.payment.journal import JournalTotals, MoneyJournal
from tests.kiosk_app.gui.leaks import file_hits, live_hits

if TYPE_CHECKING:  # the center's stack stays out of the soak's kiosk process
    from issuance_center.store import RequestRow


@dataclass
class ServerRecord:
    """What the municipality's log says about a kiosk's requests."""

    statuses: list[str] = field(default_factory=list)
    fee_charged_yen: int = 0
    #: Copies the log counts as printed (come out whole).
    copies_printed: int = 0
    #: A store kiosk: the relay center's record of the kiosk's requests (statuses).
    center: list[str] | None = None
    #: Every document ordered, in the order the kiosk prints them: (copies, fee of them all).
    documents: list[tuple[int, int]] = field(default_factory=list)

    def fee_of_copies(self, copies_out: int) -> int:
        """The fee of ``copies_out`` complete copies come out in print order (printing stops at
        the first failure).

        The kiosk's rule (README, *Delivery pending*): the fee is per copy (1通); the fee of
        each copy that came out whole is kept, the rest given back. A copy with a sheet missing
        is not a certificate: not counted, not charged.
        """
        fee, left = 0, copies_out
        for doc_copies, doc_fee in self.documents:
            out = min(left, doc_copies)
            fee += doc_fee * out // doc_copies
            left -= out
        return fee


def server_record(service: IssuanceService, request_ids: Iterable[str]) -> ServerRecord:
    """The log's view of ``request_ids``."""
    record = ServerRecord()
    fees = service.settings.certificates
    for request_id in request_ids:
        row = service.store.issuance(request_id)
        if row is None:
            record.statuses.append("absent")
            continue
        record.statuses.append(row.status)
        record.fee_charged_yen += row.fee_charged_yen or 0
        documents = service.store.documents(request_id)
        record.copies_printed += sum(d.copies_printed for d in documents)
        record.documents += [
            (d.copies, fees[CertificateType(d.certificate_type)].fee_yen * d.copies)
            for d in documents
        ]
    return record


@dataclass
class CellVerdict:
    """One session's checks: the figures for the report and every broken promise."""

    totals: JournalTotals
    coins_in: int
    hoppers_paid: int
    copies_out: int
    server: ServerRecord
    leftovers: list[str]
    problems: list[str] = field(default_factory=list)

    @property
    def money(self) -> str:
        """The journal's balance as one line."""
        t = self.totals
        mark = "=" if t.inserted == t.fees + t.change + t.refunds_owed else "≠"
        return f"in {t.inserted} {mark} fee {t.fees} + change {t.change} + owed {t.refunds_owed}"

    @property
    def paper(self) -> str:
        """Copies the log counts as printed / complete copies that came out."""
        return f"{self.server.copies_printed} / {self.copies_out}"


def check_money(
    journal: MoneyJournal, coins_in: int, hoppers_paid: int, problems: list[str]
) -> JournalTotals:
    """Journal balanced, nothing open, and it agrees with the coins that physically moved."""
    totals = journal.totals()
    if totals.inserted != totals.fees + totals.change + totals.refunds_owed:
        problems.append(f"journal unbalanced: {totals}")
    if journal.open_payments():
        problems.append("a payment is still open in the journal")
    if totals.inserted != coins_in:
        problems.append(f"coins taken {coins_in} yen, journal says {totals.inserted}")
    if totals.change != hoppers_paid:
        problems.append(f"hoppers paid {hoppers_paid} yen, journal says {totals.change}")
    return totals


def check_paper(server: ServerRecord, copies_out: int, fees: int, problems: list[str]) -> None:
    """The fee kept is the fee of the copies that came out whole (the fee is per copy); the log
    counts exactly those copies printed and charges the fee the journal kept."""
    if server.copies_printed > copies_out:
        problems.append(
            f"the log counts {server.copies_printed} copies printed, {copies_out} came out"
        )
    delivered = server.fee_of_copies(copies_out)
    if fees != delivered:
        problems.append(
            f"the journal kept a fee of {fees} yen, the copies that came out "
            f"({copies_out}) cost {delivered}"
        )
    if server.copies_printed < copies_out:
        problems.append(
            f"{copies_out} copies came out whole, the log counts {server.copies_printed} printed"
        )
    if server.fee_charged_yen != fees:
        problems.append(f"the log charges {server.fee_charged_yen} yen, the journal kept {fees}")


def check_center(
    rows: list[RequestRow], fees: int, copies_printed: int, problems: list[str]
) -> list[str]:
    """The center's record of a kiosk: every request closed, and it settles (printed requests'
    fees and copies out) what the kiosk's journal kept and the municipality's log counts
    printed (``copies_printed``); returns the statuses."""
    statuses = [row.status.value for row in rows]
    open_rows = [status for status in statuses if status not in ("printed", "cancelled")]
    if open_rows:
        problems.append(f"requests left open in the center's record: {open_rows}")
    printed = [row for row in rows if row.status == "printed"]
    settled = sum(row.fee_charged_yen or 0 for row in printed)
    if settled != fees:
        problems.append(f"the center settles {settled} yen, the journal kept {fees}")
    delivered = sum(line.copies_out for row in printed for line in row.documents)
    if delivered != copies_printed:
        problems.append(
            f"the center settles {delivered} copies delivered, the log counts {copies_printed}"
        )
    return statuses


def check_documents(jobs: list[PrintedJob], municipality: str, problems: list[str]) -> None:
    """Every sheet that came out is certified by ``municipality``'s mayor, and no other's (read
    back with poppler's pdftotext)."""
    others = [d.name for d in DEMO_MUNICIPALITIES if d.name != municipality]
    for job in jobs:
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=job.pdf, capture_output=True, check=True
        ).stdout.decode()
        text = re.sub(r"\s+", "", text)
        if f"{municipality}長" not in text or any(f"{other}長" in text for other in others):
            problems.append(f"a job not certified by {municipality}: {job.job_name}")


def check_privacy(
    needles: list[str], server_roots: Iterable[object], dirs: list[Path], skip: list[Path]
) -> list[str]:
    """Live objects (outside the server's registry) and files that still hold a needle."""
    hits = live_hits(needles, server_roots)
    hits += [f"file {path}" for path in file_hits(dirs, needles, skip=skip)]
    return hits


def freeze_heap() -> None:
    """Leave the objects made so far out of the next searches (``gc.freeze``).

    Frozen before each session, a search sees what the session made; an older container that
    took some of its data is found by ``search_all_objects`` at the end of the run.
    """
    gc.collect()
    gc.freeze()


@contextmanager
def heap_frozen() -> Iterator[None]:
    """``freeze_heap`` for the length of a run; everything unfrozen after."""
    freeze_heap()
    try:
        yield
    finally:
        gc.unfreeze()


def search_all_objects(needles: list[str], server_roots: Iterable[object]) -> list[str]:
    """Every live object, the frozen ones too: what still holds a needle."""
    gc.unfreeze()
    return live_hits(needles, server_roots)
