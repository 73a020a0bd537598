"""The device services keep money and the server's log right around printing and restarts."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from drivers.coin_acceptor.sim import SimCoinAcceptor, SimHopper
from drivers.nfc.sim import SimCardReader
from drivers.nfc.virtual_card import VirtualMyNumberCard
from drivers.printer.a4_sim import SimA4Printer
from drivers.printer.receipt_sim import SimReceiptPrinter
from issuance_contract.certificates import CertificateType
from issuance_server.embedded_link import EmbeddedCenterLink
from kiosk_app.config import Config
from kiosk_app.devices.opening import open_services
from kiosk_app.devices.services import DeviceServices
from kiosk_app.payment.journal import EntryKind, JournalTotals, MoneyJournal
from kiosk_app.session.model import IssuanceView, OrderLine, PaymentProgress, PaymentResult
from kiosk_app.session.options import default_options
from tests.support.card_holders import CardHolder, find_person
from tests.support.gui import always_open


class Sink:
    """Records the payment events the services send."""

    def __init__(self) -> None:
        self.finished: list[PaymentResult] = []

    def emit_card_inserted(self) -> None:
        """Not used here."""

    def emit_card_removed(self) -> None:
        """Not used here."""

    def emit_payment_update(self, state: PaymentProgress) -> None:
        """Not used here."""

    def emit_payment_finished(self, result: PaymentResult) -> None:
        """A payment ended."""
        self.finished.append(result)


def wait_until(condition: Callable[[], bool], what: str) -> None:
    """Poll a condition of the driver threads (no Qt here) for up to 10 s."""
    deadline = time.monotonic() + 10
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"no {what} within 10 s")
        time.sleep(0.01)


@pytest.fixture
def config(demo_config: Config, tmp_path: Path) -> Config:
    """Every certificate available now."""
    return always_open(demo_config, tmp_path)


def _open(config: Config) -> tuple[DeviceServices, Sink]:
    services = open_services(config)
    sink = Sink()
    services.attach(sink)
    acceptor = services.payment.acceptor
    assert isinstance(acceptor, SimCoinAcceptor)
    acceptor.poll_interval = 0.01
    return services, sink


@pytest.fixture
def kiosk(config: Config) -> Iterator[tuple[DeviceServices, Sink]]:
    """The kiosk's services on sim devices and the embedded server."""
    services, sink = _open(config)
    yield services, sink
    services.close()


def _paid_issuance(
    services: DeviceServices, sink: Sink, holder: CardHolder, copies: tuple[int, ...] = (1, 1)
) -> tuple[str, IssuanceView]:
    """Sign in, order 住民票 (by default two documents of one copy, 200 yen a copy) and pay
    500 yen for them."""
    reader = services.reader
    card = holder.card.make_card()
    assert isinstance(reader, SimCardReader)
    assert isinstance(card, VirtualMyNumberCard)
    reader.insert(card)
    token = services.authenticate(bytearray(holder.card.pin.encode())).token
    options = default_options(CertificateType.JUMINHYO, False)
    lines = [OrderLine(CertificateType.JUMINHYO, 200, dict(options), copies=n) for n in copies]
    issuance = services.issue(token, lines, "devices-delivery-1")
    services.open_payment(issuance.total_fee_yen, issuance.request_id)
    acceptor = services.payment.acceptor
    assert isinstance(acceptor, SimCoinAcceptor)
    acceptor.insert_coin(500)
    wait_until(lambda: bool(sink.finished), "payment outcome")
    return token, issuance


def _row(services: DeviceServices, request_id: str) -> tuple[str, int | None, dict[str, int]]:
    """The municipality's log of a request: status, fee charged, copies printed by document."""
    center = services.center
    assert isinstance(center, EmbeddedCenterLink)
    store = center.service.store
    row = store.issuance(request_id)
    assert row is not None
    printed = {d.document_id: d.copies_printed for d in store.documents(request_id) if d.printed}
    return row.status, row.fee_charged_yen, printed


def _delivered(services: DeviceServices) -> list[tuple[str, int, int]]:
    """The copies journaled as delivered: (document id, copy, fee kept)."""
    return [
        (str(e.detail["document_id"]), int(e.detail["copy"]), e.amount_yen)
        for e in services.payment.journal.entries()
        if e.kind is EntryKind.DELIVERED
    ]


class Killed(BaseException):
    """The process dies (nothing after it runs, as with SIGKILL)."""


def test_paper_out_after_the_first_document_keeps_only_its_fee(
    kiosk: tuple[DeviceServices, Sink], config: Config
) -> None:
    services, sink = kiosk
    token, issuance = _paid_issuance(services, sink, find_person(config, resident=True))
    assert sink.finished[0].fee_kept_yen == 400
    assert [p.reference for p in services.payment.journal.open_payments()] == [
        issuance.request_id
    ]  # paid, delivery pending
    first, _second = issuance.documents
    a4 = services.a4
    assert isinstance(a4, SimA4Printer)
    a4.paper_sheets = len(first.page_codes)

    report = services.print_documents(issuance.documents, lambda _done, _total: None)

    assert (report.completed, report.copies_printed) == (False, {first.document_id: 1})
    assert _delivered(services) == [(first.document_id, 1, 200)]
    result = services.refund(200, issuance.request_id)  # what the flow does on paper out
    assert (result.fee_kept_yen, result.change_paid_yen, result.refund_owed_yen) == (-200, 200, 0)
    services.end_session(token)
    assert services.payment.journal.open_payments() == []
    assert services.payment.journal.totals() == JournalTotals(500, 200, 300, 0)
    assert _row(services, issuance.request_id) == ("printed", 200, {first.document_id: 1})
    assert services.outbox.pending() == []


def test_one_copy_of_two_out_keeps_the_fee_of_one_copy_and_the_log_says_so(
    kiosk: tuple[DeviceServices, Sink], config: Config
) -> None:
    """A 住民票 of two copies (400 yen, paid with 500): the paper runs out after the first
    copy. The fee of that copy is kept, the other's comes back; the log says printed 1 of 2
    with that fee, as the journal does."""
    services, sink = kiosk
    token, issuance = _paid_issuance(services, sink, find_person(config, resident=True), (2,))
    [document] = issuance.documents
    a4 = services.a4
    assert isinstance(a4, SimA4Printer)
    a4.paper_sheets = len(document.page_codes)  # one copy's sheets

    report = services.print_documents(issuance.documents, lambda _done, _total: None)

    assert (report.completed, report.copies_printed) == (False, {document.document_id: 1})
    assert report.fee_kept_yen == 200
    assert sum(1 for job in a4.tray if job.complete) == 1
    assert _delivered(services) == [(document.document_id, 1, 200)]
    # what the resident is told: the copies and fee the journal holds, out of those ordered
    journaled = _delivered(services)
    assert (report.copies_out, report.copies_ordered) == (len(journaled), 2)
    assert report.fee_kept_yen == sum(fee for _document, _copy, fee in journaled)
    result = services.refund(issuance.total_fee_yen - report.fee_kept_yen, issuance.request_id)
    assert (result.fee_kept_yen, result.change_paid_yen, result.refund_owed_yen) == (-200, 200, 0)
    services.end_session(token)
    journal = services.payment.journal
    assert journal.open_payments() == []
    assert journal.totals() == JournalTotals(500, 200, 300, 0)
    assert journal.balanced()
    assert _row(services, issuance.request_id) == ("printed", 200, {document.document_id: 1})
    assert services.outbox.pending() == []


def test_no_copy_out_gives_everything_back_and_the_log_says_cancelled(
    kiosk: tuple[DeviceServices, Sink], config: Config
) -> None:
    services, sink = kiosk
    token, issuance = _paid_issuance(services, sink, find_person(config, resident=True), (2,))
    a4 = services.a4
    assert isinstance(a4, SimA4Printer)
    a4.paper_sheets = 0

    report = services.print_documents(issuance.documents, lambda _done, _total: None)

    assert (report.completed, report.copies_printed, report.fee_kept_yen) == (False, {}, 0)
    services.refund(issuance.total_fee_yen, issuance.request_id)
    services.end_session(token)
    assert services.payment.journal.totals() == JournalTotals(500, 0, 500, 0)
    assert _row(services, issuance.request_id) == ("cancelled", 0, {})


def test_killed_during_the_second_copy_the_restart_keeps_the_first_copys_fee(
    config: Config,
) -> None:
    """The process dies while the second of two copies prints: the restarted kiosk keeps the
    fee of the copy journaled as out, gives back the rest and tells the log printed 1 of 2."""
    services, sink = _open(config)
    _token, issuance = _paid_issuance(services, sink, find_person(config, resident=True), (2,))
    [document] = issuance.documents
    a4 = services.a4
    assert isinstance(a4, SimA4Printer)
    print_document = a4.print_document
    jobs: list[int] = []

    def dies_on_the_second_copy(*args: Any, **kwargs: Any) -> Any:
        jobs.append(1)
        if len(jobs) == 2:
            raise Killed
        return print_document(*args, **kwargs)

    a4.print_document = dies_on_the_second_copy  # type: ignore[method-assign]
    with pytest.raises(Killed):
        services.print_documents(issuance.documents, lambda _done, _total: None)
    assert _delivered(services) == [(document.document_id, 1, 200)]
    assert services.outbox.pending() == []  # nothing reported before the death
    request_id = issuance.request_id
    del issuance
    services.close()
    services.payment.journal.close()

    restarted, _sink = _open(config)
    try:
        journal: MoneyJournal = restarted.payment.journal
        assert journal.open_payments() == []
        assert journal.totals() == JournalTotals(500, 200, 300, 0)
        assert _row(restarted, request_id) == ("printed", 200, {document.document_id: 1})
        assert restarted.outbox.pending() == []
    finally:
        restarted.close()


def test_a_restart_while_printing_gives_the_fee_back_and_tells_the_server(
    config: Config,
) -> None:
    services, sink = _open(config)
    _token, issuance = _paid_issuance(services, sink, find_person(config, resident=True))
    request_id = issuance.request_id
    del issuance
    services.close()  # killed before the first sheet was out: nothing more is journaled
    services.payment.journal.close()

    restarted, _sink = _open(config)
    try:
        journal: MoneyJournal = restarted.payment.journal
        assert journal.open_payments() == []
        assert journal.totals() == JournalTotals(500, 0, 500, 0)
        assert _row(restarted, request_id) == ("cancelled", 0, {})
        assert restarted.outbox.pending() == []
    finally:
        restarted.close()


def test_a_stray_coin_the_hoppers_cannot_return_prints_a_slip(
    kiosk: tuple[DeviceServices, Sink],
) -> None:
    services, _sink = kiosk
    for hopper in services.payment.hoppers.values():
        assert isinstance(hopper, SimHopper)
        hopper.model.level = 0
    acceptor = services.payment.acceptor
    assert isinstance(acceptor, SimCoinAcceptor)
    acceptor.set_accepted_values({100})  # e.g. the inhibit command was lost
    acceptor.insert_coin(100)
    receipt = services.receipt
    assert isinstance(receipt, SimReceiptPrinter)
    wait_until(lambda: bool(receipt.tray), "refund slip")
    assert services.payment.journal.totals().refunds_owed == 100


def test_an_order_whose_reply_was_lost_is_cancelled_by_its_key(
    kiosk: tuple[DeviceServices, Sink], config: Config
) -> None:
    services, sink = kiosk
    token, issuance = _paid_issuance(services, sink, find_person(config, resident=True))
    services.refund(issuance.total_fee_yen, issuance.request_id)  # (give the coins back first)
    services.cancel_issue("devices-delivery-1")  # as if the reply had never arrived
    services.end_session(token)
    assert _row(services, issuance.request_id) == ("cancelled", 0, {})
    assert services.payment.journal.balanced()


def test_a_restart_prints_again_the_slip_of_a_debt_journaled_before_the_crash(
    config: Config,
) -> None:
    """The kiosk died between journaling a refund owed and printing its slip."""
    journal = MoneyJournal(config.kiosk.data_dir / "money.sqlite3")
    journal.append("interrupted", EntryKind.OPENED, 300, {"reference": "REQ-SLIP-AGAIN"})
    journal.append("interrupted", EntryKind.COIN, 500)
    owed = journal.append("interrupted", EntryKind.REFUND_OWED, 500, {"reason": "cancelled"})
    journal.close()

    restarted, _sink = _open(config)
    try:
        receipt = restarted.receipt
        assert isinstance(receipt, SimReceiptPrinter)
        number = f"{config.kiosk.id}-{owed.seq:08d}"
        printed = [" ".join(line.text for line in ticket.lines) for ticket in receipt.tray]
        assert len(printed) == 1, printed
        assert number in printed[0]
        totals = restarted.payment.journal.totals()
        assert totals == JournalTotals(500, 0, 0, 500), "the debt is owed once"
        assert restarted.payment.journal.open_payments() == []
    finally:
        restarted.close()
