"""The ``embedded:`` center link: the issuance service in the kiosk's own process (demo, tests)."""

from __future__ import annotations

import time

from issuance_contract.errors import CenterUnavailableError
from issuance_contract.fonts import FontMissingError
from issuance_contract.link import CenterLink
from issuance_contract.messages import (
    AuthSession,
    Challenge,
    Issuance,
    OrderItem,
    OutcomeReport,
    RegistrationForm,
    RegistrationStatus,
)
from issuance_server.database import StorageError
from issuance_server.service import IssuanceService


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

    def report_outcome(self, token: str, request_id: str, report: OutcomeReport) -> None:
        with _StorageGuard():
            self.service.report_outcome(self._kiosk_id, token, request_id, report)

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
