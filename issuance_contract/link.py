"""The kiosk's link to the issuance server, as the kiosk sees it (embedded or over HTTPS).

Every method raises ``CenterError`` subclasses only (see issuance_contract.errors).
"""

from __future__ import annotations

import abc

from issuance_contract.errors import CenterError
from issuance_contract.messages import (
    AuthSession,
    Challenge,
    Directory,
    Issuance,
    OrderItem,
    OutcomeReport,
    RegistrationForm,
    RegistrationStatus,
    Route,
)


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
    def report_outcome(self, token: str, request_id: str, report: OutcomeReport) -> None:
        """Tell the server what was printed and charged: the copies of each document that
        came out whole and the fee kept for them (see ``OutcomeReport``)."""

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
