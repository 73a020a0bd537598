"""Store kiosks through the relay center: routing by card and by choice, binding, sealing."""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import sqlite3
from collections.abc import Sequence
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from issuance_contract.certificates import CertificateType
from issuance_contract.errors import CenterRefusedError
from issuance_contract.issuance_status import IssuanceStatus
from issuance_contract.messages import IssueRequest, OrderItem, OutcomeReport, Route
from issuance_contract.sealing import public_bytes
from issuance_server.demo_movers import movers
from kiosk_app.center.https_link import client_ssl_context
from tests.issuance_center.conftest import (
    KIOSKS,
    KIYOSHI,
    MIHON,
    SHIKEN,
    Network,
    adult_resident,
    login,
    sign,
)
from tests.support.people import demo_person, non_resident

JUMINHYO = OrderItem(certificate_type=CertificateType.JUMINHYO)


def test_the_directory_lists_every_enabled_municipality_and_what_it_offers(
    network: Network,
) -> None:
    entries = {m.code: m for m in network.link().directory().municipalities}
    assert set(entries) == {KIYOSHI, MIHON, SHIKEN}
    assert entries[MIHON].name == "見本町"
    assert entries[MIHON].honseki
    assert not entries[SHIKEN].honseki
    assert not entries[SHIKEN].registration


@pytest.mark.parametrize("code", [KIYOSHI, MIHON, SHIKEN])
def test_a_residence_session_goes_to_the_municipality_of_the_card(
    network: Network, code: str
) -> None:
    site = network.sites[code]
    person = adult_resident(site)
    session = login(network.link(), site.cards[person.id])
    assert (session.municipality_code, session.applicant_id) == (code, person.id)
    fees = {o.certificate_type: o.fee_yen for o in session.offers}
    assert fees[CertificateType.JUMINHYO] == site.demo.fees[CertificateType.JUMINHYO]


def test_the_kiosk_cannot_steer_a_residence_session_elsewhere(network: Network) -> None:
    """住所地 is routed by the card certificate only: a code sent along is ignored."""
    site = network.sites[MIHON]
    card = site.cards[adult_resident(site).id]
    session = login(network.link(), card, Route.RESIDENCE, KIYOSHI)
    assert session.municipality_code == MIHON


def test_a_honseki_session_goes_to_the_municipality_picked(network: Network) -> None:
    """The picked municipality decides: a resident of 見本町 is not known at 架空市."""
    site = network.sites[MIHON]
    card = site.cards[adult_resident(site).id]
    with pytest.raises(CenterRefusedError) as refused:
        login(network.link(), card, Route.HONSEKI, KIYOSHI)
    assert refused.value.reason_code == "unknown_card"
    session = login(network.link(), card, Route.HONSEKI, MIHON)
    assert session.municipality_code == MIHON


def test_a_municipality_without_honseki_service_is_refused_by_the_center(
    network: Network,
) -> None:
    site = network.sites[SHIKEN]
    card = site.cards[adult_resident(site).id]
    with pytest.raises(CenterRefusedError) as refused:
        login(network.link(), card, Route.HONSEKI, SHIKEN)
    assert refused.value.reason_code == "not_offered"


def test_a_card_of_a_non_resident_has_no_residence_route(network: Network) -> None:
    site = network.sites[KIYOSHI]
    moved = {m.person.id for m in movers()}  # they live in another demo one
    elsewhere = demo_person(
        site.registry,
        dt.datetime.now(dt.UTC),
        lambda p: non_resident(p) and p.id not in moved,
        min_age=0,
    )
    card = site.cards[elsewhere.id]
    with pytest.raises(CenterRefusedError) as refused:
        network.link().start_routed_authentication(
            Route.RESIDENCE, card.keys().auth_certificate_der
        )
    assert refused.value.reason_code == "card_not_in_directory"


def test_the_center_refuses_an_expired_card_certificate_before_relaying(
    network: Network,
) -> None:
    site = network.sites[KIYOSHI]
    expired = next(c for c in site.registry.cards if c.not_after.year < 2025)
    card = site.cards[expired.person_id]
    with pytest.raises(CenterRefusedError) as refused:
        network.link().start_routed_authentication(
            Route.RESIDENCE, card.keys().auth_certificate_der
        )
    assert refused.value.reason_code == "expired_certificate"


def test_a_challenge_is_bound_to_its_kiosk_and_its_card(network: Network) -> None:
    site = network.sites[KIYOSHI]
    card, other = (site.cards[adult_resident(site, n).id] for n in (0, 1))
    der = card.keys().auth_certificate_der
    challenge = network.link(KIOSKS[0]).start_routed_authentication(Route.RESIDENCE, der)
    with pytest.raises(CenterRefusedError) as refused:
        network.link(KIOSKS[1]).authenticate(
            challenge.challenge_id, der, sign(card, challenge.nonce)
        )
    assert refused.value.reason_code == "wrong_kiosk"
    challenge = network.link(KIOSKS[0]).start_routed_authentication(Route.RESIDENCE, der)
    with pytest.raises(CenterRefusedError) as refused:
        network.link(KIOSKS[0]).authenticate(
            challenge.challenge_id,
            other.keys().auth_certificate_der,
            sign(other, challenge.nonce),
        )
    assert refused.value.reason_code == "bad_certificate"


def test_a_session_is_usable_only_by_the_kiosk_that_opened_it(network: Network) -> None:
    site = network.sites[MIHON]
    session = login(network.link(KIOSKS[2]), site.cards[adult_resident(site, 2).id])
    with pytest.raises(CenterRefusedError) as refused:
        network.link(KIOSKS[3]).issue(session.token, [JUMINHYO], "other-kiosk-key-1")
    assert refused.value.reason_code == "wrong_kiosk"


def test_an_ended_session_leaves_no_route_and_its_token_is_refused(network: Network) -> None:
    site = network.sites[MIHON]
    link = network.link(KIOSKS[4])
    session = login(link, site.cards[adult_resident(site, 3).id])
    assert asyncio.run(network.store.session(session.token)) is not None
    link.end_session(session.token)
    assert asyncio.run(network.store.session(session.token)) is None  # forgotten before the reply
    with pytest.raises(CenterRefusedError) as refused:
        link.issue(session.token, [JUMINHYO], "ended-key-0001")
    assert refused.value.reason_code == "invalid_session"
    assert asyncio.run(network.store.request_by_key(KIOSKS[4], "ended-key-0001")) is None


def test_documents_cross_the_center_sealed_and_open_only_for_the_kiosk(
    network: Network,
) -> None:
    site = network.sites[MIHON]
    person = adult_resident(site, 3)
    link = network.link(KIOSKS[4])
    session = login(link, site.cards[person.id])
    issuance = link.issue(session.token, [JUMINHYO], "sealed-order-0001")
    document = issuance.documents[0]
    assert document.pdf.startswith(b"%PDF")
    assert document.applicant_id == person.id
    # What the center relays, seen on the wire with the kiosk's key: sealed, not a PDF.
    cert, key = network.tls.kiosk(KIOSKS[4])
    session2 = login(link, site.cards[person.id])
    body = IssueRequest(items=[JUMINHYO], recipient_key=public_bytes(X25519PrivateKey.generate()))
    with httpx.Client(verify=client_ssl_context(cert, key, network.tls.ca)) as raw:
        reply = raw.post(
            f"{network.url}/v1/issuances",
            content=body.model_dump_json(),
            headers={
                "Authorization": f"Bearer {session2.token}",
                "Idempotency-Key": "sealed-order-0002",
                "Content-Type": "application/json",
            },
        )
    assert reply.status_code == 201, reply.text
    relayed = reply.json()
    assert relayed["sealed_by"]
    sealed = base64.urlsafe_b64decode(relayed["documents"][0]["pdf"])
    assert not sealed.startswith(b"%PDF")
    assert b"%PDF" not in sealed
    assert "JVBER" not in reply.text  # no base64 "%PDF" anywhere in the reply
    # The center's database holds routing metadata only: no PDF, no name, no token.
    database = network.store.db._target
    dump = "\n".join(sqlite3.connect(database).iterdump())
    for secret in (person.full_name, person.family_name, session.token, "%PDF", "JVBER"):
        assert secret not in dump


def test_the_same_key_from_two_kiosks_are_two_requests(network: Network) -> None:
    site = network.sites[KIYOSHI]
    a = network.link(KIOSKS[5])
    b = network.link(KIOSKS[6])
    first = a.issue(
        login(a, site.cards[adult_resident(site, 4).id]).token, [JUMINHYO], "same-key-123"
    )
    token_b = login(b, site.cards[adult_resident(site, 5).id]).token
    second = b.issue(token_b, [JUMINHYO], "same-key-123")
    assert first.request_id != second.request_id
    again = b.issue(token_b, [JUMINHYO], "same-key-123")  # a retry: the same request back
    assert again.request_id == second.request_id


def test_a_key_used_again_for_another_municipality_is_refused(network: Network) -> None:
    link = network.link(KIOSKS[7])
    kiyoshi, mihon = network.sites[KIYOSHI], network.sites[MIHON]
    first = link.issue(
        login(link, kiyoshi.cards[adult_resident(kiyoshi, 6).id]).token, [JUMINHYO], "twice-key-01"
    )
    token = login(link, mihon.cards[adult_resident(mihon, 6).id]).token
    with pytest.raises(CenterRefusedError) as refused:
        link.issue(token, [JUMINHYO], "twice-key-01")
    assert refused.value.reason_code == "idempotency_key_reused"
    row = asyncio.run(network.store.request_by_key(KIOSKS[7], "twice-key-01"))
    assert row is not None
    assert (row.municipality, row.request_id) == (KIYOSHI, first.request_id)


def test_a_session_cannot_be_ended_by_another_kiosk(network: Network) -> None:
    site = network.sites[SHIKEN]
    owner = network.link(KIOSKS[1])
    session = login(owner, site.cards[adult_resident(site, 7).id])
    with pytest.raises(CenterRefusedError) as refused:
        network.link(KIOSKS[2]).end_session(session.token)
    assert refused.value.reason_code == "wrong_kiosk"
    assert asyncio.run(network.store.session(session.token)) is not None  # still routed
    owner.issue(session.token, [JUMINHYO], "still-mine-01")


def test_an_issue_and_an_end_wait_for_one_statement_each_and_an_outcome_for_none(
    network: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The session is checked in the statement that opens the request, and found in the one
    that forgets it; the outcome's request is the one this worker issued: each database round
    trip before the relay is added latency."""
    site = network.sites[MIHON]
    link = network.link(KIOSKS[5])
    session = login(link, site.cards[adult_resident(site, 8).id])
    statements: list[str] = []
    fetch = network.store.db.fetch

    async def counted(sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        statements.append(sql.split()[0])
        return await fetch(sql, params)

    monkeypatch.setattr(network.store.db, "fetch", counted)
    issuance = link.issue(session.token, [JUMINHYO], "one-statement-01")
    assert statements == ["INSERT", "UPDATE"]  # opened (session checked), then issued
    statements.clear()
    link.report_outcome(session.token, issuance.request_id, OutcomeReport.all_printed(issuance))
    assert statements == ["UPDATE"]  # closed; nothing read before it was relayed
    row = asyncio.run(network.store.request(issuance.request_id))
    assert row is not None
    assert (row.status, row.fee_charged_yen) == (IssuanceStatus.PRINTED, issuance.total_fee_yen)
    statements.clear()
    link.end_session(session.token)
    assert statements == ["DELETE"]
    assert asyncio.run(network.store.session(session.token)) is None


def test_an_order_without_a_kiosk_key_is_not_relayed(network: Network) -> None:
    """Through the center every PDF must come sealed: an order with no key is refused."""
    site = network.sites[KIYOSHI]
    session = login(network.link(KIOSKS[3]), site.cards[adult_resident(site, 10).id])
    cert, key = network.tls.kiosk(KIOSKS[3])
    body = IssueRequest(items=[JUMINHYO])
    with httpx.Client(verify=client_ssl_context(cert, key, network.tls.ca)) as raw:
        reply = raw.post(
            f"{network.url}/v1/issuances",
            content=body.model_dump_json(),
            headers={
                "Authorization": f"Bearer {session.token}",
                "Idempotency-Key": "unsealed-0001",
                "Content-Type": "application/json",
            },
        )
    assert reply.status_code == 422
    assert reply.json()["reason_code"] == "bad_request"
    assert asyncio.run(network.store.request_by_key(KIOSKS[3], "unsealed-0001")) is None
