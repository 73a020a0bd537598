"""The card on the reader: whether one is there, its PIN tries, and signing in with it."""

from __future__ import annotations

import hashlib

from drivers.nfc.reader import CardReader
from issuance_contract.link import CenterLink
from issuance_contract.messages import Route
from kiosk_app.devices.errors import classified
from kiosk_app.devices.session_views import offer_view
from kiosk_app.session.model import AuthResult, MunicipalityView, RouteChoice


class CardAccess:
    """Reads the card and signs the server's challenge with it (the PIN zeroed after use)."""

    def __init__(self, reader: CardReader, center: CenterLink) -> None:
        self._reader = reader
        self._center = center

    def card_present(self) -> bool:
        """Whether a card is on the reader."""
        return self._reader.card_present()

    @classified
    def read_card(self) -> int:
        """Check the card and read its PIN tries left (no try used)."""
        card = self._reader.connect()
        try:
            return card.pin_tries_left()
        finally:
            card.disconnect()

    @classified
    def municipalities(self) -> list[MunicipalityView]:
        """The relay center's directory."""
        return [
            MunicipalityView(m.code, m.name, m.prefecture, m.residence, m.honseki, m.registration)
            for m in self._center.directory().municipalities
        ]

    @classified
    def authenticate(self, pin: bytearray, route: RouteChoice | None = None) -> AuthResult:
        """Sign the server's nonce with the card's authentication key, then open a session.

        A store kiosk's ``route`` goes to the center with the card certificate, which it checks
        and routes by (住所地) before the chosen municipality makes the nonce."""
        try:
            card = self._reader.connect()
            try:
                certificate = card.read_auth_certificate()
                if route is None:
                    challenge = self._center.start_authentication()
                else:
                    kind = Route.HONSEKI if route.honseki else Route.RESIDENCE
                    challenge = self._center.start_routed_authentication(
                        kind, certificate, route.code
                    )
                digest = hashlib.sha256(challenge.nonce).digest()
                signature = card.sign_with_auth_key(pin, digest)
            finally:
                card.disconnect()
        finally:
            for i in range(len(pin)):
                pin[i] = 0
        session = self._center.authenticate(challenge.challenge_id, certificate, signature)
        offers = [offer_view(offer) for offer in session.offers]
        return AuthResult(session.token, offers, session.municipality_name)
