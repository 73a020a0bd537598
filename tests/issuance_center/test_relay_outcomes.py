"""Through the center: outcomes, settlement, 申請番号 routing, failures that stay local."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import socket

import pytest

from issuance_center.settlement import TOKYO, settle
from issuance_contract.certificates import CertificateType
from issuance_contract.errors import CenterRefusedError, CenterTimeoutError
from issuance_contract.issuance_status import IssuanceStatus
from issuance_contract.messages import OrderItem, OutcomeReport, RegistrationState, Route
from issuance_server.card_directory import resident_card_rows
from issuance_server.demo_data import demo_ca
from issuance_server.demo_movers import movers
from tests.issuance_center.conftest import (
    KIOSKS,
    KIYOSHI,
    MIHON,
    NOW,
    Network,
    adult_resident,
    login,
)
from tests.support.server import non_resident, registration_form

T = CertificateType


def _this_month() -> str:
    return dt.datetime.now(TOKYO).strftime("%Y-%m")


def test_outcomes_and_cancels_reach_the_municipality_and_settle_per_municipality(
    network: Network,
) -> None:
    site = network.sites[MIHON]
    before = settle(network.store, _this_month())[MIHON].total()
    link = network.link(KIOSKS[1])
    session = login(link, site.cards[adult_resident(site, 6).id])
    items = [OrderItem(certificate_type=T.JUMINHYO, copies=2), OrderItem(certificate_type=T.INKAN)]
    issuance = link.issue(session.token, items, "settle-key-0001")
    printed, not_printed = issuance.documents
    # the 住民票 x2 came out and was paid; the 印鑑 could not be printed (fee given back)
    report = OutcomeReport(fee_charged_yen=printed.fee_yen, printed_copies={printed.document_id: 2})
    link.report_outcome(session.token, issuance.request_id, report)
    cancelled = link.issue(session.token, items[:1], "settle-key-0002")
    link.cancel(session.token, cancelled.request_id)
    link.end_session(session.token)
    at_city = site.service.store.issuance(issuance.request_id)
    assert at_city is not None
    assert at_city.fee_charged_yen == printed.fee_yen == 600
    assert site.service.store.issuance(cancelled.request_id).status == "cancelled"  # type: ignore[union-attr]
    after = settle(network.store, _this_month())[MIHON]
    total = after.total()
    assert total.delivered_copies - before.delivered_copies == 2
    assert total.delivered_yen - before.delivered_yen == 600
    assert total.refunded_copies - before.refunded_copies == 1
    assert total.refunded_yen - before.refunded_yen == not_printed.fee_yen == 300
    assert total.cancelled_copies - before.cancelled_copies == 2  # the 住民票 x2 order
    assert after.charged_yen == total.delivered_yen
    # a repeated report (the kiosk's outbox retrying) counts nothing twice, nor does the same
    # outcome in an older kiosk's shape (the documents every copy of which came out)
    link.report_outcome("", issuance.request_id, report)
    older = OutcomeReport(fee_charged_yen=printed.fee_yen, printed_documents=[printed.document_id])
    link.report_outcome("", issuance.request_id, older)
    assert settle(network.store, _this_month())[MIHON].total() == total


def test_a_document_cut_short_settles_its_copies_out_as_the_municipality_logs_them(
    network: Network,
) -> None:
    """住民票 x2 (600 yen): one copy came out whole, its fee (300) kept. The municipality's log
    says printed 1 of 2 with 300 yen; the center's record and settlement count the same."""
    site = network.sites[MIHON]
    earlier = settle(network.store, _this_month())[MIHON]
    before = earlier.total()
    link = network.link(KIOSKS[1])
    session = login(link, site.cards[adult_resident(site, 5).id])
    items = [OrderItem(certificate_type=T.JUMINHYO, copies=2)]
    issuance = link.issue(session.token, items, "settle-key-0003")
    [document] = issuance.documents
    with pytest.raises(CenterRefusedError) as refused:  # more copies than ordered
        link.report_outcome(
            "",
            issuance.request_id,
            OutcomeReport(fee_charged_yen=600, printed_copies={document.document_id: 3}),
        )
    assert refused.value.reason_code == "unknown_document"
    one_copy = OutcomeReport(fee_charged_yen=300, printed_copies={document.document_id: 1})
    link.report_outcome(session.token, issuance.request_id, one_copy)
    link.end_session(session.token)
    at_city = site.service.store.issuance(issuance.request_id)
    assert at_city is not None
    assert (at_city.status, at_city.fee_charged_yen) == ("printed", 300)
    [row] = site.service.store.documents(issuance.request_id)
    assert (row.copies_printed, row.copies) == (1, 2)
    record = asyncio.run(network.store.request_by_key(KIOSKS[1], "settle-key-0003"))
    assert record is not None
    assert (record.status, record.fee_charged_yen) == (IssuanceStatus.PRINTED, 300)
    assert [(d.copies_out, d.fee_out_yen) for d in record.documents] == [(1, 300)]
    after = settle(network.store, _this_month())[MIHON]
    total = after.total()
    assert total.delivered_copies - before.delivered_copies == 1
    assert total.delivered_yen - before.delivered_yen == 300
    assert total.refunded_copies - before.refunded_copies == 1
    assert total.refunded_yen - before.refunded_yen == 300
    assert after.charged_yen - earlier.charged_yen == 300
    # the outbox retrying the same report changes nothing; another outcome is refused
    link.report_outcome("", issuance.request_id, one_copy)
    with pytest.raises(CenterRefusedError) as refused:
        link.report_outcome("", issuance.request_id, OutcomeReport.all_printed(issuance))
    assert refused.value.reason_code == "request_closed"
    assert settle(network.store, _this_month())[MIHON].total() == total


def test_a_fee_other_than_that_of_the_copies_printed_is_refused_through_the_center(
    network: Network,
) -> None:
    """住民票 x2 (300 yen a copy): one copy out but the fee of both reported. The municipality
    refuses it (bad_fee) through the center; neither closes the request, nor does it settle."""
    site = network.sites[MIHON]
    before = settle(network.store, _this_month())[MIHON].total()
    link = network.link(KIOSKS[1])
    session = login(link, site.cards[adult_resident(site, 4).id])
    items = [OrderItem(certificate_type=T.JUMINHYO, copies=2)]
    issuance = link.issue(session.token, items, "fee-check-0001")
    one_copy = {issuance.documents[0].document_id: 1}
    with pytest.raises(CenterRefusedError) as refused:
        link.report_outcome(
            session.token,
            issuance.request_id,
            OutcomeReport(fee_charged_yen=600, printed_copies=one_copy),
        )
    assert refused.value.reason_code == "bad_fee"
    at_city = site.service.store.issuance(issuance.request_id)
    assert at_city is not None
    assert (at_city.status, at_city.fee_charged_yen) == ("issued", None)
    record = asyncio.run(network.store.request_by_key(KIOSKS[1], "fee-check-0001"))
    assert record is not None
    assert record.status is IssuanceStatus.ISSUED
    open_now = settle(network.store, _this_month())[MIHON].total()
    assert open_now == dataclasses.replace(before, open_copies=before.open_copies + 2)
    link.report_outcome(
        session.token,
        issuance.request_id,
        OutcomeReport(fee_charged_yen=300, printed_copies=one_copy),
    )
    record = asyncio.run(network.store.request_by_key(KIOSKS[1], "fee-check-0001"))
    assert record is not None
    assert (record.status, record.fee_charged_yen) == (IssuanceStatus.PRINTED, 300)
    link.end_session(session.token)


def test_another_kiosk_cannot_close_a_request(network: Network) -> None:
    site = network.sites[KIYOSHI]
    link = network.link(KIOSKS[2])
    session = login(link, site.cards[adult_resident(site, 7).id])
    issuance = link.issue(session.token, [OrderItem(certificate_type=T.JUMINHYO)], "own-key-0001")
    with pytest.raises(CenterRefusedError) as refused:
        network.link(KIOSKS[3]).cancel("", issuance.request_id)
    assert refused.value.reason_code == "unknown_request"
    link.cancel(session.token, issuance.request_id)


def test_a_registration_number_names_its_municipality_and_routes_the_status_check(
    network: Network,
) -> None:
    site = network.sites[KIYOSHI]
    moved = {m.person.id for m in movers()}  # they have registrations already
    person = next(p for n in range(20) if (p := non_resident(site.registry, n)).id not in moved)
    card = site.cards[person.id]
    link = network.link(KIOSKS[4])
    session = login(link, card, Route.HONSEKI, KIYOSHI)
    number = link.submit_registration(session.token, registration_form(person, card, site.registry))
    assert len(number) == 14
    assert number.startswith(KIYOSHI)
    other_kiosk = network.link(KIOSKS[5])
    assert other_kiosk.registration_status(number).state is RegistrationState.PENDING
    site.service.store.decide_registration(int(number[6:]), RegistrationState.APPROVED, None, NOW)
    status = other_kiosk.registration_status(number)
    assert (status.number, status.state) == (number, RegistrationState.APPROVED)
    # the same local number under another municipality's code is another registration
    assert other_kiosk.registration_status(MIHON + number[6:]).state is RegistrationState.UNKNOWN
    assert other_kiosk.registration_status("12").state is RegistrationState.UNKNOWN


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_municipality_down_refuses_only_its_residents_before_anything_is_ordered(
    network: Network,
) -> None:
    """Its residents are refused at the first step (no session, so nothing is charged)."""
    down_code = "999994"
    kiyoshi = network.sites[KIYOSHI]
    entry = network.store.municipality(KIYOSHI)
    assert entry is not None
    dead = f"https://127.0.0.1:{_closed_port()}"
    network.store.add_municipality(
        dataclasses.replace(entry, code=down_code, name="休止町", url=dead)
    )
    moved = adult_resident(kiyoshi, 12)
    serial = next(c.serial for c in kiyoshi.registry.cards if c.person_id == moved.id)
    ca = demo_ca(kiyoshi.service.settings.data_dir).certificate
    (row,) = (r for r in resident_card_rows(kiyoshi.registry, ca, KIYOSHI) if r[1] == serial)
    network.store.import_cards([(row[0], row[1], down_code)])
    try:
        with pytest.raises(CenterRefusedError) as refused:
            login(network.link(KIOSKS[6]), kiyoshi.cards[moved.id])
        assert refused.value.reason_code == "municipality_unavailable"
        assert "休止町" in refused.value.detail
        mihon = network.sites[MIHON]
        assert login(network.link(KIOSKS[6]), mihon.cards[adult_resident(mihon, 8).id]).token
    finally:
        network.store.import_cards([row])
        network.store.set_enabled(down_code, False)


def test_a_time_out_at_the_municipality_cancels_the_whole_request(network: Network) -> None:
    """The kiosk's time limit travels to the municipality; what it could not finish in time is
    cancelled there, and the same idempotency key cannot bring it back."""
    site = network.sites[KIYOSHI]
    slow = network.link(KIOSKS[7], timeout=0.05)
    session = login(network.link(KIOSKS[7]), site.cards[adult_resident(site, 9).id])
    items = [OrderItem(certificate_type=T.KOSEKI_ZENBU), OrderItem(certificate_type=T.FUHYO)]
    with pytest.raises(CenterTimeoutError):
        slow.issue(session.token, items, "timeout-key-0001")
    patient = network.link(KIOSKS[7])
    patient.cancel_by_key(session.token, "timeout-key-0001")  # what the kiosk's outbox sends
    with pytest.raises(CenterRefusedError) as refused:
        patient.issue(session.token, items, "timeout-key-0001")
    assert refused.value.reason_code == "request_cancelled"
    row = asyncio.run(network.store.request_by_key(KIOSKS[7], "timeout-key-0001"))
    assert row is not None
    assert row.status == "cancelled"
