"""The ``https://`` center link: httpx with the kiosk's client certificate (mutual TLS)."""

from __future__ import annotations

import ssl
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote

import httpx
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from pydantic import BaseModel, ValidationError

from issuance_contract.errors import (
    BadReplyError,
    CenterRefusedError,
    CenterTimeoutError,
    CenterUnavailableError,
    MunicipalityUnavailableError,
    UnsendableCallError,
)
from issuance_contract.link import CenterLink
from issuance_contract.messages import (
    AuthenticationRequest,
    AuthSession,
    Challenge,
    Directory,
    ErrorReply,
    Issuance,
    IssueRequest,
    OrderItem,
    OutcomeReport,
    RegistrationForm,
    RegistrationStatus,
    Route,
    RoutedChallengeRequest,
    SubmittedRegistration,
)
from issuance_contract.sealing import SealError, open_issuance, public_bytes

M = TypeVar("M", bound=BaseModel)
TIMEOUT_SHARE = 0.8  # of the client's time-out, granted to the server for one request


def client_ssl_context(certificate: Path, key: Path, server_ca: Path) -> ssl.SSLContext:
    """TLS settings of a kiosk: trust only the server's CA, present the kiosk's certificate."""
    context = ssl.create_default_context(cafile=str(server_ca))
    context.load_cert_chain(str(certificate), str(key))
    return context


def _reason(response: httpx.Response) -> str | None:
    try:
        return ErrorReply.model_validate_json(response.content).reason_code
    except ValidationError:
        return None


def _segment(value: str) -> str:
    """``value`` as one segment of a URL path (``UnsendableCallError`` if it is not text that
    UTF-8 can encode)."""
    try:
        return quote(value, safe="")
    except UnicodeEncodeError as exc:
        raise UnsendableCallError("an id that is not text: cannot be sent") from exc


def check_binding(issuance: Issuance, applicant_id: str | None) -> None:
    """Refuse a reply whose documents are not all of this request and this applicant."""
    for document in issuance.documents:
        if document.request_id != issuance.request_id or (
            applicant_id is not None and document.applicant_id != applicant_id
        ):
            raise BadReplyError("a document of another request or applicant: discarded")


class HttpsCenterLink(CenterLink):
    """The center over HTTPS; one connection pool per kiosk."""

    def __init__(
        self,
        base_url: str,
        kiosk_id: str,
        certificate: Path,
        key: Path,
        server_ca: Path,
        timeout: float = 15.0,
    ) -> None:
        self.kiosk_id = kiosk_id  # the server takes the id from the certificate
        try:
            context = client_ssl_context(certificate, key, server_ca)
        except (OSError, ssl.SSLError) as exc:
            raise CenterUnavailableError(f"cannot load the kiosk's TLS files: {exc}") from exc
        self._timeout = timeout
        self._applicants: dict[str, str] = {}
        self._client = httpx.Client(base_url=base_url.rstrip("/"), verify=context, timeout=timeout)

    def _call(
        self,
        method: str,
        path: str,
        reply: type[M] | None,
        *,
        token: str | None = None,
        body: BaseModel | None = None,
        headers: dict[str, str] | None = None,
    ) -> M | None:
        all_headers = dict(headers or {})
        if token is not None:
            all_headers["Authorization"] = f"Bearer {token}"
        content = body.model_dump_json() if body is not None else None
        if content is not None:
            all_headers["Content-Type"] = "application/json"
        try:
            response = self._client.request(method, path, content=content, headers=all_headers)
        except (httpx.InvalidURL, httpx.LocalProtocolError, UnicodeEncodeError) as exc:
            # an id too long for a URL, a key no header can carry: never sent, never will be
            raise UnsendableCallError(f"cannot be sent: {type(exc).__name__}") from exc
        except httpx.TimeoutException as exc:
            raise CenterTimeoutError(f"no answer in time: {exc}") from exc
        except httpx.HTTPError as exc:
            raise CenterUnavailableError(f"cannot reach the center: {exc}") from exc
        if response.status_code == 504:
            raise CenterTimeoutError("the center cancelled the request (time limit)")
        if (
            response.status_code == 503
            and _reason(response) == MunicipalityUnavailableError.REASON_CODE
        ):
            # a relay center: one municipality is down, the others are not
            detail = ErrorReply.model_validate_json(response.content).detail
            raise MunicipalityUnavailableError(detail)
        if response.status_code >= 500:
            raise CenterUnavailableError(f"the center answered {response.status_code}")
        if response.status_code >= 400:
            try:
                error = ErrorReply.model_validate_json(response.content)
            except ValidationError as exc:
                raise BadReplyError(f"status {response.status_code} without a reason") from exc
            raise CenterRefusedError(error.reason_code, error.detail)
        if reply is None:
            return None
        try:
            return reply.model_validate_json(response.content)
        except ValidationError as exc:
            raise BadReplyError(f"not a valid {reply.__name__}") from exc

    def _must(self, value: M | None) -> M:
        if value is None:
            raise BadReplyError("empty reply")
        return value

    def start_authentication(self) -> Challenge:
        return self._must(self._call("POST", "/v1/challenges", Challenge))

    def start_routed_authentication(
        self, route: Route, certificate_der: bytes, municipality_code: str | None = None
    ) -> Challenge:
        try:
            body = RoutedChallengeRequest(
                route=route, certificate_der=certificate_der, municipality_code=municipality_code
            )
        except ValidationError as exc:
            raise CenterRefusedError("bad_request", str(exc.errors()[0]["msg"])) from exc
        return self._must(self._call("POST", "/v1/challenges", Challenge, body=body))

    def directory(self) -> Directory:
        return self._must(self._call("GET", "/v1/directory", Directory))

    def authenticate(
        self, challenge_id: str, certificate_der: bytes, signature: bytes
    ) -> AuthSession:
        try:
            body = AuthenticationRequest(
                challenge_id=challenge_id, certificate_der=certificate_der, signature=signature
            )
        except ValidationError as exc:
            raise CenterRefusedError("bad_request", str(exc.errors()[0]["msg"])) from exc
        session = self._must(self._call("POST", "/v1/sessions", AuthSession, body=body))
        self._applicants[session.token] = session.applicant_id
        return session

    def issue(self, token: str, items: list[OrderItem], idempotency_key: str) -> Issuance:
        recipient = X25519PrivateKey.generate()  # this request's key: only we open the PDFs
        try:
            body = IssueRequest(items=items, recipient_key=public_bytes(recipient))
        except ValidationError as exc:
            raise CenterRefusedError("bad_request", str(exc.errors()[0]["msg"])) from exc
        headers = {
            "Idempotency-Key": idempotency_key,
            # The server cancels the request whole before this client would give up on it.
            "Request-Timeout": f"{self._timeout * TIMEOUT_SHARE:.3f}",
        }
        sealed = self._must(
            self._call("POST", "/v1/issuances", Issuance, token=token, body=body, headers=headers)
        )
        try:
            issuance = open_issuance(sealed, recipient)
        except SealError as exc:
            raise BadReplyError(f"discarded: {exc}") from exc
        check_binding(issuance, self._applicants.get(token))
        return issuance

    def report_outcome(self, token: str, request_id: str, report: OutcomeReport) -> None:
        path = f"/v1/issuances/{_segment(request_id)}/outcome"
        self._call("POST", path, None, token=token or None, body=report)

    def cancel(self, token: str, request_id: str) -> None:
        path = f"/v1/issuances/{_segment(request_id)}/cancel"
        self._call("POST", path, None, token=token or None)

    def cancel_by_key(self, token: str, idempotency_key: str) -> None:
        headers = {"Idempotency-Key": idempotency_key}
        self._call(
            "POST", "/v1/issuances/cancel-by-key", None, token=token or None, headers=headers
        )

    def submit_registration(self, token: str, form: RegistrationForm) -> str:
        reply = self._call(
            "POST", "/v1/registrations", SubmittedRegistration, token=token, body=form
        )
        return self._must(reply).number

    def registration_status(self, number: str) -> RegistrationStatus:
        return self._must(
            self._call("GET", f"/v1/registrations/{_segment(number)}", RegistrationStatus)
        )

    def end_session(self, token: str) -> None:
        self._applicants.pop(token, None)
        self._call("DELETE", "/v1/sessions/current", None, token=token)

    def close(self) -> None:
        self._client.close()
