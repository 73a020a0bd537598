"""What the issuance server's and the relay center's kiosk APIs share (FastAPI): the calling
kiosk from its verified TLS client certificate, the session token, refusals as error replies.

A refusal is ``CenterRefusedError`` (or a subclass), answered as ``{"reason_code", "detail"}``
with the HTTP status each API maps its reason codes to.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated

from cryptography import x509
from cryptography.x509.oid import NameOID
from fastapi import FastAPI, Header, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from issuance_contract.errors import CenterRefusedError
from issuance_contract.messages import ErrorReply
from issuance_contract.mtls_listener import client_certificate_pem

#: The status of a refusal whose reason code an API does not map.
DEFAULT_REFUSAL_STATUS = 403


@dataclass(frozen=True)
class KioskIdentity:
    """Who is calling: kiosk id (common name) and store operator (organisation, may be "")."""

    id: str
    operator: str


@functools.lru_cache(maxsize=4096)
def _kiosk_named_by(pem: str) -> KioskIdentity | None:
    """The kiosk a verified certificate names (None without a common name), read once per
    certificate rather than once per call: a kiosk's calls come over one kept-alive connection
    with the same certificate."""
    subject = x509.load_pem_x509_certificate(pem.encode()).subject
    names = subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    if not names:
        return None
    operators = subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    return KioskIdentity(str(names[0].value), str(operators[0].value) if operators else "")


def kiosk_identity(request: Request) -> KioskIdentity:
    """The kiosk of the verified TLS client certificate, if it is allowed: the application's
    ``state.allowed_kiosks`` (None: any kiosk the client CA vouches for)."""
    pem = client_certificate_pem(request.scope)
    if pem is None:
        raise CenterRefusedError("client_certificate_required")
    kiosk = _kiosk_named_by(pem)
    if kiosk is None:
        raise CenterRefusedError("unknown_kiosk", "the certificate has no common name")
    allowed: frozenset[str] | None = request.app.state.allowed_kiosks
    if allowed is not None and kiosk.id not in allowed:
        raise CenterRefusedError("unknown_kiosk")
    return kiosk


async def calling_kiosk(request: Request) -> KioskIdentity:
    """``kiosk_identity`` as an async dependency: FastAPI runs a plain ``def`` dependency in a
    worker thread, a hop per request for a few microseconds of work."""
    return kiosk_identity(request)


def token_of(authorization: str) -> str:
    """The session token of an ``Authorization: Bearer …`` value."""
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise CenterRefusedError("invalid_session", "missing bearer token")
    return token


async def bearer_token(authorization: Annotated[str, Header(max_length=200)] = "") -> str:
    """The session token from ``Authorization: Bearer …`` (async: no worker-thread hop)."""
    return token_of(authorization)


async def closing_token(authorization: Annotated[str, Header(max_length=200)] = "") -> str:
    """The session token if one is sent; empty when the kiosk closes a request on its own."""
    return token_of(authorization) if authorization else ""


def error_reply(status: int, reason_code: str, detail: str = "") -> JSONResponse:
    """A refusal as the kiosk reads it."""
    body = ErrorReply(reason_code=reason_code, detail=detail).model_dump()
    return JSONResponse(status_code=status, content=body)


def answer_refusals(app: FastAPI, statuses: Mapping[str, int]) -> None:
    """Answer ``CenterRefusedError`` with the status of its reason code, and a body FastAPI
    cannot validate as ``bad_request`` (422, naming the first field at fault)."""

    @app.exception_handler(CenterRefusedError)
    async def _refused(request: Request, exc: CenterRefusedError) -> JSONResponse:
        status = statuses.get(exc.reason_code, DEFAULT_REFUSAL_STATUS)
        return error_reply(status, exc.reason_code, exc.detail)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return error_reply(422, "bad_request", f"{where}: {first.get('msg', 'invalid')}")
