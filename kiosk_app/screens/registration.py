"""The usage registration screens: 町名 list, typed fields, confirm, 申請番号."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QPushButton, QStackedWidget, QWidget

from kiosk_app.screens.base import Screen
from kiosk_app.screens.widgets import KanaKeyboard, Keypad, make_button, make_label, modified
from kiosk_app.session.kiosk import Kiosk
from kiosk_app.session.registration import RegistrationFlow
from kiosk_app.session.steps import Step

_TOWN_COLUMNS = 3


class _RegistrationScreen(Screen):
    def flow(self) -> RegistrationFlow | None:
        return self.flow_as(RegistrationFlow)


class TownScreen(_RegistrationScreen):
    """The 本籍's 町名, chosen from the city's list."""

    object_name = "townScreen"

    def __init__(self, kiosk: Kiosk, parent: QWidget | None = None) -> None:
        super().__init__(kiosk, parent)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.town_buttons: list[QPushButton] = []
        self.body.addWidget(self.grid_host)
        self.body.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("本籍: choose the town (町名)"))

    def show_state(self) -> None:
        flow = self.flow()
        if flow is None or len(self.town_buttons) == len(flow.towns):
            return
        for button in self.town_buttons:
            button.deleteLater()
        self.town_buttons = []
        for index, town in enumerate(flow.towns):
            button = make_button(f"town_{index}", "option")
            button.setText(town)
            button.clicked.connect(lambda _checked=False, t=town: self._on_town(t))
            self.grid.addWidget(button, index // _TOWN_COLUMNS, index % _TOWN_COLUMNS)
            self.town_buttons.append(button)

    def _on_town(self, town: str) -> None:
        if (flow := self.flow()) is not None:
            flow.choose_town(town)


class FieldScreen(_RegistrationScreen):
    """One typed field of the form, on the digit keypad or the kana keyboard."""

    object_name = "fieldScreen"

    def __init__(self, kiosk: Kiosk, parent: QWidget | None = None) -> None:
        super().__init__(kiosk, parent)
        self.value = make_label("fieldValue")
        self.hint = make_label("fieldHint")
        self.keypad = Keypad(hyphen=True)
        self.kana = KanaKeyboard()
        self.keys = QStackedWidget()
        self.keys.addWidget(self.keypad)
        self.keys.addWidget(self.kana)
        self.back_button = make_button("backButton")
        self.next_button = make_button("fieldNextButton", "go")
        self.keypad.key_pressed.connect(
            self.on_flow_text(RegistrationFlow, lambda f, text: f.type_char(text))
        )
        self.keypad.backspace_pressed.connect(
            self.on_flow(RegistrationFlow, lambda f: f.backspace())
        )
        self.keypad.clear_pressed.connect(self._on_clear)
        self.kana.key_pressed.connect(
            self.on_flow_text(RegistrationFlow, lambda f, text: f.type_char(text))
        )
        self.kana.modifier_pressed.connect(self._on_modifier)
        self.kana.backspace_pressed.connect(self.on_flow(RegistrationFlow, lambda f: f.backspace()))
        self.back_button.clicked.connect(self.on_flow(RegistrationFlow, lambda f: f.back()))
        self.next_button.clicked.connect(self.on_flow(RegistrationFlow, lambda f: f.next()))
        self.body.addWidget(self.value)
        self.body.addWidget(self.hint)
        self.body.addWidget(self.keys, 1)
        self.add_button_row(self.back_button, self.next_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("Back"))
        self.next_button.setText(self.tr("Next"))
        self.keypad.retranslate()

    def show_state(self) -> None:
        flow = self.flow()
        if flow is None:
            return
        prompts = {
            Step.REG_BANCHI: (self.tr("本籍: lot number (番地)"), self.tr("e.g. 12-3")),
            Step.REG_READING: (
                self.tr("Reading of the 筆頭者's name (フリガナ)"),
                self.tr("In katakana, e.g. カソウ　タロウ"),
            ),
            Step.REG_PHONE: (self.tr("Phone number"), self.tr("Digits only, e.g. 0312345678")),
            Step.REG_BIRTH_DATE: (self.tr("Date of birth"), self.tr("YYYYMMDD, e.g. 19800401")),
            Step.REG_CARD_EXPIRY: (
                self.tr("Card expiry date"),
                self.tr("YYYYMMDD, as printed on the card"),
            ),
            Step.REG_SECURITY_CODE: (
                self.tr("Card security code"),
                self.tr("The 4 digits printed on the front of the card"),
            ),
        }
        title, hint = prompts.get(flow.step, ("", ""))
        self.title.setText(title)
        if flow.field_invalid:
            hint = self.tr("Please check this entry.") + " " + hint
        self.hint.setText(hint)
        self.value.setText(flow.field_text or "＿")
        kana = flow.step is Step.REG_READING
        self.keys.setCurrentWidget(self.kana if kana else self.keypad)

    def _on_modifier(self, key: str) -> None:
        flow = self.flow()
        if flow is None or not flow.field_text:
            return
        changed = modified(flow.field_text[-1], key)
        if changed is not None:
            flow.backspace()
            flow.type_char(changed)

    def _on_clear(self) -> None:
        flow = self.flow()
        while flow is not None and flow.field_text:
            flow.backspace()


class RegistrationConfirmScreen(_RegistrationScreen):
    """The form as entered, to confirm before it is filed."""

    object_name = "registrationConfirmScreen"

    def __init__(self, kiosk: Kiosk, parent: QWidget | None = None) -> None:
        super().__init__(kiosk, parent)
        self.summary = make_label("registrationSummary")
        self.confirm_button = make_button("registrationConfirmButton", "go")
        self.confirm_button.clicked.connect(self.on_flow(RegistrationFlow, lambda f: f.confirm()))
        self.body.addWidget(self.summary)
        self.body.addStretch(1)
        self.body.addWidget(self.confirm_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Please check your application"))
        self.confirm_button.setText(self.tr("Send the application"))

    def show_state(self) -> None:
        flow = self.flow()
        entry = flow.data.registration.entry if flow is not None else None
        if entry is None:
            return
        rows = [
            (self.tr("本籍"), f"{entry.honseki_town} {entry.honseki_banchi}"),
            (self.tr("筆頭者 (reading)"), entry.hittosha_reading),
            (self.tr("Phone"), entry.phone),
            (self.tr("Date of birth"), entry.birth_date.isoformat()),
            (self.tr("Card expiry date"), entry.card_expiry.isoformat()),
            (self.tr("Security code"), "••••"),
        ]
        self.summary.setText("\n".join(f"{name}: {value}" for name, value in rows))


class RegistrationDoneScreen(_RegistrationScreen):
    """The 申請番号, with an optional printed slip."""

    object_name = "registrationDoneScreen"

    def __init__(self, kiosk: Kiosk, parent: QWidget | None = None) -> None:
        super().__init__(kiosk, parent)
        self.number = make_label("applicationNumber")
        self.message = make_label("registrationDoneMessage")
        self.print_button = make_button("printSlipButton")
        self.done_button = make_button("doneButton", "go")
        self.print_button.clicked.connect(self.on_flow(RegistrationFlow, lambda f: f.print_slip()))
        self.done_button.clicked.connect(self.on_flow(RegistrationFlow, lambda f: f.acknowledge()))
        self.body.addWidget(self.message)
        self.body.addWidget(self.number)
        self.body.addStretch(1)
        self.add_button_row(self.print_button, self.done_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Application received"))
        self.message.setText(
            self.tr(
                "Keep this application number (申請番号) to check the status. "
                "Approval takes 1–3 business days."
            )
        )
        self.print_button.setText(self.tr("Print the number"))
        self.done_button.setText(self.tr("Done"))

    def cancellable(self) -> bool:
        return False

    def show_state(self) -> None:
        flow = self.flow()
        if flow is not None:
            self.number.setText(flow.data.registration.application_number)
