"""The center's HTTP API for store kiosks: the municipality server's wire contract, relayed.

The kiosk is its TLS client certificate (common name = kiosk id, organisation = store
operator). 住所地 sessions go to the municipality the card directory gives for the card, 本籍地
sessions to the municipality picked; every later call goes where its session or request went,
and only for the kiosk that opened it. Certificate PDFs pass through sealed for the kiosk.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import replace
from typing import Annotated

from fastapi import Depends, FastAPI, Header, Request, Response
from fastapi.responses import JSONResponse

from issuance_center.database import DatabaseError
from issuance_center.relay import (
    RefusedError,
    Relay,
    own_request,
    parse,
    routing_of,
    upstream_key,
)
from issuance_center.store import DocumentLine, Municipality, digest
from issuance_center.upstream import UpstreamReply
from issuance_contract.issuance_status import IssuanceStatus
from issuance_contract.kiosk_api import (
    KioskIdentity,
    answer_refusals,
    bearer_token,
    calling_kiosk,
    closing_token,
    error_reply,
)
from issuance_contract.messages import (
    AuthenticationRequest,
    AuthSession,
    Challenge,
    Directory,
    IssueRequest,
    MunicipalityEntry,
    OutcomeReport,
    RegistrationForm,
    RegistrationState,
    RegistrationStatus,
    Route,
    RoutedChallengeRequest,
    SubmittedRegistration,
)
from issuance_contract.printed_copies import PrintedCopiesError, copies_printed

log = logging.getLogger(__name__)
REGISTRATION_NUMBER_DIGITS = 8  # a municipality's 申請番号; the center's adds the 6-digit code

_STATUS = {
    "client_certificate_required": 401,
    "unknown_kiosk": 403,
    "invalid_session": 401,
    "session_expired": 401,
    "wrong_kiosk": 403,
    "unknown_challenge": 404,
    "unknown_request": 404,
    "unknown_municipality": 404,
    "card_not_in_directory": 403,
    "not_offered": 403,
    "request_cancelled": 409,
    "bad_request": 422,
    "bad_certificate": 422,
    "untrusted_certificate": 403,
    "expired_certificate": 403,
    "revoked_certificate": 403,
    "municipality_unavailable": 503,
    "request_timeout": 504,
}


def _relayed(reply: UpstreamReply) -> Response:
    return Response(reply.body, status_code=reply.status, media_type="application/json")


KioskDep = Annotated[KioskIdentity, Depends(calling_kiosk)]
Token = Annotated[str, Depends(bearer_token)]
OptionalToken = Annotated[str, Depends(closing_token)]
IdempotencyKey = Annotated[str, Header(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]


def create_relay_app(relay: Relay, allowed_kiosks: frozenset[str] | None = None) -> FastAPI:
    """The center's ASGI application."""
    app = FastAPI(
        title="shomei relay center",
        version="1",
        description="証明書交付センター: relays the issuance API between store kiosks and "
        "municipalities (fictitious demo); mutual TLS only.",
        redirect_slashes=False,
        docs_url=None,
        redoc_url=None,
    )
    app.state.allowed_kiosks = allowed_kiosks

    answer_refusals(app, _STATUS)  # the center's own refusals, the card check's too

    @app.exception_handler(DatabaseError)
    async def _database(request: Request, exc: DatabaseError) -> JSONResponse:
        log.error("center database failure: %s", type(exc).__name__)
        return error_reply(503, "unavailable")

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        """Liveness."""
        return {"status": "ok"}

    @app.get("/v1/directory")
    async def directory(kiosk: KioskDep) -> Directory:
        """The participating municipalities and what each offers."""
        entries = [
            MunicipalityEntry(
                code=m.code,
                name=m.name,
                prefecture=m.prefecture,
                residence=m.residence,
                honseki=m.honseki,
                registration=m.registration,
            )
            for m in await relay.db(relay.store.municipalities)
            if m.enabled
        ]
        return Directory(municipalities=entries)

    @app.post("/v1/challenges", status_code=201)
    async def challenge(kiosk: KioskDep, body: RoutedChallengeRequest) -> Response:
        """Check the card certificate, pick the municipality, and get its nonce."""
        now = relay.clock()
        card = relay.checker.check(body.certificate_der, now)
        if body.route is Route.RESIDENCE:
            code = await relay.store.card_municipality(card.issuer, card.serial)
            if code is None:
                raise RefusedError("card_not_in_directory")
        elif body.municipality_code is None:
            raise RefusedError("bad_request", "municipality_code: needed for 本籍地")
        else:
            code = body.municipality_code
        m = await relay.municipality(code)
        offered = m.residence if body.route is Route.RESIDENCE else (m.honseki or m.registration)
        if not offered:
            raise RefusedError("not_offered", code)
        reply = await relay.call(m, "POST", "/v1/challenges")
        if reply.status != 201:
            return _relayed(reply)
        issued = parse(Challenge, reply)
        expires = now + dt.timedelta(seconds=relay.challenge_seconds)
        await relay.store.add_challenge(
            issued.challenge_id,
            kiosk.id,
            m.code,
            body.certificate_der,
            expires,
        )
        return _relayed(reply)

    @app.post("/v1/sessions", status_code=201)
    async def authenticate(kiosk: KioskDep, body: AuthenticationRequest) -> Response:
        """Relay the card's signature to the municipality that made the nonce."""
        taken = await relay.store.take_challenge(body.challenge_id)
        if taken is None:
            raise RefusedError("unknown_challenge")
        kiosk_id, code, cert_hash, expires = taken
        if kiosk_id != kiosk.id:
            raise RefusedError("wrong_kiosk")
        if cert_hash != digest(body.certificate_der):
            raise RefusedError("bad_certificate", "not the card the challenge was routed for")
        if expires < relay.clock():
            raise RefusedError("unknown_challenge", "expired")
        m = await relay.municipality(code)
        reply = await relay.call(m, "POST", "/v1/sessions", content=body.model_dump_json().encode())
        if reply.status != 201:
            return _relayed(reply)
        session = parse(AuthSession, reply)
        expires_at = relay.clock() + dt.timedelta(seconds=relay.session_seconds)
        await relay.store.add_session(session.token, kiosk.id, m.code, expires_at)
        return _relayed(reply)

    @app.delete("/v1/sessions/current", status_code=204)
    async def end_session(kiosk: KioskDep, token: Token) -> Response:
        """End the session at the municipality and forget its route."""
        # The route is forgotten before the municipality ends the session, in the statement
        # that finds it: a failure upstream leaves no route behind, the municipality's session
        # expires.
        ended = await relay.store.end_session(token, kiosk.id)
        if ended is None:
            await relay.session(kiosk, token)  # the reason: not a session, or another kiosk's
            raise RefusedError("invalid_session")
        code, expires = ended
        if expires < relay.clock():
            raise RefusedError("session_expired")
        m = await relay.municipality(code)
        reply = await relay.call(
            m, "DELETE", "/v1/sessions/current", headers={"Authorization": f"Bearer {token}"}
        )
        return _relayed(reply)

    @app.post("/v1/issuances", status_code=201)
    async def issue(
        kiosk: KioskDep,
        token: Token,
        body: IssueRequest,
        idempotency_key: IdempotencyKey,
        request_timeout: Annotated[float | None, Header(gt=0, le=600)] = None,
    ) -> Response:
        """Relay an order; the reply's PDFs are sealed for the kiosk and passed on unread."""
        if body.recipient_key is None:
            raise RefusedError("bad_request", "recipient_key: required through the center")
        # The session is checked and the request opened in one statement, before anything is
        # relayed (a cancel by key finds its municipality even if the reply is lost); a refusal
        # asks the slow way why.
        row = await relay.store.open_session_request(
            token, kiosk.id, idempotency_key, kiosk.operator, relay.clock()
        )
        if row is None:
            session = await relay.session(kiosk, token)
            row = await relay.store.open_request(
                kiosk.id, idempotency_key, kiosk.operator, session.code, relay.clock()
            )
            if row.municipality != session.code:
                raise RefusedError("idempotency_key_reused")
        m = await relay.municipality(row.municipality)
        if row.status == IssuanceStatus.CANCELLED:
            raise RefusedError("request_cancelled")
        limit = (
            relay.request_timeout
            if request_timeout is None
            else min(relay.request_timeout, request_timeout)
        )
        headers = {
            "Authorization": f"Bearer {token}",
            "Idempotency-Key": upstream_key(kiosk.id, idempotency_key),
            "Request-Timeout": f"{limit * 0.9:.3f}",  # the municipality gives up first
        }
        try:
            reply = await relay.call(
                m,
                "POST",
                "/v1/issuances",
                content=body.model_dump_json().encode(),
                headers=headers,
                timeout=limit,
            )
        except RefusedError as refusal:
            if refusal.reason_code == "request_timeout":
                await _cancel_upstream(relay, m, kiosk, idempotency_key)
            raise
        if reply.status != 201:
            return _relayed(reply)
        issuance = routing_of(reply)
        if issuance.sealed_by is None:
            raise RefusedError("municipality_unavailable", "an unsealed reply was not passed on")
        lines = [
            DocumentLine(d.document_id, d.certificate_type, d.copies, d.fee_yen)
            for d in issuance.documents
        ]
        await relay.store.record_issued(
            kiosk.id,
            idempotency_key,
            issuance.request_id,
            issuance.total_fee_yen,
            lines,
        )
        issued = replace(
            row,
            request_id=issuance.request_id,
            status=IssuanceStatus.ISSUED,
            total_fee_yen=issuance.total_fee_yen,
            documents=lines,
        )
        relay.issued.remember(issuance.request_id, issued)
        return _relayed(reply)

    @app.post("/v1/issuances/cancel-by-key", status_code=204)
    async def cancel_by_key(
        kiosk: KioskDep, token: OptionalToken, idempotency_key: IdempotencyKey
    ) -> Response:
        """Cancel the request made with a key whose reply was lost (also before it was sent)."""
        row = await relay.store.request_by_key(kiosk.id, idempotency_key)
        if row is None:
            code = (await relay.session(kiosk, token)).code if token else ""
            await relay.store.open_request(
                kiosk.id,
                idempotency_key,
                kiosk.operator,
                code,
                relay.clock(),
            )
            await relay.store.record_closed(
                kiosk.id,
                idempotency_key,
                IssuanceStatus.CANCELLED,
                0,
                {},
                relay.clock(),
            )
            if not code:
                return Response(status_code=204)
            m = await relay.municipality(code)
        else:
            m = await relay.municipality(row.municipality)
        return await _cancel_upstream(relay, m, kiosk, idempotency_key, token)

    @app.post("/v1/issuances/{request_id}/outcome", status_code=204)
    async def report_outcome(
        kiosk: KioskDep, token: OptionalToken, request_id: str, body: OutcomeReport
    ) -> Response:
        """Relay what was printed and charged, and keep it for settlement (the copies of each
        document that came out whole)."""
        row = await own_request(relay, kiosk, request_id)
        try:
            copies = copies_printed({d.document_id: d.copies for d in row.documents}, body)
        except PrintedCopiesError as exc:
            raise RefusedError("unknown_document", str(exc)) from exc
        m = await relay.municipality(row.municipality)
        reply = await relay.call(
            m,
            "POST",
            f"/v1/issuances/{request_id}/outcome",
            content=body.model_dump_json().encode(),
            headers={"Authorization": f"Bearer {token}"} if token else {},
        )
        if reply.status == 204:
            relay.issued.forget(request_id)
            status = IssuanceStatus.PRINTED if any(copies.values()) else IssuanceStatus.CANCELLED
            await relay.store.record_closed(
                kiosk.id,
                row.idempotency_key,
                status,
                body.fee_charged_yen,
                copies,
                relay.clock(),
                row.documents,
            )
        return _relayed(reply)

    @app.post("/v1/issuances/{request_id}/cancel", status_code=204)
    async def cancel(kiosk: KioskDep, token: OptionalToken, request_id: str) -> Response:
        """Relay the cancel of a whole request."""
        row = await own_request(relay, kiosk, request_id)
        m = await relay.municipality(row.municipality)
        reply = await relay.call(
            m,
            "POST",
            f"/v1/issuances/{request_id}/cancel",
            headers={"Authorization": f"Bearer {token}"} if token else {},
        )
        if reply.status == 204:
            relay.issued.forget(request_id)
            await relay.store.record_closed(
                kiosk.id,
                row.idempotency_key,
                IssuanceStatus.CANCELLED,
                0,
                {},
                relay.clock(),
                row.documents,
            )
        return _relayed(reply)

    @app.post("/v1/registrations", status_code=201)
    async def submit_registration(
        kiosk: KioskDep, token: Token, body: RegistrationForm
    ) -> Response:
        """Relay a 利用登録申請 to the session's municipality; the 申請番号 names it."""
        m = await relay.session(kiosk, token)
        if not m.registration:
            raise RefusedError("not_offered", m.code)
        reply = await relay.call(
            m,
            "POST",
            "/v1/registrations",
            content=body.model_dump_json().encode(),
            headers={"Authorization": f"Bearer {token}"},
        )
        if reply.status != 201:
            return _relayed(reply)
        number = parse(SubmittedRegistration, reply).number
        answer = SubmittedRegistration(number=m.code + number)
        return Response(answer.model_dump_json(), status_code=201, media_type="application/json")

    @app.get("/v1/registrations/{number}")
    async def registration_status(kiosk: KioskDep, number: str) -> Response:
        """Route a status check by the municipality code at the head of the 申請番号."""
        code, local = number[:6], number[6:]
        unknown = RegistrationStatus(number=number[:20], state=RegistrationState.UNKNOWN)
        if not (number.isdigit() and len(local) == REGISTRATION_NUMBER_DIGITS):
            return Response(unknown.model_dump_json(), media_type="application/json")
        try:
            m = await relay.municipality(code)
        except RefusedError:
            return Response(unknown.model_dump_json(), media_type="application/json")
        reply = await relay.call(m, "GET", f"/v1/registrations/{local}")
        if reply.status != 200:
            return _relayed(reply)
        status = parse(RegistrationStatus, reply)
        answer = status.model_copy(update={"number": m.code + status.number})
        return Response(answer.model_dump_json(), media_type="application/json")

    return app


async def _cancel_upstream(
    relay: Relay, m: Municipality, kiosk: KioskIdentity, key: str, token: str = ""
) -> Response:
    """Cancel by key at the municipality and record it; a failure here is the outbox's to retry."""
    headers = {"Idempotency-Key": upstream_key(kiosk.id, key)}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    reply = await relay.call(m, "POST", "/v1/issuances/cancel-by-key", headers=headers)
    if reply.status == 204:
        await relay.store.record_closed(
            kiosk.id,
            key,
            IssuanceStatus.CANCELLED,
            0,
            {},
            relay.clock(),
        )
    return _relayed(reply)
