"""A center link the simulator panel can switch off, wrapped around the demo's link at opening."""

from __future__ import annotations

from collections.abc import Callable

from issuance_contract.errors import CenterUnavailableError
from issuance_contract.link import CenterLink
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
from kiosk_app.config import Config

EMBEDDED = "embedded:"


class SwitchableCenterLink(CenterLink):
    """A center link the panel can switch off: while ``down``, every call raises
    ``CenterUnavailableError`` as an unreachable server does."""

    def __init__(self, inner: CenterLink) -> None:
        self.inner = inner
        self.down = False

    def _up(self) -> CenterLink:
        if self.down:
            raise CenterUnavailableError("the server is switched off in the simulator")
        return self.inner

    def start_authentication(self) -> Challenge:
        """As the inner link, unless down."""
        return self._up().start_authentication()

    def start_routed_authentication(
        self, route: Route, certificate_der: bytes, municipality_code: str | None = None
    ) -> Challenge:
        """As the inner link, unless down."""
        return self._up().start_routed_authentication(route, certificate_der, municipality_code)

    def directory(self) -> Directory:
        """As the inner link, unless down."""
        return self._up().directory()

    def authenticate(
        self, challenge_id: str, certificate_der: bytes, signature: bytes
    ) -> AuthSession:
        """As the inner link, unless down."""
        return self._up().authenticate(challenge_id, certificate_der, signature)

    def issue(self, token: str, items: list[OrderItem], idempotency_key: str) -> Issuance:
        """As the inner link, unless down."""
        return self._up().issue(token, items, idempotency_key)

    def report_outcome(self, token: str, request_id: str, report: OutcomeReport) -> None:
        """As the inner link, unless down."""
        self._up().report_outcome(token, request_id, report)

    def cancel(self, token: str, request_id: str) -> None:
        """As the inner link, unless down."""
        self._up().cancel(token, request_id)

    def cancel_by_key(self, token: str, idempotency_key: str) -> None:
        """As the inner link, unless down."""
        self._up().cancel_by_key(token, idempotency_key)

    def submit_registration(self, token: str, form: RegistrationForm) -> str:
        """As the inner link, unless down."""
        return self._up().submit_registration(token, form)

    def registration_status(self, number: str) -> RegistrationStatus:
        """As the inner link, unless down."""
        return self._up().registration_status(number)

    def end_session(self, token: str) -> None:
        """As the inner link, unless down."""
        self._up().end_session(token)

    def close(self) -> None:
        """Close the inner link (also when down)."""
        self.inner.close()


def center_wrapper(config: Config) -> Callable[[CenterLink], CenterLink] | None:
    """What ``open_services`` wraps the center link in for ``config``: a switchable link for
    the demo's ``embedded:`` server (the panel's server switch), nothing for a real server."""
    return SwitchableCenterLink if config.center.url.startswith(EMBEDDED) else None
