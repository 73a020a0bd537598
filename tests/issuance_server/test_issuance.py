"""Issuing: documents bound to one request and applicant, idempotency, whole-request cancel."""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from issuance_contract.certificates import CertificateType
from issuance_contract.errors import CenterRefusedError, CenterTimeoutError
from issuance_contract.messages import AuthSession, OrderItem, OutcomeReport
from issuance_server.embedded_link import EmbeddedCenterLink
from issuance_server.registry import Registry
from issuance_server.service import IssuanceService
from issuance_server.storage import Store
from tests.support.server import KIOSK, Clock, full_resident


def _text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_every_document_carries_its_request_and_applicant(
    registry: Registry, link: EmbeddedCenterLink, login: Callable[[str], AuthSession]
) -> None:
    person = full_resident(registry)
    session = login(person.id)
    items = [
        OrderItem(certificate_type=CertificateType.JUMINHYO, copies=2),
        OrderItem(certificate_type=CertificateType.INKAN),
    ]
    issuance = link.issue(session.token, items, "request-0001")
    assert issuance.total_fee_yen == 200 * 2 + 200
    assert len({d.document_id for d in issuance.documents}) == 2
    for document in issuance.documents:
        assert document.request_id == issuance.request_id
        assert document.applicant_id == person.id
        meta = PdfReader(io.BytesIO(document.pdf)).metadata
        assert meta is not None
        assert f"request_id={issuance.request_id}" in str(meta.subject)
        assert f"applicant_id={person.id}" in str(meta.subject)
        assert f"document_id={document.document_id}" in str(meta.subject)
        text = _text(document.pdf)
        assert person.given_name in text
        assert document.document_id not in text  # internal ids: metadata and back, not front


def test_the_same_idempotency_key_returns_the_same_reply(
    registry: Registry,
    service: IssuanceService,
    link: EmbeddedCenterLink,
    login: Callable[[str], AuthSession],
) -> None:
    session = login(full_resident(registry).id)
    items = [OrderItem(certificate_type=CertificateType.JUMINHYO)]
    first = link.issue(session.token, items, "same-key-1")
    again = link.issue(session.token, items, "same-key-1")
    assert again == first
    assert service.store.issuance_count() == 1
    other = link.issue(session.token, items, "other-key-1")
    assert other.request_id != first.request_id


def test_a_key_reused_with_another_order_is_refused(
    registry: Registry,
    service: IssuanceService,
    link: EmbeddedCenterLink,
    login: Callable[[str], AuthSession],
) -> None:
    session = login(full_resident(registry).id)
    first = [OrderItem(certificate_type=CertificateType.JUMINHYO)]
    link.issue(session.token, first, "reused-key-1")
    for other in (
        [OrderItem(certificate_type=CertificateType.INKAN)],
        [OrderItem(certificate_type=CertificateType.JUMINHYO, copies=2)],
        [OrderItem(certificate_type=CertificateType.JUMINHYO, options={"scope": "all"})],
    ):
        with pytest.raises(CenterRefusedError) as info:
            link.issue(session.token, other, "reused-key-1")
        assert info.value.reason_code == "idempotency_key_mismatch"
    assert service.store.issuance_count() == 1


def test_a_database_made_before_order_digests_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as old:
        old.execute(
            "CREATE TABLE issuances (request_id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL,"
            " person_id TEXT NOT NULL, idempotency_key TEXT NOT NULL, created_at TEXT NOT NULL,"
            " status TEXT NOT NULL, total_fee_yen INTEGER NOT NULL, fee_charged_yen INTEGER,"
            " reply BLOB, UNIQUE (kiosk_id, idempotency_key))"
        )
        old.execute(
            "INSERT INTO issuances VALUES ('r1', 'K', 'p', 'old-key-1',"
            " '2026-01-01T00:00:00+00:00', 'issued', 200, NULL, NULL)"
        )
    old.close()
    store = Store(f"sqlite:///{path}")
    try:
        row = store.issuance("r1")
        assert row is not None
        assert row.request_digest == ""  # an older request: replayed as before
    finally:
        store.close()


def test_a_log_made_before_copies_were_counted_reads_printed_documents_whole(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as old:
        old.execute(
            "CREATE TABLE issued_documents (document_id TEXT PRIMARY KEY,"
            " request_id TEXT NOT NULL, applicant_id TEXT NOT NULL,"
            " certificate_type TEXT NOT NULL, copies INTEGER NOT NULL, pages INTEGER NOT NULL,"
            " subjects TEXT NOT NULL, printed INTEGER NOT NULL)"
        )
        old.execute(
            "INSERT INTO issued_documents VALUES ('d1', 'r1', 'a', 'juminhyo', 2, 1, 'a', 1)"
        )
        old.execute("INSERT INTO issued_documents VALUES ('d2', 'r1', 'a', 'inkan', 1, 1, 'a', 0)")
    old.close()
    store = Store(f"sqlite:///{path}")
    try:
        printed, not_printed = store.documents("r1")
        assert (printed.document_id, printed.copies_printed, printed.printed) == ("d1", 2, True)
        assert (not_printed.copies_printed, not_printed.printed) == (0, False)
        assert [printed.copy_fee_yen, not_printed.copy_fee_yen] == [None, None]  # column added
    finally:
        store.close()


def test_another_persons_key_is_not_replayed_to_them(
    registry: Registry, link: EmbeddedCenterLink, login: Callable[[str], AuthSession]
) -> None:
    items = [OrderItem(certificate_type=CertificateType.JUMINHYO)]
    a = login(full_resident(registry).id)
    link.issue(a.token, items, "shared-key-1")
    b = login(full_resident(registry, skip=3).id)
    with pytest.raises(CenterRefusedError) as info:
        link.issue(b.token, items, "shared-key-1")
    assert info.value.reason_code == "idempotency_key_reused"


def test_a_passed_deadline_cancels_the_whole_request_and_stores_nothing(
    registry: Registry, service: IssuanceService, login: Callable[[str], AuthSession]
) -> None:
    session = login(full_resident(registry).id)
    items = [OrderItem(certificate_type=CertificateType.KOSEKI_ZENBU)] * 3
    with pytest.raises(CenterTimeoutError):
        service.issue(KIOSK, session.token, items, "slow-request", deadline=time.monotonic())
    assert service.store.issuance_count() == 0
    assert service.store.issuance_by_key(KIOSK, "slow-request") is None


@pytest.mark.parametrize(
    ("item", "reason"),
    [
        (
            OrderItem(certificate_type=CertificateType.JUMINHYO, options={"colour": 1}),
            "bad_options",
        ),
        (
            OrderItem(
                certificate_type=CertificateType.JUMINHYO,
                options={"scope": "selected", "members": ["P9999"]},
            ),
            "bad_member",
        ),
        (
            OrderItem(
                certificate_type=CertificateType.KOSEKI_KOJIN, options={"members": ["P0001"]}
            ),
            "bad_member",
        ),
        (
            OrderItem(certificate_type=CertificateType.JUMINHYO, options={"honseki": "yes"}),
            "bad_options",
        ),
    ],
)
def test_bad_orders_are_refused_whole(
    registry: Registry,
    service: IssuanceService,
    link: EmbeddedCenterLink,
    login: Callable[[str], AuthSession],
    item: OrderItem,
    reason: str,
) -> None:
    person = full_resident(registry, skip=5)
    assert person.id != "P0001"
    session = login(person.id)
    good = OrderItem(certificate_type=CertificateType.INKAN)
    with pytest.raises(CenterRefusedError) as info:
        link.issue(session.token, [good, item], "bad-order-1")
    assert info.value.reason_code == reason
    assert service.store.issuance_count() == 0


def test_outcome_and_cancel_are_recorded_for_the_owner_only(
    registry: Registry,
    service: IssuanceService,
    link: EmbeddedCenterLink,
    login: Callable[[str], AuthSession],
) -> None:
    a = login(full_resident(registry).id)
    issued = link.issue(
        a.token, [OrderItem(certificate_type=CertificateType.JUMINHYO)], "own-key-1"
    )
    b = login(full_resident(registry, skip=2).id)
    with pytest.raises(CenterRefusedError) as info:
        link.report_outcome(b.token, issued.request_id, OutcomeReport(fee_charged_yen=0))
    assert info.value.reason_code == "unknown_request"
    document = issued.documents[0].document_id
    with pytest.raises(CenterRefusedError) as info:
        link.report_outcome(
            a.token,
            issued.request_id,
            OutcomeReport(fee_charged_yen=210, printed_copies={document: 1}),
        )
    assert info.value.reason_code == "bad_fee"
    link.report_outcome(a.token, issued.request_id, OutcomeReport.all_printed(issued))
    row = service.store.issuance(issued.request_id)
    assert row is not None
    assert (row.status, row.fee_charged_yen, row.reply) == ("printed", 200, None)
    assert service.store.documents(issued.request_id)[0].printed
    with pytest.raises(CenterRefusedError):
        link.cancel(a.token, issued.request_id)
    second = link.issue(
        a.token, [OrderItem(certificate_type=CertificateType.JUMINHYO)], "own-key-2"
    )
    link.cancel(a.token, second.request_id)
    with pytest.raises(CenterRefusedError) as info:
        link.issue(a.token, [OrderItem(certificate_type=CertificateType.JUMINHYO)], "own-key-2")
    assert info.value.reason_code == "request_cancelled"


def test_stored_replies_are_dropped_once_no_session_can_use_them(
    registry: Registry,
    service: IssuanceService,
    link: EmbeddedCenterLink,
    login: Callable[[str], AuthSession],
    clock: Clock,
) -> None:
    session = login(full_resident(registry).id)
    issued = link.issue(
        session.token, [OrderItem(certificate_type=CertificateType.INKAN)], "keep-reply-1"
    )
    clock.now += dt.timedelta(seconds=service.settings.session_seconds + 1)
    link.start_authentication()
    row = service.store.issuance(issued.request_id)
    assert row is not None
    assert row.reply is None
    assert row.status == "issued"


def test_empty_and_oversized_orders_are_refused(
    registry: Registry, link: EmbeddedCenterLink, login: Callable[[str], AuthSession]
) -> None:
    session = login(full_resident(registry).id)
    for items in ([], [OrderItem(certificate_type=CertificateType.INKAN)] * 6):
        with pytest.raises(CenterRefusedError) as info:
            link.issue(session.token, items, "size-check-1")
        assert info.value.reason_code == "bad_request"
