"""The status check screens: 申請番号 on a keypad, then the status."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk_app.screens.base import Screen
from kiosk_app.screens.widgets import Keypad, make_button, make_label
from kiosk_app.session.kiosk import Kiosk
from kiosk_app.session.status import StatusFlow


class StatusEntryScreen(Screen):
    """Type the 申請番号."""

    object_name = "statusEntryScreen"

    def __init__(self, kiosk: Kiosk, parent: QWidget | None = None) -> None:
        super().__init__(kiosk, parent)
        self.number = make_label("statusNumber")
        self.keypad = Keypad(hyphen=True)
        self.submit_button = make_button("statusSubmitButton", "go")
        self.keypad.key_pressed.connect(
            self.on_flow_text(StatusFlow, lambda f, text: f.type_char(text))
        )
        self.keypad.backspace_pressed.connect(self.on_flow(StatusFlow, lambda f: f.backspace()))
        self.keypad.clear_pressed.connect(self._on_clear)
        self.submit_button.clicked.connect(self.on_flow(StatusFlow, lambda f: f.submit()))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.keypad, 2)
        row.addStretch(1)
        self.body.addWidget(self.number)
        self.body.addLayout(row, 1)
        self.body.addWidget(self.submit_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Enter your application number (申請番号)"))
        self.submit_button.setText(self.tr("Check"))
        self.keypad.retranslate()

    def show_state(self) -> None:
        flow = self.flow_as(StatusFlow)
        if flow is not None:
            self.number.setText(flow.data.status_number or "＿")

    def _on_clear(self) -> None:
        flow = self.flow_as(StatusFlow)
        while flow is not None and flow.data.status_number:
            flow.backspace()


class StatusResultScreen(Screen):
    """The registration's status."""

    object_name = "statusResultScreen"

    def __init__(self, kiosk: Kiosk, parent: QWidget | None = None) -> None:
        super().__init__(kiosk, parent)
        self.result = make_label("statusResult")
        self.done_button = make_button("doneButton", "go")
        self.done_button.clicked.connect(self.on_flow(StatusFlow, lambda f: f.acknowledge()))
        self.body.addStretch(1)
        self.body.addWidget(self.result)
        self.body.addStretch(1)
        self.body.addWidget(self.done_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Application status"))
        self.done_button.setText(self.tr("Done"))

    def show_state(self) -> None:
        flow = self.flow_as(StatusFlow)
        if flow is not None:
            self.result.setText(self.texts.status(flow.data.status_result))
