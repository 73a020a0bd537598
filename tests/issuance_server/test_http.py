"""The HTTP API over mutual TLS: the https link, refusals as 4xx, time limits, idempotency."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import httpx
import msgspec
import pytest

from issuance_contract.certificates import CertificateType
from issuance_contract.errors import CenterRefusedError, CenterTimeoutError, CenterUnavailableError
from issuance_contract.messages import OrderItem, OutcomeReport
from issuance_server.cli import main
from issuance_server.demo_data import DemoCard
from issuance_server.http_api import create_app
from issuance_server.registry import Registry
from issuance_server.tls_demo import make_demo_tls
from kiosk_app.center.https_link import HttpsCenterLink, client_ssl_context
from tests.support.server import KIOSKS, Center, full_resident, sign


def _login(link: HttpsCenterLink, card: DemoCard) -> str:
    challenge = link.start_authentication()
    keys = card.keys()
    return link.authenticate(
        challenge.challenge_id, keys.auth_certificate_der, sign(card, challenge.nonce)
    ).token


def _raw_client(center: Center, kiosk_id: str | None = KIOSKS[1]) -> httpx.Client:
    if kiosk_id is None:
        import ssl

        context = ssl.create_default_context(cafile=str(center.tls.ca))
    else:
        cert, key = center.tls.kiosk(kiosk_id)
        context = client_ssl_context(cert, key, center.tls.ca)
    return httpx.Client(base_url=center.url, verify=context, timeout=20)


def test_the_openapi_document_is_printed_not_served(
    center: Center, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["openapi", "--data-dir", str(center.service.settings.data_dir)]) == 0
    spec = json.loads(capsys.readouterr().out)
    assert {"/v1/challenges", "/v1/sessions", "/v1/issuances", "/v1/registrations"} <= set(
        spec["paths"]
    )
    assert "Idempotency-Key" in json.dumps(spec["paths"]["/v1/issuances"])
    with _raw_client(center) as client:
        for path in ("/docs", "/redoc", "/openapi.json", "/healthz"):
            assert client.get(path).status_code == 404, path


def test_health_is_answered_on_loopback_without_tls(center: Center) -> None:
    assert center.health_port is not None
    health = httpx.get(f"http://127.0.0.1:{center.health_port}/healthz", timeout=5)
    assert (health.status_code, health.json()) == (200, {"status": "ok"})
    other = httpx.get(f"http://127.0.0.1:{center.health_port}/v1/registrations/1", timeout=5)
    assert other.status_code == 404


def test_api_docs_are_published_only_when_asked(center: Center) -> None:
    async def statuses(docs: bool) -> list[int]:
        transport = httpx.ASGITransport(app=create_app(center.service, None, docs=docs))
        async with httpx.AsyncClient(transport=transport, base_url="https://test") as client:
            return [(await client.get(path)).status_code for path in ("/openapi.json", "/docs")]

    assert asyncio.run(statuses(docs=False)) == [404, 404]
    assert asyncio.run(statuses(docs=True)) == [200, 200]


def test_the_whole_flow_over_https(
    center: Center, registry: Registry, cards: dict[str, DemoCard]
) -> None:
    person = full_resident(registry)
    link = center.link()
    try:
        token = _login(link, cards[person.id])
        items = [OrderItem(certificate_type=CertificateType.INKAN)]
        issuance = link.issue(token, items, "https-flow-1")
        assert issuance.documents[0].applicant_id == person.id
        assert link.issue(token, items, "https-flow-1") == issuance
        link.report_outcome(token, issuance.request_id, OutcomeReport.all_printed(issuance))
        assert link.registration_status("00000000").state.value == "unknown"
        link.end_session(token)
        with pytest.raises(CenterRefusedError) as info:
            link.issue(token, items, "https-flow-2")
        assert info.value.reason_code == "invalid_session"
    finally:
        link.close()


def test_no_client_certificate_is_refused_at_the_handshake(center: Center) -> None:
    with _raw_client(center, kiosk_id=None) as client, pytest.raises(httpx.TransportError):
        client.post("/v1/challenges")


def test_a_kiosk_not_on_the_list_is_a_403(center: Center) -> None:
    link = center.link("ROGUE-KIOSK")
    try:
        with pytest.raises(CenterRefusedError) as info:
            link.start_authentication()
        assert info.value.reason_code == "unknown_kiosk"
    finally:
        link.close()


def test_a_certificate_from_another_ca_cannot_connect(center: Center, tmp_path: Path) -> None:
    other = make_demo_tls(tmp_path / "other", [KIOSKS[0]])
    cert, key = other.kiosk(KIOSKS[0])
    link = HttpsCenterLink(center.url, KIOSKS[0], cert, key, center.tls.ca)
    try:
        with pytest.raises(CenterUnavailableError):
            link.start_authentication()
    finally:
        link.close()


def test_bad_requests_get_a_clear_4xx_and_store_nothing(center: Center) -> None:
    before = center.service.store.issuance_count()
    with _raw_client(center) as client:
        huge = client.post(
            "/v1/sessions",
            content=b"{" + b" " * (2 << 20) + b"}",
            headers={"Content-Type": "application/json"},
        )
        assert huge.status_code == 413
        assert huge.json()["reason_code"] == "request_too_large"
        broken = client.post(
            "/v1/sessions", content=b"{not json", headers={"Content-Type": "application/json"}
        )
        assert broken.status_code == 422
        assert broken.json()["reason_code"] == "bad_request"
        no_token = client.post(
            "/v1/issuances", json={"items": []}, headers={"Idempotency-Key": "abcdefgh1"}
        )
        assert no_token.status_code in (401, 422)
        forged = client.post(
            "/v1/issuances",
            json={"items": [{"certificate_type": "juminhyo"}]},
            headers={"Idempotency-Key": "abcdefgh2", "Authorization": "Bearer forged"},
        )
        assert forged.status_code == 401
        assert forged.json()["reason_code"] == "invalid_session"
    assert center.service.store.issuance_count() == before


def test_a_replayed_nonce_is_a_409(
    center: Center, registry: Registry, cards: dict[str, DemoCard]
) -> None:
    card = cards[full_resident(registry, skip=1).id]
    link = center.link(KIOSKS[2])
    try:
        challenge = link.start_authentication()
        der, signature = card.keys().auth_certificate_der, sign(card, challenge.nonce)
        link.authenticate(challenge.challenge_id, der, signature)
        with pytest.raises(CenterRefusedError) as info:
            link.authenticate(challenge.challenge_id, der, signature)
        assert info.value.reason_code == "replayed_nonce"
    finally:
        link.close()


def test_the_server_time_limit_cancels_the_whole_request(
    center: Center, registry: Registry, cards: dict[str, DemoCard]
) -> None:
    person = full_resident(registry, skip=2)
    link = center.link(KIOSKS[3])
    original = center.service.settings
    try:
        token = _login(link, cards[person.id])
        center.service.settings = msgspec.structs.replace(original, request_timeout=0.001)
        items = [OrderItem(certificate_type=CertificateType.KOSEKI_ZENBU)] * 3
        with pytest.raises(CenterTimeoutError):
            link.issue(token, items, "too-slow-1")
        assert center.service.store.issuance_by_key(KIOSKS[3], "too-slow-1") is None
    finally:
        center.service.settings = original
        link.close()


def test_the_kiosks_time_limit_is_passed_to_the_server(
    center: Center, registry: Registry, cards: dict[str, DemoCard]
) -> None:
    person = full_resident(registry, skip=3)
    link = center.link(KIOSKS[1])
    try:
        token = _login(link, cards[person.id])
    finally:
        link.close()
    body = {"items": [{"certificate_type": "koseki_zenbu"}] * 3}
    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": "client-limit-1"}
    with _raw_client(center) as client:
        response = client.post(
            "/v1/issuances", json=body, headers={**headers, "Request-Timeout": "0.001"}
        )
        assert response.status_code == 504
        assert response.json()["reason_code"] == "request_timeout"
        assert center.service.store.issuance_by_key(KIOSKS[1], "client-limit-1") is None
        assert client.post("/v1/issuances", json=body, headers=headers).status_code == 201


def test_closing_over_https_after_the_session_and_by_key(
    center: Center, registry: Registry, cards: dict[str, DemoCard]
) -> None:
    person = full_resident(registry, skip=3)
    link = center.link(KIOSKS[2])
    try:
        token = _login(link, cards[person.id])
        items = [OrderItem(certificate_type=CertificateType.JUMINHYO)]
        printed = link.issue(token, items, "https-close-1")
        lost = link.issue(token, items, "https-close-2")  # its reply "never arrived"
        link.end_session(token)
        report = OutcomeReport.all_printed(printed)
        link.report_outcome("", printed.request_id, report)  # from the outbox
        link.report_outcome(token, printed.request_id, report)  # a repeat: harmless
        link.cancel_by_key("", "https-close-2")
        link.cancel_by_key(token, "https-close-2")
        with pytest.raises(CenterRefusedError) as info:
            link.cancel("", printed.request_id)
        assert info.value.reason_code == "request_closed"
    finally:
        link.close()
    rows = {r: center.service.store.issuance(r) for r in (printed.request_id, lost.request_id)}
    assert {r: (row.status, row.reply) for r, row in rows.items() if row} == {
        printed.request_id: ("printed", None),
        lost.request_id: ("cancelled", None),
    }


def test_an_older_kiosks_report_of_whole_documents_is_taken_over_https(
    center: Center, registry: Registry, cards: dict[str, DemoCard]
) -> None:
    """A kiosk of an older version sends the body it always sent: the documents every copy of
    which came out (``printed_documents`` only). The server reads it as every copy printed."""
    person = full_resident(registry, skip=4)
    link = center.link(KIOSKS[1])
    try:
        token = _login(link, cards[person.id])
        items = [OrderItem(certificate_type=CertificateType.JUMINHYO, copies=2)]
        issued = link.issue(token, items, "https-older-kiosk-1")
        link.end_session(token)
    finally:
        link.close()
    document = issued.documents[0].document_id
    path = f"/v1/issuances/{issued.request_id}/outcome"
    with _raw_client(center) as client:
        wrong = client.post(path, json={"printed_documents": [document], "fee_charged_yen": 200})
        assert (wrong.is_client_error, wrong.json()["reason_code"]) == (True, "bad_fee")
        older = {"printed_documents": [document], "fee_charged_yen": 400}
        assert client.post(path, json=older).status_code == 204
        assert client.post(path, json=older).status_code == 204  # its outbox's repeat
    [logged] = center.service.store.documents(issued.request_id)
    assert (logged.copies_printed, logged.copies) == (2, 2)


@pytest.mark.parametrize("number", ["²", "%EF%BC%91%EF%BC%92", "%D9%A3", "1" * 13, "12a"])
def test_a_registration_number_that_is_not_ascii_digits_is_a_422(
    center: Center, number: str
) -> None:
    with _raw_client(center) as client:
        response = client.get(f"/v1/registrations/{number}")
    assert response.status_code == 422
    assert response.json()["reason_code"] == "bad_request"


def test_an_idempotency_key_reused_with_another_body_is_a_422(
    center: Center, registry: Registry, cards: dict[str, DemoCard]
) -> None:
    person = full_resident(registry, skip=4)
    link = center.link(KIOSKS[4])
    try:
        token = _login(link, cards[person.id])
    finally:
        link.close()
    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": "body-hash-1"}
    first = {"items": [{"certificate_type": "juminhyo", "copies": 1}]}
    same = b'{"items":[{"copies":1,"certificate_type":"juminhyo"}]}'  # other key order
    other = {"items": [{"certificate_type": "juminhyo", "copies": 3}]}
    with _raw_client(center, KIOSKS[4]) as client:
        created = client.post("/v1/issuances", json=first, headers=headers)
        assert created.status_code == 201
        replay = client.post(
            "/v1/issuances", content=same, headers={**headers, "Content-Type": "application/json"}
        )
        assert replay.json()["request_id"] == created.json()["request_id"]
        refused = client.post("/v1/issuances", json=other, headers=headers)
    assert refused.status_code == 422
    assert refused.json()["reason_code"] == "idempotency_key_mismatch"
