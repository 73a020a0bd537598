"""A store kiosk's route screens: 住所地 or 本籍地, then prefecture and municipality lists."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from kiosk_app.screens.base import Screen
from kiosk_app.screens.widgets import make_button, make_label
from kiosk_app.session.card import CardFlow
from kiosk_app.session.kiosk import Kiosk
from kiosk_app.session.steps import Step

_COLUMNS = 3


class RouteScreen(Screen):
    """Whose certificates: the municipality where I live, or my 本籍地 elsewhere."""

    object_name = "routeScreen"

    def __init__(self, kiosk: Kiosk, parent: QWidget | None = None) -> None:
        super().__init__(kiosk, parent)
        self.hint = make_label("routeHint")
        self.residence_button = make_button("routeResidenceButton", "option")
        self.honseki_button = make_button("routeHonsekiButton", "option")
        self.residence_button.clicked.connect(
            self.on_flow(CardFlow, lambda f: f.choose_residence())
        )
        self.honseki_button.clicked.connect(self.on_flow(CardFlow, lambda f: f.choose_honseki()))
        self.body.addWidget(self.hint)
        self.body.addWidget(self.residence_button)
        self.body.addWidget(self.honseki_button)
        self.body.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Which municipality's certificates?"))
        self.hint.setText(
            self.tr("Your card tells where you live; a 本籍地 elsewhere needs a registration.")
        )
        self.residence_button.setText(self.tr("Where I live (住所地)"))
        self.honseki_button.setText(self.tr("My 本籍地 in another municipality"))


class PlaceListScreen(Screen):
    """The prefectures, then the municipalities of one, that offer what this session needs."""

    object_name = "placeListScreen"

    def __init__(self, kiosk: Kiosk, parent: QWidget | None = None) -> None:
        super().__init__(kiosk, parent)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.place_buttons: list[QPushButton] = []
        self.back_button = make_button("routeBackButton")
        self.back_button.clicked.connect(self.on_flow(CardFlow, lambda f: f.route_back()))
        self.body.addWidget(self.grid_host)
        self.body.addStretch(1)
        self.add_button_row(self.back_button)
        self._shown: list[str] = []
        self.retranslate()

    def retranslate(self) -> None:
        flow = self.flow_as(CardFlow)
        municipalities = flow is not None and flow.step is Step.ROUTE_MUNICIPALITY
        self.title.setText(
            self.tr("本籍地: choose the municipality")
            if municipalities
            else self.tr("本籍地: choose the prefecture")
        )
        self.back_button.setText(self.tr("Back"))

    def show_state(self) -> None:
        flow = self.flow_as(CardFlow)
        if flow is None:
            return
        self.retranslate()
        if flow.step is Step.ROUTE_MUNICIPALITY:
            places = [(m.code, m.name) for m in flow.prefecture_municipalities]
        else:
            places = [(name, name) for name in flow.prefectures]
        keys = [key for key, _ in places]
        self.back_button.setVisible(flow.step is Step.ROUTE_MUNICIPALITY or not flow.registering)
        if keys == self._shown:
            return
        for button in self.place_buttons:
            button.deleteLater()
        self.place_buttons = []
        for index, (key, label) in enumerate(places):
            button = make_button(f"place_{index}", "option")
            button.setText(label)
            button.clicked.connect(lambda _checked=False, k=key: self._on_place(k))
            self.grid.addWidget(button, index // _COLUMNS, index % _COLUMNS)
            self.place_buttons.append(button)
        self._shown = keys

    def _on_place(self, key: str) -> None:
        flow = self.flow_as(CardFlow)
        if flow is None:
            return
        if flow.step is Step.ROUTE_MUNICIPALITY:
            flow.choose_municipality(key)
        else:
            flow.choose_prefecture(key)

    def clear(self) -> None:
        super().clear()
        for button in self.place_buttons:
            button.deleteLater()
        self.place_buttons = []
        self._shown = []
