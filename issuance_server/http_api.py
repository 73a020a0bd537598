"""The issuance server's HTTP API (FastAPI; ``shomei-server openapi`` prints its OpenAPI).

The kiosk is identified by its TLS client certificate (common name = kiosk id); every refusal
is a 4xx with ``{"reason_code": …, "detail": …}``; bodies over 1 MiB are refused with 413.
/docs and /openapi.json are published only when asked (``api_docs``); health checks are on
the loopback listener (``mtls_listener.health_app``), not here.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Path, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from issuance_contract.errors import CenterTimeoutError
from issuance_contract.kiosk_api import (
    answer_refusals,
    bearer_token,
    closing_token,
    error_reply,
    kiosk_identity,
)
from issuance_contract.messages import (
    AuthenticationRequest,
    AuthSession,
    Challenge,
    ErrorReply,
    Issuance,
    IssueRequest,
    OutcomeReport,
    RegistrationForm,
    RegistrationStatus,
    SubmittedRegistration,
)
from issuance_contract.sealing import seal_issuance
from issuance_server.database import StorageError
from issuance_server.service import IssuanceService

log = logging.getLogger(__name__)
MAX_BODY_BYTES = 1 << 20

_STATUS = {
    "client_certificate_required": 401,
    "unknown_kiosk": 403,
    "invalid_session": 401,
    "session_expired": 401,
    "wrong_kiosk": 403,
    "unknown_challenge": 404,
    "unknown_request": 404,
    "unknown_document": 404,
    "replayed_nonce": 409,
    "duplicate_registration": 409,
    "idempotency_key_reused": 409,
    "idempotency_key_mismatch": 422,
    "request_cancelled": 409,
    "request_closed": 409,
    "bad_request": 422,
    "bad_options": 422,
    "bad_member": 422,
    "bad_idempotency_key": 422,
    "bad_certificate": 422,
    "request_too_large": 413,
}
_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorReply} for code in (401, 403, 404, 409, 413, 422, 503, 504)
}

Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Asgi = Callable[[MutableMapping[str, Any], Receive, Send], Awaitable[None]]


class BodyLimit:
    """ASGI middleware: refuse request bodies larger than ``limit`` bytes with 413."""

    def __init__(self, app: Asgi, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: MutableMapping[str, Any], receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length", b"0")
        if not declared.isdigit() or int(declared) > self.limit:
            await error_reply(413, "request_too_large")(scope, receive, send)
            return
        seen = 0

        async def limited() -> MutableMapping[str, Any]:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise _TooLargeError
            return message

        try:
            await self.app(scope, limited, send)
        except _TooLargeError:
            await error_reply(413, "request_too_large")(scope, receive, send)


class _TooLargeError(Exception):
    """A streamed body went over the limit."""


def current_kiosk(request: Request) -> str:
    """The calling kiosk's id (its client certificate; an allow-list is optional)."""
    return kiosk_identity(request).id


KioskId = Annotated[str, Depends(current_kiosk)]
SessionToken = Annotated[str, Depends(bearer_token)]
ClosingToken = Annotated[str, Depends(closing_token)]
IdempotencyKey = Annotated[str, Header(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]
RegistrationNumber = Annotated[str, Path(pattern=r"^[0-9]{1,12}$")]


def create_app(
    service: IssuanceService, allowed_kiosks: frozenset[str] | None = None, docs: bool = False
) -> Any:
    """The ASGI application for ``service`` (wrapped in the body-size limit).

    ``docs`` publishes /docs and /openapi.json (off in production: see ``openapi_document``).
    """
    return BodyLimit(api_application(service, allowed_kiosks, docs))


def openapi_document(service: IssuanceService) -> dict[str, Any]:
    """The API's OpenAPI document (``shomei-server openapi`` prints it)."""
    return dict(api_application(service, None, docs=False).openapi())


def api_application(
    service: IssuanceService, allowed_kiosks: frozenset[str] | None, docs: bool
) -> FastAPI:
    """The FastAPI application; /docs and /openapi.json only with ``docs``."""
    hidden: dict[str, Any] = {} if docs else {"docs_url": None, "redoc_url": None}
    app = FastAPI(
        title="shomei issuance server",
        version="1",
        description="証明書交付サーバ API of the (fictitious) municipality; mutual TLS only.",
        redirect_slashes=False,
        openapi_url="/openapi.json" if docs else None,
        **hidden,
    )

    app.state.allowed_kiosks = allowed_kiosks

    answer_refusals(app, _STATUS)

    @app.exception_handler(CenterTimeoutError)
    async def _timeout(request: Request, exc: CenterTimeoutError) -> JSONResponse:
        return error_reply(504, "request_timeout", str(exc))

    @app.exception_handler(StorageError)
    async def _storage(request: Request, exc: StorageError) -> JSONResponse:
        log.error("storage failure: %s", exc)
        return error_reply(503, "unavailable")

    @app.post("/v1/challenges", status_code=201, responses=_ERRORS)
    def start_authentication(kiosk_id: KioskId) -> Challenge:
        """A single-use nonce for the card to sign."""
        return service.start_authentication(kiosk_id)

    @app.post("/v1/sessions", status_code=201, responses=_ERRORS)
    def authenticate(kiosk_id: KioskId, body: AuthenticationRequest) -> AuthSession:
        """Verify the card's signature and certificate; open a session."""
        return service.authenticate(
            kiosk_id, body.challenge_id, body.certificate_der, body.signature
        )

    @app.delete("/v1/sessions/current", status_code=204, responses=_ERRORS)
    def end_session(kiosk_id: KioskId, token: SessionToken) -> Response:
        """End the session."""
        service.end_session(kiosk_id, token)
        return Response(status_code=204)

    @app.post("/v1/issuances", status_code=201, responses=_ERRORS)
    async def issue(
        kiosk_id: KioskId,
        token: SessionToken,
        body: IssueRequest,
        idempotency_key: IdempotencyKey,
        request_timeout: Annotated[float | None, Header(gt=0, le=600)] = None,
    ) -> Issuance:
        """Render the ordered certificates; a request over the time limit is cancelled whole.

        The limit is the server's ``request_timeout`` or the kiosk's ``Request-Timeout`` header
        (seconds), whichever is shorter, so the server gives up before the kiosk does.
        """
        limit = service.settings.request_timeout
        if request_timeout is not None:
            limit = min(limit, request_timeout)
        deadline = time.monotonic() + limit
        issuance = await run_in_threadpool(
            service.issue, kiosk_id, token, body.items, idempotency_key, deadline
        )
        if body.recipient_key is None:
            return issuance
        return seal_issuance(issuance, body.recipient_key)

    @app.post("/v1/issuances/cancel-by-key", status_code=204, responses=_ERRORS)
    def cancel_by_key(
        kiosk_id: KioskId, token: ClosingToken, idempotency_key: IdempotencyKey
    ) -> Response:
        """Cancel the request made with an idempotency key whose reply was lost."""
        service.cancel_by_key(kiosk_id, token, idempotency_key)
        return Response(status_code=204)

    @app.post("/v1/issuances/{request_id}/outcome", status_code=204, responses=_ERRORS)
    def report_outcome(
        kiosk_id: KioskId, token: ClosingToken, request_id: str, body: OutcomeReport
    ) -> Response:
        """Record what was printed and charged (repeating the same report is harmless)."""
        service.report_outcome(kiosk_id, token, request_id, body)
        return Response(status_code=204)

    @app.post("/v1/issuances/{request_id}/cancel", status_code=204, responses=_ERRORS)
    def cancel(kiosk_id: KioskId, token: ClosingToken, request_id: str) -> Response:
        """Cancel a whole request."""
        service.cancel(kiosk_id, token, request_id)
        return Response(status_code=204)

    @app.post("/v1/registrations", status_code=201, responses=_ERRORS)
    def submit_registration(
        kiosk_id: KioskId, token: SessionToken, body: RegistrationForm
    ) -> SubmittedRegistration:
        """File a usage registration; returns the 申請番号."""
        return SubmittedRegistration(number=service.submit_registration(kiosk_id, token, body))

    @app.get("/v1/registrations/{number}", responses=_ERRORS)
    def registration_status(kiosk_id: KioskId, number: RegistrationNumber) -> RegistrationStatus:
        """The state of a registration (no personal data)."""
        return service.registration_status(number)

    return app
