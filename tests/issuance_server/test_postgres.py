"""The PostgreSQL store: the same service on a private cluster, shared by two server processes."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import msgspec
import psycopg
import pytest

from issuance_contract.certificates import CertificateType
from issuance_contract.errors import CenterRefusedError
from issuance_contract.messages import Issuance, OrderItem, OutcomeReport, RegistrationState
from issuance_server.demo_data import DemoCard
from issuance_server.embedded_link import EmbeddedCenterLink
from issuance_server.registry import Registry
from issuance_server.service import IssuanceService, open_service
from issuance_server.settings import demo_settings
from issuance_server.storage import Store
from tests.stacks.postgres import PostgresStack
from tests.support.server import (
    KIOSK,
    NOW,
    Clock,
    full_resident,
    non_resident,
    registration_form,
    sign,
)

pytestmark = pytest.mark.integration


@pytest.fixture
def pair(
    postgres: PostgresStack, pki_dir: Path
) -> Iterator[tuple[IssuanceService, IssuanceService]]:
    """Two services (as two server processes would be) on one fresh PostgreSQL database."""
    settings = msgspec.structs.replace(demo_settings(pki_dir), database=postgres.new_database())
    first = open_service(settings, clock=Clock())
    second = open_service(settings, clock=Clock())
    yield first, second
    first.store.close()
    second.store.close()


def _login(service: IssuanceService, card: DemoCard) -> str:
    challenge = service.start_authentication(KIOSK)
    return service.authenticate(
        KIOSK, challenge.challenge_id, card.keys().auth_certificate_der, sign(card, challenge.nonce)
    ).token


def test_the_whole_flow_on_postgresql(
    pair: tuple[IssuanceService, IssuanceService], registry: Registry, cards: dict[str, DemoCard]
) -> None:
    service, _ = pair
    assert service.store.dialect == "postgresql"
    link = EmbeddedCenterLink(service, KIOSK)
    person = full_resident(registry)
    token = _login(service, cards[person.id])
    items = [OrderItem(certificate_type=CertificateType.INKAN)]
    issuance = link.issue(token, items, "pg-flow-0001")
    assert link.issue(token, items, "pg-flow-0001") == issuance
    link.report_outcome(token, issuance.request_id, OutcomeReport.all_printed(issuance))
    row = service.store.issuance(issuance.request_id)
    assert row is not None
    assert (row.status, row.fee_charged_yen) == ("printed", 200)
    away = non_resident(registry)
    card = cards[away.id]
    form = registration_form(away, card, registry)
    number = link.submit_registration(_login(service, card), form)
    assert service.store.decide_registration(int(number), RegistrationState.APPROVED, None, NOW)
    assert link.registration_status(number).state is RegistrationState.APPROVED


def test_two_servers_share_nonces_and_idempotency_keys(
    pair: tuple[IssuanceService, IssuanceService], registry: Registry, cards: dict[str, DemoCard]
) -> None:
    a, b = pair
    card = cards[full_resident(registry, skip=1).id]
    challenge = a.start_authentication(KIOSK)
    der, signature = card.keys().auth_certificate_der, sign(card, challenge.nonce)
    token = b.authenticate(KIOSK, challenge.challenge_id, der, signature).token
    with pytest.raises(CenterRefusedError) as info:
        a.authenticate(KIOSK, challenge.challenge_id, der, signature)
    assert info.value.reason_code == "replayed_nonce"
    items = [OrderItem(certificate_type=CertificateType.JUMINHYO)]
    results: list[Issuance] = []
    barrier = threading.Barrier(2)

    def issue(service: IssuanceService) -> None:
        barrier.wait(10)
        results.append(service.issue(KIOSK, token, items, "pg-shared-key-1"))

    threads = [threading.Thread(target=issue, args=(s,)) for s in (a, b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(results) == 2
    assert results[0] == results[1]
    assert a.store.issuance_count() == 1


def test_a_nonce_raced_by_many_threads_is_used_once(
    pair: tuple[IssuanceService, IssuanceService], registry: Registry, cards: dict[str, DemoCard]
) -> None:
    a, b = pair
    card = cards[full_resident(registry, skip=2).id]
    challenge = a.start_authentication(KIOSK)
    der, signature = card.keys().auth_certificate_der, sign(card, challenge.nonce)
    outcomes: list[str] = []
    barrier = threading.Barrier(8)

    def attempt(service: IssuanceService) -> None:
        barrier.wait(10)
        try:
            service.authenticate(KIOSK, challenge.challenge_id, der, signature)
            outcomes.append("ok")
        except CenterRefusedError as exc:
            outcomes.append(exc.reason_code)

    threads = [threading.Thread(target=attempt, args=((a, b)[n % 2],)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(outcomes) == ["ok"] + ["replayed_nonce"] * 7


def test_a_fee_other_than_that_of_the_copies_printed_is_refused_on_postgresql(
    pair: tuple[IssuanceService, IssuanceService], registry: Registry, cards: dict[str, DemoCard]
) -> None:
    service, other = pair
    link = EmbeddedCenterLink(service, KIOSK)
    token = _login(service, cards[full_resident(registry).id])
    order = [OrderItem(certificate_type=CertificateType.JUMINHYO, copies=2)]
    issuance = link.issue(token, order, "pg-fee-0001")
    [document] = issuance.documents
    one_copy = {document.document_id: 1}
    too_much = OutcomeReport(fee_charged_yen=400, printed_copies=one_copy)  # 2 copies' fee
    with pytest.raises(CenterRefusedError) as refused:
        EmbeddedCenterLink(other, KIOSK).report_outcome("", issuance.request_id, too_much)
    assert refused.value.reason_code == "bad_fee"
    row = service.store.issuance(issuance.request_id)
    assert row is not None
    assert (row.status, row.fee_charged_yen) == ("issued", None)
    link.report_outcome(
        token, issuance.request_id, OutcomeReport(fee_charged_yen=200, printed_copies=one_copy)
    )
    [logged] = other.store.documents(issuance.request_id)
    assert (logged.copies_printed, logged.copy_fee_yen) == (1, 200)


def test_a_postgresql_log_made_before_copy_fees_were_kept_is_upgraded(
    postgres: PostgresStack,
) -> None:
    url = postgres.new_database()
    with psycopg.connect(url, autocommit=True) as old:
        old.execute(
            "CREATE TABLE issued_documents (document_id TEXT PRIMARY KEY,"
            " request_id TEXT NOT NULL, applicant_id TEXT NOT NULL,"
            " certificate_type TEXT NOT NULL, copies INTEGER NOT NULL, pages INTEGER NOT NULL,"
            " subjects TEXT NOT NULL, printed INTEGER NOT NULL, copies_printed INTEGER)"
        )
        old.execute(
            "INSERT INTO issued_documents VALUES ('d1', 'r1', 'a', 'juminhyo', 2, 1, 'a', 0, NULL)"
        )
    store = Store(url)
    try:
        [row] = store.documents("r1")
        assert (row.copies, row.copy_fee_yen) == (2, None)  # the old check applies to it
    finally:
        store.close()
