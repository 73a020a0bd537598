"""Closing requests: repeated reports, reports after the session ended, cancel by key."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from functools import partial

import pytest

from issuance_contract.certificates import CertificateType
from issuance_contract.errors import CenterError, CenterRefusedError
from issuance_contract.link import CenterLink
from issuance_contract.messages import AuthSession, OrderItem, OutcomeReport
from issuance_server.embedded_link import EmbeddedCenterLink
from issuance_server.registry import Registry
from issuance_server.service import IssuanceService
from issuance_server.settings import ServerSettings
from tests.support.server import full_resident

JUMINHYO = [OrderItem(certificate_type=CertificateType.JUMINHYO)]


def _refused(call: Callable[[], object]) -> str:
    with pytest.raises(CenterRefusedError) as info:
        call()
    return info.value.reason_code


@pytest.fixture
def session(registry: Registry, login: Callable[[str], AuthSession]) -> AuthSession:
    """A resident's live session at the embedded link."""
    return login(full_resident(registry).id)


def test_a_repeated_report_is_idempotent_and_another_outcome_is_refused(
    service: IssuanceService, link: EmbeddedCenterLink, session: AuthSession
) -> None:
    issued = link.issue(session.token, JUMINHYO, "repeat-key-1")
    link.report_outcome(session.token, issued.request_id, OutcomeReport.all_printed(issued))
    link.report_outcome(session.token, issued.request_id, OutcomeReport.all_printed(issued))
    nothing = OutcomeReport(fee_charged_yen=0)
    assert _refused(lambda: link.report_outcome(session.token, issued.request_id, nothing)) == (
        "request_closed"
    )
    row = service.store.issuance(issued.request_id)
    assert row is not None
    assert (row.status, row.fee_charged_yen) == ("printed", 200)


def test_a_document_cut_short_is_logged_printed_with_the_copies_out_and_their_fee(
    service: IssuanceService, link: EmbeddedCenterLink, session: AuthSession
) -> None:
    """住民票 x2 (400 yen): one copy came out whole. The log says printed, 1 of 2, fee 200 —
    not cancelled: a certificate exists on paper."""
    order = [OrderItem(certificate_type=CertificateType.JUMINHYO, copies=2)]
    issued = link.issue(session.token, order, "cut-short-1")
    document = issued.documents[0].document_id
    request = issued.request_id
    bad = [
        OutcomeReport(fee_charged_yen=200, printed_copies={document: 3}),
        OutcomeReport(fee_charged_yen=200, printed_copies={"not-a-document": 1}),
        # the older shape and the new one naming the same document
        OutcomeReport(
            fee_charged_yen=200, printed_copies={document: 1}, printed_documents=[document]
        ),
    ]
    for report in bad:
        assert _refused(partial(link.report_outcome, "", request, report)) == "unknown_document"
    one_copy = OutcomeReport(fee_charged_yen=200, printed_copies={document: 1})
    link.report_outcome(session.token, request, one_copy)
    link.report_outcome("", request, one_copy)  # the outbox's retry: harmless
    every_copy = OutcomeReport.all_printed(issued)
    assert _refused(lambda: link.report_outcome("", request, every_copy)) == "request_closed"
    row = service.store.issuance(request)
    assert row is not None
    assert (row.status, row.fee_charged_yen, row.reply) == ("printed", 200, None)
    [logged] = service.store.documents(request)
    assert (logged.printed, logged.copies_printed, logged.copies) == (True, 1, 2)


def test_an_older_kiosks_report_of_a_whole_document_is_every_copy(
    service: IssuanceService, link: EmbeddedCenterLink, session: AuthSession
) -> None:
    """An older kiosk names the documents every copy of which came out (``printed_documents``):
    the same outcome as the copies counted, so a repeat in either shape is harmless."""
    order = [OrderItem(certificate_type=CertificateType.JUMINHYO, copies=2)]
    issued = link.issue(session.token, order, "by-count-1")
    document = issued.documents[0].document_id
    older = OutcomeReport(fee_charged_yen=400, printed_documents=[document])
    link.report_outcome(session.token, issued.request_id, older)
    link.report_outcome("", issued.request_id, OutcomeReport.all_printed(issued))
    [logged] = service.store.documents(issued.request_id)
    assert logged.copies_printed == 2


def test_the_kiosk_closes_its_request_after_the_session_ended(
    service: IssuanceService, link: EmbeddedCenterLink, session: AuthSession
) -> None:
    issued = link.issue(session.token, JUMINHYO, "after-end-1")
    second = link.issue(session.token, JUMINHYO, "after-end-2")
    link.end_session(session.token)  # ended first: the race of bug 1
    link.report_outcome(session.token, issued.request_id, OutcomeReport.all_printed(issued))
    link.cancel("", second.request_id)  # no token at all: a retry at start-up
    link.cancel("", second.request_id)  # cancelling twice is harmless
    first_row, second_row = (service.store.issuance(r.request_id) for r in (issued, second))
    assert first_row is not None
    assert second_row is not None
    assert (first_row.status, first_row.reply) == ("printed", None)
    assert (second_row.status, second_row.reply) == ("cancelled", None)
    assert service.store.documents(issued.request_id)[0].printed


def test_another_kiosk_or_person_cannot_close_a_request(
    registry: Registry,
    service: IssuanceService,
    link: EmbeddedCenterLink,
    login: Callable[[str], AuthSession],
) -> None:
    a = login(full_resident(registry).id)
    issued = link.issue(a.token, JUMINHYO, "not-yours-1")
    other_kiosk = EmbeddedCenterLink(service, "OTHER-KIOSK")
    assert _refused(lambda: other_kiosk.cancel("", issued.request_id)) == "unknown_request"
    other_kiosk.cancel_by_key("", "not-yours-1")  # its own key space: A's request untouched
    b = login(full_resident(registry, skip=2).id)
    assert _refused(lambda: link.cancel(b.token, issued.request_id)) == "unknown_request"
    row = service.store.issuance(issued.request_id)
    assert row is not None
    assert row.status == "issued"


def test_cancel_by_key_drops_a_request_whose_reply_was_lost(
    service: IssuanceService, link: EmbeddedCenterLink, session: AuthSession
) -> None:
    lost = link.issue(session.token, JUMINHYO, "lost-reply-1")  # the kiosk never saw this
    link.cancel_by_key(session.token, "lost-reply-1")
    link.cancel_by_key("", "lost-reply-1")  # again, from the outbox: harmless
    row = service.store.issuance(lost.request_id)
    assert row is not None
    assert (row.status, row.fee_charged_yen, row.reply) == ("cancelled", 0, None)
    assert _refused(lambda: link.issue(session.token, JUMINHYO, "lost-reply-1")) == (
        "request_cancelled"
    )


def test_cancel_by_key_before_the_request_is_stored_refuses_it_later(
    service: IssuanceService, link: EmbeddedCenterLink, session: AuthSession
) -> None:
    count = service.store.issuance_count()
    link.cancel_by_key(session.token, "not-yet-stored-1")  # the issue is still being rendered
    assert _refused(lambda: link.issue(session.token, JUMINHYO, "not-yet-stored-1")) == (
        "request_cancelled"
    )
    assert not any(
        service.store.documents(r.request_id)
        for r in service.store.issuances_since(service.now().replace(year=2000))
    )
    assert service.store.issuance_count() == count + 1  # only the cancelled key


def test_cancel_by_key_of_a_printed_request_is_refused(
    registry: Registry,
    link: EmbeddedCenterLink,
    login: Callable[[str], AuthSession],
) -> None:
    session = login(full_resident(registry).id)
    issued = link.issue(session.token, JUMINHYO, "printed-key-1")
    link.report_outcome(session.token, issued.request_id, OutcomeReport.all_printed(issued))
    assert _refused(lambda: link.cancel_by_key("", "printed-key-1")) == "request_closed"
    assert _refused(lambda: link.cancel_by_key("", "short")) == "bad_idempotency_key"


def test_a_link_without_cancel_by_key_raises_a_center_error(link: EmbeddedCenterLink) -> None:
    with pytest.raises(CenterError, match="cannot cancel by idempotency key"):
        CenterLink.cancel_by_key(link, "", "some-key-123")  # the base class's fallback


def test_a_fee_other_than_that_of_the_copies_printed_is_refused_and_the_request_stays_open(
    service: IssuanceService, link: EmbeddedCenterLink, session: AuthSession
) -> None:
    """住民票 x2 + 印鑑 (200 yen a copy each): the fee reported must be 200 × the copies out,
    not merely at most the request's 600 yen."""
    order = [
        OrderItem(certificate_type=CertificateType.JUMINHYO, copies=2),
        OrderItem(certificate_type=CertificateType.INKAN),
    ]
    issued = link.issue(session.token, order, "fee-check-1")
    juminhyo, inkan = (d.document_id for d in issued.documents)
    request = issued.request_id
    assert [d.copy_fee_yen for d in service.store.documents(request)] == [200, 200]
    wrong = [
        OutcomeReport(fee_charged_yen=400, printed_copies={juminhyo: 1}),  # the fee of 2 kept
        OutcomeReport(fee_charged_yen=0, printed_copies={juminhyo: 1}),  # a copy for free
        OutcomeReport(fee_charged_yen=0, printed_copies={inkan: 1}),  # a document for free
        OutcomeReport(fee_charged_yen=0, printed_documents=[inkan]),  # the same, older shape
        OutcomeReport(fee_charged_yen=200),  # nothing out, a fee kept
        OutcomeReport(fee_charged_yen=500, printed_copies={juminhyo: 2, inkan: 1}),  # less
    ]
    for report in wrong:
        with pytest.raises(CenterRefusedError) as refused:
            link.report_outcome(session.token, request, report)
        assert refused.value.reason_code == "bad_fee"
        assert f"{report.fee_charged_yen} yen charged" in refused.value.detail
    row = service.store.issuance(request)
    assert row is not None
    assert (row.status, row.fee_charged_yen) == ("issued", None)  # not closed by a refused one
    assert [d.copies_printed for d in service.store.documents(request)] == [0, 0]
    link.report_outcome(
        session.token,
        request,
        OutcomeReport(fee_charged_yen=400, printed_copies={inkan: 1, juminhyo: 1}),
    )
    row = service.store.issuance(request)
    assert row is not None
    assert (row.status, row.fee_charged_yen) == ("printed", 400)


def test_a_request_ordered_before_copy_fees_were_kept_is_only_bounded_by_its_total(
    service: IssuanceService,
    settings: ServerSettings,
    link: EmbeddedCenterLink,
    session: AuthSession,
) -> None:
    order = [OrderItem(certificate_type=CertificateType.JUMINHYO, copies=2)]
    issued = link.issue(session.token, order, "old-fee-1")
    [document] = issued.documents
    path = settings.database.removeprefix("sqlite:///")
    with closing(sqlite3.connect(path)) as db, db:  # as a row of an older server left it
        db.execute("UPDATE issued_documents SET copy_fee_yen = NULL")
    [row] = service.store.documents(issued.request_id)
    assert row.copy_fee_yen is None
    one_copy = {document.document_id: 1}
    with pytest.raises(CenterRefusedError) as refused:
        link.report_outcome(
            "", issued.request_id, OutcomeReport(fee_charged_yen=500, printed_copies=one_copy)
        )
    assert refused.value.reason_code == "bad_fee"  # more than the request's total
    # the old check only
    link.report_outcome(
        "", issued.request_id, OutcomeReport(fee_charged_yen=300, printed_copies=one_copy)
    )
    closed = service.store.issuance(issued.request_id)
    assert closed is not None
    assert (closed.status, closed.fee_charged_yen) == ("printed", 300)
