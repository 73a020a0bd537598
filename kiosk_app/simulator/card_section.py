"""The panel's card section: pick a demo person, read their card's face, tap and remove it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QFormLayout, QGridLayout, QGroupBox, QLabel

from drivers.nfc.sim import SimCardReader
from drivers.nfc.virtual_card import VirtualMyNumberCard
from kiosk_app.automation import mark_readout
from kiosk_app.simulator.demo_people import CardFace, DemoPerson
from kiosk_app.simulator.widgets import button, label

#: Shown for what a demo person's record does not say.
UNKNOWN = "-"


class CardFaceView(QGroupBox):
    """The chosen card's face (name, birth date, expiry, security code) and what the person
    knows by heart (本籍 as 町名 and 番地, 筆頭者 and its reading): dates as typed, YYYYMMDD."""

    def __init__(self) -> None:
        super().__init__("カード券面・本籍（架空）/ Card face and 本籍 (fictitious)")
        self.setObjectName("simCardFace")
        self.name = mark_readout(label("simCardName"))
        self.birth_date = mark_readout(label("simCardBirthDate"))
        self.expiry = mark_readout(label("simCardExpiry"))
        self.security_code = mark_readout(label("simCardSecurityCode"))
        self.honseki = mark_readout(label("simPersonHonseki"))
        self.hittosha = mark_readout(label("simPersonHittosha"))
        self.hittosha_reading = mark_readout(label("simPersonHittoshaReading"))
        form = QFormLayout(self)
        for caption, value in (
            ("氏名 / Name", self.name),
            ("生年月日 / Birth date", self.birth_date),
            ("有効期限 / Expiry", self.expiry),
            ("セキュリティコード / Security code", self.security_code),
            ("本籍（町名 番地）/ 本籍 (town, number)", self.honseki),
            ("筆頭者 / Head of the koseki", self.hittosha),
            ("筆頭者のフリガナ / Reading", self.hittosha_reading),
        ):
            form.addRow(QLabel(caption), value)

    def show_face(self, face: CardFace | None) -> None:
        """Show ``face``, or dashes when the person's card face is not known."""
        honseki = " ".join(p for p in (face.honseki_town, face.honseki_banchi) if p) if face else ""
        values = (
            (self.name, face.name if face else ""),
            (self.birth_date, face.birth_date if face else ""),
            (self.expiry, face.expiry if face else ""),
            (self.security_code, face.security_code if face else ""),
            (self.honseki, honseki),
            (self.hittosha, face.hittosha if face else ""),
            (self.hittosha_reading, face.hittosha_reading if face else ""),
        )
        for widget, text in values:
            widget.setText(text or UNKNOWN)


class CardSection(QGroupBox):
    """Pick a demo person, see their PIN and card face, tap their card on the reader and take
    it off."""

    def __init__(self, reader: SimCardReader, cards: Sequence[DemoPerson]) -> None:
        super().__init__("カード / Card")
        self.setObjectName("simCardSection")
        self._reader = reader
        self._cards = list(cards)
        #: One virtual card per person, kept so that wrong PIN tries and locks persist.
        self._virtual: dict[int, VirtualMyNumberCard] = {}
        self.person_combo = QComboBox()
        self.person_combo.setObjectName("simPersonCombo")
        for card in self._cards:
            self.person_combo.addItem(card.person_label)
        self.person_combo.currentIndexChanged.connect(self._on_person_changed)
        self.pin_label = label("simPinLabel")
        self.state_label = label("simCardStateLabel")
        self.face = CardFaceView()
        self.tap_button = button("simTapCardButton", "かざす / Tap card", self.tap)
        self.remove_button = button("simRemoveCardButton", "離す / Remove card", self.remove)
        layout = QGridLayout(self)
        layout.addWidget(self.person_combo, 0, 0, 1, 2)
        layout.addWidget(self.pin_label, 1, 0)
        layout.addWidget(self.state_label, 1, 1)
        layout.addWidget(self.face, 2, 0, 1, 2)
        layout.addWidget(self.tap_button, 3, 0)
        layout.addWidget(self.remove_button, 3, 1)
        self._on_person_changed(self.person_combo.currentIndex())
        self.refresh()

    def select(self, index: int) -> None:
        """Choose the demo person at ``index``."""
        self.person_combo.setCurrentIndex(index)

    def tap(self) -> None:
        """Put the chosen person's card on the reader."""
        index = self.person_combo.currentIndex()
        if index < 0:
            return
        card = self._virtual.get(index)
        if card is None:
            made = self._cards[index].make_card()
            if not isinstance(made, VirtualMyNumberCard):
                raise TypeError(f"demo card made a {type(made).__name__}")
            card = self._virtual[index] = made
        self._reader.insert(card)
        self.refresh()

    def remove(self) -> None:
        """Take the card off the reader."""
        self._reader.remove()
        self.refresh()

    def refresh(self) -> None:
        """Show whether a card is on the reader."""
        present = self._reader.card_present()
        self.state_label.setText("読み取り中 / on the reader" if present else "なし / no card")
        self.remove_button.setEnabled(present)

    def _on_person_changed(self, index: int) -> None:
        person = self._cards[index] if 0 <= index < len(self._cards) else None
        self.pin_label.setText(f"暗証番号 / PIN: {person.pin if person else UNKNOWN}")
        self.face.show_face(person.face if person else None)
