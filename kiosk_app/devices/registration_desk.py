"""The usage registration (利用登録) at the server: the 町名 lists, filing, and its status."""

from __future__ import annotations

from issuance_contract.link import CenterLink
from issuance_contract.messages import RegistrationForm, RegistrationState
from kiosk_app.config import Config
from kiosk_app.devices.errors import classified
from kiosk_app.session.model import RegistrationEntry
from kiosk_app.session.status import NOT_FOUND
from kiosk_app.towns import town_names


class RegistrationDesk:
    """Files registrations and reads their status through the center link."""

    def __init__(self, config: Config, center: CenterLink, towns: list[str]) -> None:
        self._config = config
        self._center = center
        self._towns = towns

    def town_names(self, municipality_code: str | None = None) -> list[str]:
        """The 町名 list of the kiosk's city, or of a chosen municipality (a store kiosk)."""
        if municipality_code is None or municipality_code == self._config.municipality.code:
            return list(self._towns)
        return town_names(municipality_code)

    @classified
    def submit_registration(self, token: str, entry: RegistrationEntry) -> str:
        """File the usage registration; returns the 申請番号."""
        city = entry.municipality or self._config.municipality.name
        form = RegistrationForm(
            honseki=f"{city}{entry.honseki_town}{entry.honseki_banchi}",
            hittosha=entry.hittosha_reading,
            hittosha_kana=entry.hittosha_reading,
            phone=entry.phone,
            birth_date=entry.birth_date,
            card_expiry=entry.card_expiry,
            card_security_code=entry.security_code,
        )
        return self._center.submit_registration(token, form)

    @classified
    def registration_status(self, number: str) -> str:
        """The status of a registration by number."""
        status = self._center.registration_status(number)
        return NOT_FOUND if status.state is RegistrationState.UNKNOWN else status.state.value
