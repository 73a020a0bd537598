"""Screens shared by the flows: waiting messages, the PIN keypad, closing notices."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QWidget

from kiosk_app.screens.base import Screen
from kiosk_app.screens.pictures import Picture, PictureRow
from kiosk_app.screens.widgets import Keypad, make_button, make_label
from kiosk_app.session.card import CardFlow
from kiosk_app.session.flow import SessionFlow
from kiosk_app.session.kiosk import Kiosk
from kiosk_app.session.pin import PIN_LENGTH
from kiosk_app.session.steps import NoticeKind, Step

#: The picture of each waiting step that asks for or concerns a physical action.
_PICTURE_OF_STEP = {
    Step.PLACE_CARD: Picture.PLACE_CARD,
    Step.READING_CARD: Picture.CARD_ON_READER,
    Step.VERIFYING: Picture.CARD_ON_READER,
    Step.REMOVE_CARD: Picture.REMOVE_CARD,
}


#: Waits on the server or a printer: a bar fills towards the step's time-out (the longest wait).
_WAITS = frozenset(
    {Step.VERIFYING, Step.DOWNLOADING, Step.RECEIPT, Step.REG_SUBMITTING, Step.STATUS_CHECKING}
)
WAIT_TICK_MS = 200


class MessageScreen(Screen):
    """A step where the kiosk waits for the card, a device or the server: one big message."""

    object_name = "messageScreen"

    def __init__(self, kiosk: Kiosk, parent: QWidget | None = None) -> None:
        super().__init__(kiosk, parent)
        self.message = make_label("messageLabel")
        self.pictures = PictureRow(kiosk.config.kiosk.layout)
        self.wait_bar = QProgressBar()
        self.wait_bar.setObjectName("waitProgress")
        self.wait_bar.setTextVisible(False)
        self.wait_bar.hide()
        self._waiting_since = QElapsedTimer()
        self._waited_step: Step | None = None
        self._wait_timer = QTimer(self)
        self._wait_timer.setInterval(WAIT_TICK_MS)
        self._wait_timer.timeout.connect(self._on_wait_tick)
        self.body.addStretch(1)
        self.body.addWidget(self.message)
        self.body.addWidget(self.pictures)
        self.body.addWidget(self.wait_bar)
        self.body.addStretch(1)

    def show_state(self) -> None:
        step = self.kiosk.step
        self._show_wait(step)
        picture = _PICTURE_OF_STEP.get(step)
        self.pictures.show_pictures([picture] if picture is not None else [])
        texts = {
            Step.CHECKING_PRINTER: (self.tr("Checking…"), self.tr("Please wait.")),
            Step.ROUTE_LOADING: (
                self.tr("Getting the list of municipalities…"),
                self.tr("Please wait."),
            ),
            Step.PLACE_CARD: (
                self.tr("Place your My Number Card"),
                self.tr("Put the card on the reader and leave it there until asked."),
            ),
            Step.READING_CARD: (self.tr("Reading the card…"), self.tr("Do not move the card.")),
            Step.VERIFYING: (
                self.tr("Checking with the city…"),
                self.tr("Do not move the card."),
            ),
            Step.REMOVE_CARD: (
                self.tr("Please remove your card"),
                self.tr("Take your My Number Card from the reader now."),
            ),
            Step.DOWNLOADING: (
                self.tr("Preparing your certificates…"),
                self.tr("Please wait."),
            ),
            Step.RECEIPT: (self.tr("Printing the receipt…"), self.tr("Please wait.")),
            Step.REG_SUBMITTING: (self.tr("Sending your application…"), self.tr("Please wait.")),
            Step.STATUS_CHECKING: (self.tr("Checking…"), self.tr("Please wait.")),
        }
        title, message = texts.get(step, ("", ""))
        self.title.setText(title)
        self.message.setText(message)

    def _show_wait(self, step: Step) -> None:
        """A bar for a wait on the server or a printer, restarted when such a step begins."""
        flow = self.kiosk.flow
        if step not in _WAITS or flow is None:
            self._wait_timer.stop()
            self._waited_step = None
            self.wait_bar.hide()
            return
        if step is not self._waited_step:
            self._waited_step = step
            self._waiting_since.restart()
            self.wait_bar.setRange(0, int(flow.timeout.seconds * 1000))
            self.wait_bar.setValue(0)
            self._wait_timer.start()
        self.wait_bar.show()

    def _on_wait_tick(self) -> None:
        self.wait_bar.setValue(min(int(self._waiting_since.elapsed()), self.wait_bar.maximum()))

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt API)
        self._wait_timer.stop()
        self._waited_step = None
        super().hideEvent(event)


class PinScreen(Screen):
    """The PIN on the kiosk's own keypad: dots, tries left, a warning before the last try."""

    object_name = "pinScreen"

    def __init__(self, kiosk: Kiosk, parent: QWidget | None = None) -> None:
        super().__init__(kiosk, parent)
        self.dots = make_label("pinDots")
        self.tries = make_label("triesLabel")
        self.warning = make_label("pinWarning")
        self.keypad = Keypad()
        #: The PIN entry (tries left) the keypad was last shuffled for; reset on every return home.
        self._shuffled_for: int | None = -1
        self.ok_button = make_button("pinOkButton", "go")
        self.keypad.key_pressed.connect(
            self.on_flow_text(CardFlow, lambda f, text: f.press_digit(text))
        )
        self.keypad.backspace_pressed.connect(self.on_flow(CardFlow, lambda f: f.backspace()))
        self.keypad.clear_pressed.connect(self.on_flow(CardFlow, lambda f: f.clear_pin()))
        self.ok_button.clicked.connect(self.on_flow(CardFlow, lambda f: f.submit_pin()))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.keypad, 2)
        row.addStretch(1)
        self.body.addWidget(self.dots)
        self.body.addWidget(self.tries)
        self.body.addWidget(self.warning)
        self.body.addLayout(row)
        self.body.addWidget(self.ok_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Enter your 4-digit PIN (利用者証明用)"))
        self.ok_button.setText(self.tr("OK"))
        self.keypad.retranslate()

    def show_state(self) -> None:
        flow = self.flow_as(CardFlow)
        if flow is None:
            return
        if self.kiosk.config.kiosk.shuffle_pin_keypad:
            entry = flow.data.tries_left  # one fewer after a wrong PIN: a new entry
            if entry != self._shuffled_for:
                self._shuffled_for = entry
                self.keypad.shuffle()
        count = flow.data.pin.count
        self.dots.setText("●" * count + "○" * (PIN_LENGTH - count))
        self.ok_button.setEnabled(flow.data.pin.full)
        tries = flow.data.tries_left
        self.tries.setText(self.tr("Tries left: {n}").format(n=tries) if tries is not None else "")
        lines = []
        error = flow.data.pin_error
        if error is not None and error.kind is NoticeKind.WRONG_PIN:
            lines.append(self.texts.notice(error))
        if flow.last_try_warning:
            lines.append(
                self.tr("Last try: a wrong PIN now locks the card until the city office resets it.")
            )
        self.warning.setText("\n".join(lines))

    def clear(self) -> None:
        self._shuffled_for = -1  # the next session's entry is shuffled anew
        super().clear()


class NoticeScreen(Screen):
    """A closing message in the person's language, saying what to do; OK goes home."""

    object_name = "noticeScreen"

    def __init__(self, kiosk: Kiosk, parent: QWidget | None = None) -> None:
        super().__init__(kiosk, parent)
        self.message = make_label("noticeMessage")
        self.pictures = PictureRow(kiosk.config.kiosk.layout)
        self.ok_button = make_button("noticeOkButton", "go")
        self.ok_button.clicked.connect(self.on_flow(SessionFlow, lambda f: f.acknowledge()))
        self.body.addStretch(1)
        self.body.addWidget(self.message)
        self.body.addWidget(self.pictures)
        self.body.addStretch(1)
        self.body.addWidget(self.ok_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Notice"))
        self.ok_button.setText(self.tr("OK"))

    def cancellable(self) -> bool:
        return False

    def show_state(self) -> None:
        flow = self.kiosk.flow
        notice = flow.data.notice if flow is not None else None
        self.message.setText(self.texts.notice(notice) if notice is not None else "")
        pictures = []
        if notice is not None and notice.take_card:
            pictures.append(Picture.REMOVE_CARD)
        if notice is not None and (notice.returned_yen or notice.refund_yen):
            pictures.append(Picture.TAKE_CHANGE)
        self.pictures.show_pictures(pictures)
