"""The kiosk's link to the issuance server: ``embedded:`` (in-process) or ``https://`` (mTLS).

Every method raises ``CenterError`` subclasses only (see issuance_server.errors).
"""

from __future__ import annotations

import abc
import time
from pathlib import Path
from typing import TYPE_CHECKING

from issuance_server.errors import CenterError, CenterUnavailableError
from issuance_server.messages import (
    AuthSession,
    Challenge,
    Directory,
    Issuance,
    OrderItem,
    RegistrationForm,
    RegistrationStatus,
    Route,
)
from issuance_server.rendering.fonts import FontMissingError
from issuance_server.storage import StorageError

if TYPE_CHECKING:
    from issuance_server.service import IssuanceService
    from kiosk_app.config import Config


class CenterLink(abc.ABC):
    """What the kiosk calls; one link per kiosk (its id is bound to every call)."""

    @abc.abstractmethod
    def start_authentication(self) -> Challenge:
        """A fresh single-use nonce for the card to sign."""

    def start_routed_authentication(
        self, route: Route, certificate_der: bytes, municipality_code: str | None = None
    ) -> Challenge:
        """A nonce of the municipality of ``route`` (a relay center checks the card certificate
        and routes by it for 住所地, by ``municipality_code`` for 本籍地).

        A municipality's own server has one municipality: the route is not needed there.
        """
        return self.start_authentication()

    def directory(self) -> Directory:
        """The participating municipalities (a relay center only)."""
        raise CenterError(f"{type(self).__name__} is not a relay center")

    @abc.abstractmethod
    def authenticate(
        self, challenge_id: str, certificate_der: bytes, signature: bytes
    ) -> AuthSession:
        """Send the card's certificate and signature; get a session token and the offers."""

    @abc.abstractmethod
    def issue(self, token: str, items: list[OrderItem], idempotency_key: str) -> Issuance:
        """Order certificates; the documents come back bound to one request and applicant."""

    @abc.abstractmethod
    def report_outcome(
        self, token: str, request_id: str, printed_documents: list[str], fee_charged_yen: int
    ) -> None:
        """Tell the server what was printed and charged."""

    @abc.abstractmethod
    def cancel(self, token: str, request_id: str) -> None:
        """Cancel a whole request."""

    def cancel_by_key(self, token: str, idempotency_key: str) -> None:
        """Cancel the request made with ``idempotency_key`` whose reply never arrived.

        ``token`` may be empty (the kiosk's identity is enough to close its own requests, as
        for ``report_outcome`` and ``cancel``). Links that cannot do this raise CenterError.
        """
        raise CenterError(f"{type(self).__name__} cannot cancel by idempotency key")

    @abc.abstractmethod
    def submit_registration(self, token: str, form: RegistrationForm) -> str:
        """File a usage registration; returns the 申請番号."""

    @abc.abstractmethod
    def registration_status(self, number: str) -> RegistrationStatus:
        """Look up a registration by 申請番号 (no personal data in the answer)."""

    @abc.abstractmethod
    def end_session(self, token: str) -> None:
        """End the session (the kiosk returned to its home screen)."""

    @abc.abstractmethod
    def close(self) -> None:
        """Release connections."""


class EmbeddedCenterLink(CenterLink):
    """The service in the kiosk's own process (the demo and tests)."""

    def __init__(self, service: IssuanceService, kiosk_id: str, timeout: float = 15.0) -> None:
        self.service = service
        self._kiosk_id = kiosk_id
        self._timeout = timeout

    def start_authentication(self) -> Challenge:
        with _StorageGuard():
            return self.service.start_authentication(self._kiosk_id)

    def authenticate(
        self, challenge_id: str, certificate_der: bytes, signature: bytes
    ) -> AuthSession:
        with _StorageGuard():
            return self.service.authenticate(
                self._kiosk_id, challenge_id, certificate_der, signature
            )

    def issue(self, token: str, items: list[OrderItem], idempotency_key: str) -> Issuance:
        deadline = time.monotonic() + self._timeout
        with _StorageGuard():
            return self.service.issue(self._kiosk_id, token, items, idempotency_key, deadline)

    def report_outcome(
        self, token: str, request_id: str, printed_documents: list[str], fee_charged_yen: int
    ) -> None:
        with _StorageGuard():
            self.service.report_outcome(
                self._kiosk_id, token, request_id, printed_documents, fee_charged_yen
            )

    def cancel(self, token: str, request_id: str) -> None:
        with _StorageGuard():
            self.service.cancel(self._kiosk_id, token, request_id)

    def cancel_by_key(self, token: str, idempotency_key: str) -> None:
        with _StorageGuard():
            self.service.cancel_by_key(self._kiosk_id, token, idempotency_key)

    def submit_registration(self, token: str, form: RegistrationForm) -> str:
        with _StorageGuard():
            return self.service.submit_registration(self._kiosk_id, token, form)

    def registration_status(self, number: str) -> RegistrationStatus:
        with _StorageGuard():
            return self.service.registration_status(number)

    def end_session(self, token: str) -> None:
        with _StorageGuard():
            self.service.end_session(self._kiosk_id, token)

    def close(self) -> None:
        self.service.store.close()


class _StorageGuard:
    """Turns failures of the server's own resources into CenterUnavailableError."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, exc: BaseException | None, tb: object) -> None:
        if isinstance(exc, StorageError | OSError | FontMissingError):
            raise CenterUnavailableError(f"the center cannot serve: {exc}") from exc


def open_center_link(
    url: str,
    kiosk_id: str,
    *,
    config: Config | None = None,
    service: IssuanceService | None = None,
    timeout: float = 15.0,
    client_certificate: Path | None = None,
    client_key: Path | None = None,
    server_ca: Path | None = None,
) -> CenterLink:
    """A link for ``embedded:`` (``service``, or one made from the kiosk ``config``) or ``https://``.

    For https the kiosk's client certificate and key and the server's CA are required.
    """
    if url.startswith("embedded:"):
        if service is None:
            if config is None:
                raise CenterError("embedded: needs the kiosk config or a service")
            from issuance_server.service import open_service
            from issuance_server.settings import ServerSettings

            try:
                service = open_service(ServerSettings.from_kiosk_config(config))
            except StorageError as exc:
                raise CenterUnavailableError(str(exc)) from exc
        return EmbeddedCenterLink(service, kiosk_id, timeout)
    if url.startswith("https://"):
        if client_certificate is None or client_key is None or server_ca is None:
            raise CenterError("https needs client_certificate, client_key and server_ca")
        from issuance_server.http_client import HttpsCenterLink

        return HttpsCenterLink(
            url, kiosk_id, client_certificate, client_key, server_ca, timeout=timeout
        )
    raise CenterError(f"unsupported center URL {url!r}: use embedded: or https://")
