"""A store kiosk's first steps: 住所地 or 本籍地 (prefecture → municipality), then the card.

A city-hall kiosk (``center.relay`` off) goes straight to the card. Only municipalities that
offer what this flow needs are listed: 本籍地 certificates for issuance, 利用登録 for a
registration; a 住所地 session goes where the card belongs (the center decides, not the kiosk).
"""

from __future__ import annotations

from kiosk_app.session.flow import SessionFlow
from kiosk_app.session.model import MunicipalityView, RouteChoice
from kiosk_app.session.steps import Step


class RouteSteps(SessionFlow):
    """The route choice shared by the issuance and registration flows."""

    #: True for a registration: a 本籍地 is the only route, and it must take registrations.
    registering = False

    def _after_route(self) -> None:
        """The flow's next step once the municipality is known (or not needed)."""
        raise NotImplementedError

    def _ask_for_route(self) -> None:
        """Ask which municipality (store kiosk), or go straight on (city hall)."""
        if not self.ctx.config.center.relay:
            self._after_route()
        elif self.registering:
            self._load_municipalities()
        else:
            self._go(Step.ROUTE)

    def choose_residence(self) -> bool:
        """住所地: the municipality the card belongs to."""
        if self.step is not Step.ROUTE:
            return False
        self.data.route = RouteChoice(honseki=False)
        self._after_route()
        return True

    def choose_honseki(self) -> bool:
        """本籍地: pick the prefecture, then the municipality."""
        if self.step is not Step.ROUTE:
            return False
        self._load_municipalities()
        return True

    def _load_municipalities(self) -> None:
        self._go(Step.ROUTE_LOADING)
        self._run(self.ctx.services.municipalities, self._on_municipalities)

    def _on_municipalities(self, municipalities: list[MunicipalityView]) -> None:
        self.data.municipalities = [m for m in municipalities if self._serves(m)]
        self._go(Step.ROUTE_PREFECTURE)

    def _serves(self, m: MunicipalityView) -> bool:
        return m.registration if self.registering else m.honseki

    @property
    def prefectures(self) -> list[str]:
        """The prefectures with a municipality to choose, in directory order."""
        return list(dict.fromkeys(m.prefecture for m in self.data.municipalities))

    @property
    def prefecture_municipalities(self) -> list[MunicipalityView]:
        """The municipalities of the chosen prefecture."""
        return [m for m in self.data.municipalities if m.prefecture == self.data.prefecture]

    def choose_prefecture(self, prefecture: str) -> bool:
        """Pick a prefecture from the list."""
        if self.step is not Step.ROUTE_PREFECTURE or prefecture not in self.prefectures:
            return False
        self.data.prefecture = prefecture
        self._go(Step.ROUTE_MUNICIPALITY)
        return True

    def choose_municipality(self, code: str) -> bool:
        """Pick the 本籍地 municipality; then the card."""
        if self.step is not Step.ROUTE_MUNICIPALITY:
            return False
        found = next((m for m in self.prefecture_municipalities if m.code == code), None)
        if found is None:
            return False
        self.data.route = RouteChoice(honseki=True, code=found.code, name=found.name)
        self.data.municipality_name = found.name
        self._after_route()
        return True

    def route_back(self) -> bool:
        """Back one route step (municipality → prefecture → 住所地/本籍地)."""
        if self.step is Step.ROUTE_MUNICIPALITY:
            self._go(Step.ROUTE_PREFECTURE)
            return True
        if self.step is Step.ROUTE_PREFECTURE and not self.registering:
            self._go(Step.ROUTE)
            return True
        return False
