"""What the server's and the center's kiosk APIs share: who calls, and refusals as replies."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Annotated

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from fastapi import Depends, FastAPI, Request
from pydantic import BaseModel

from issuance_contract.errors import CenterRefusedError, MunicipalityUnavailableError
from issuance_contract.kiosk_api import (
    KioskIdentity,
    answer_refusals,
    bearer_token,
    kiosk_identity,
)
from issuance_contract.mtls_listener import TLS_EXTENSION


def _certificate(*names: x509.NameAttribute[str]) -> str:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name(list(names))
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def _request(pem: str | None, allowed: frozenset[str] | None = None) -> Request:
    app = FastAPI()
    app.state.allowed_kiosks = allowed
    chain = [pem] if pem is not None else []
    return Request(
        {"type": "http", "app": app, "extensions": {TLS_EXTENSION: {"client_cert_chain": chain}}}
    )


STORE_KIOSK = _certificate(
    x509.NameAttribute(NameOID.COMMON_NAME, "STORE-KIOSK-01"),
    x509.NameAttribute(NameOID.ORGANIZATION_NAME, "架空ストア"),
)


def test_the_kiosk_is_its_certificate_common_name_and_organisation() -> None:
    assert kiosk_identity(_request(STORE_KIOSK)) == KioskIdentity("STORE-KIOSK-01", "架空ストア")
    city_hall = _certificate(x509.NameAttribute(NameOID.COMMON_NAME, "DEMO-KIOSK-01"))
    assert kiosk_identity(_request(city_hall)) == KioskIdentity("DEMO-KIOSK-01", "")


def test_a_kiosk_certificate_is_read_once_for_all_its_calls(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pem = _certificate(x509.NameAttribute(NameOID.COMMON_NAME, "STORE-KIOSK-09"))
    reads: list[bytes] = []
    load = x509.load_pem_x509_certificate

    def counted(data: bytes) -> x509.Certificate:
        reads.append(data)
        return load(data)

    monkeypatch.setattr(x509, "load_pem_x509_certificate", counted)
    for _ in range(3):
        assert kiosk_identity(_request(pem)).id == "STORE-KIOSK-09"
    assert len(reads) == 1
    with pytest.raises(CenterRefusedError):  # the allowed list is still checked on every call
        kiosk_identity(_request(pem, frozenset({"STORE-KIOSK-01"})))


@pytest.mark.parametrize(
    ("pem", "allowed", "reason"),
    [
        (None, None, "client_certificate_required"),
        (_certificate(x509.NameAttribute(NameOID.ORGANIZATION_NAME, "x")), None, "unknown_kiosk"),
        (STORE_KIOSK, frozenset({"STORE-KIOSK-02"}), "unknown_kiosk"),
    ],
)
def test_a_kiosk_without_a_usable_certificate_is_refused(
    pem: str | None, allowed: frozenset[str] | None, reason: str
) -> None:
    with pytest.raises(CenterRefusedError) as refused:
        kiosk_identity(_request(pem, allowed))
    assert refused.value.reason_code == reason


class _Body(BaseModel):
    copies: int


def test_refusals_become_error_replies_with_the_api_s_statuses() -> None:
    app = FastAPI()
    answer_refusals(app, {"invalid_session": 401, "municipality_unavailable": 503})

    @app.post("/token")
    def token(value: Annotated[str, Depends(bearer_token)], body: _Body) -> str:
        return value

    @app.get("/down")
    def down() -> None:
        raise MunicipalityUnavailableError("999991 架空市")  # a subclass: the same handler

    @app.get("/odd")
    def odd() -> None:
        raise CenterRefusedError("not_in_the_table")

    calls = asyncio.run(_calls(app))
    assert calls[0].json() == "t"
    missing = calls[1]
    assert (missing.status_code, missing.json()["reason_code"]) == (401, "invalid_session")
    invalid = calls[2]
    assert invalid.status_code == 422
    assert invalid.json()["reason_code"] == "bad_request"
    assert invalid.json()["detail"].startswith("body.copies:")
    unavailable = calls[3]
    assert unavailable.status_code == 503
    assert unavailable.json() == {
        "reason_code": "municipality_unavailable",
        "detail": "999991 架空市",
    }
    assert calls[4].status_code == 403


async def _calls(app: FastAPI) -> list[httpx.Response]:
    bearer = {"Authorization": "Bearer t"}
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://api") as client:
        return [
            await client.post("/token", json={"copies": 1}, headers=bearer),
            await client.post("/token", json={"copies": 1}),
            await client.post("/token", json={"copies": "many"}, headers=bearer),
            await client.get("/down"),
            await client.get("/odd"),
        ]
