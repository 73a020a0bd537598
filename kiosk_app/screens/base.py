"""The frame every session screen shares: title, body, "more time?" banner, cancel, step
indicator, stop voice."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk_app.screens.step_indicator import StepIndicator
from kiosk_app.screens.texts import Texts
from kiosk_app.screens.widgets import make_button, make_label
from kiosk_app.session.flow import SessionFlow
from kiosk_app.session.kiosk import Kiosk
from kiosk_app.session.progress import progress_of
from kiosk_app.voice.prompts import Prompt

F = TypeVar("F", bound=SessionFlow)

#: How often the more-time countdown is redrawn while shown.
COUNTDOWN_TICK_MS = 250
#: The voice says how little time is left once, at this many seconds.
SPOKEN_AT_S = 10


def _never_armed() -> int:
    return -1


class Screen(QWidget):
    """A thin view of the current flow: ``show_state()`` shows it, buttons call its actions."""

    #: The screen's stable objectName (for scripted test runs).
    object_name = "screen"

    def __init__(self, kiosk: Kiosk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(self.object_name)
        self.kiosk = kiosk
        self.texts = Texts(self)
        self.step_indicator = StepIndicator()
        self.step_indicator.hide()
        self.title = make_label("screenTitle")
        self.body = QVBoxLayout()
        self.body.setSpacing(16)

        self.more_time_panel = QFrame()
        self.more_time_panel.setObjectName("moreTimePanel")
        self._more_time_label = make_label("moreTimeLabel")
        self.countdown = make_label("moreTimeCountdown")
        self.more_time_button = make_button("moreTimeButton", "go")
        self.more_time_button.clicked.connect(self.on_flow(SessionFlow, lambda f: f.more_time()))
        banner = QHBoxLayout(self.more_time_panel)
        banner.addWidget(self._more_time_label, 1)
        banner.addWidget(self.countdown)
        banner.addWidget(self.more_time_button)
        self.more_time_panel.hide()
        #: Milliseconds before the session times out (the window gives its inactivity timer's).
        self.time_left_ms: Callable[[], int] = _never_armed
        self._countdown_timer = QTimer(self)
        self._countdown_timer.setInterval(COUNTDOWN_TICK_MS)
        self._countdown_timer.timeout.connect(self._on_countdown_tick)
        self._spoken = False

        self.cancel_button = make_button("cancelButton", "cancel")
        self.cancel_button.clicked.connect(self.on_flow(SessionFlow, lambda f: f.cancel()))
        self.stop_voice_button = make_button("stopVoiceButton", "voice")
        self.stop_voice_button.clicked.connect(self._on_stop_voice)
        footer = QHBoxLayout()
        footer.addWidget(self.cancel_button)
        footer.addStretch(1)
        footer.addWidget(self.step_indicator)  # in the footer: it costs the screen no height
        footer.addStretch(1)
        footer.addWidget(self.stop_voice_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 20, 40, 20)
        layout.addWidget(self.more_time_panel)
        layout.addWidget(self.title)
        layout.addLayout(self.body, 1)
        layout.addLayout(footer)
        self._retranslate_frame()

    def flow_as(self, kind: type[F]) -> F | None:
        """The current flow if it is of ``kind``."""
        flow = self.kiosk.flow
        return flow if isinstance(flow, kind) else None

    def on_flow(self, kind: type[F], action: Callable[[F], object]) -> Callable[..., None]:
        """A slot that applies ``action`` to the current flow if it is a ``kind``."""

        def slot(*_signal_args: object) -> None:
            flow = self.flow_as(kind)
            if flow is not None:
                action(flow)

        return slot

    def on_flow_text(
        self, kind: type[F], action: Callable[[F, str], object]
    ) -> Callable[[str], None]:
        """A slot for a key signal: applies ``action(flow, key)`` to a ``kind`` flow."""

        def slot(text: str) -> None:
            flow = self.flow_as(kind)
            if flow is not None:
                action(flow, text)

        return slot

    def add_button_row(self, *buttons: QWidget) -> None:
        """Put ``buttons`` side by side at the bottom of the body."""
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        self.body.addLayout(row)

    def refresh(self) -> None:
        """Show the flow's current state (called on every change)."""
        flow = self.kiosk.flow
        asking = flow is not None and flow.data.asking_more_time
        self.more_time_panel.setVisible(asking)
        if flow is not None and asking and not self._countdown_timer.isActive():
            # A prompt shorter than the spoken mark is not read out over its own first words.
            self._spoken = flow.timeout.seconds <= SPOKEN_AT_S
            self._countdown_timer.start()
        elif not asking:
            self._countdown_timer.stop()
        self._on_countdown_tick()
        self.cancel_button.setVisible(self.cancellable())
        self.step_indicator.show_progress(progress_of(flow, self.kiosk.step))
        self.show_state()

    def cancellable(self) -> bool:
        """Whether this screen offers cancel now."""
        flow = self.kiosk.flow
        return flow is not None and not flow.ended and getattr(flow, "can_cancel", True)

    def show_state(self) -> None:
        """Subclasses show the flow's state."""

    def retranslate(self) -> None:
        """Subclasses apply their fixed texts."""

    def clear(self) -> None:
        """Forget every text that could be personal (called on every return home)."""
        for label in self.findChildren(QLabel):
            label.clear()
        self.step_indicator.show_progress(None)
        self._retranslate_frame()
        self.retranslate()

    def _retranslate_frame(self) -> None:
        self._more_time_label.setText(self.tr("Do you need more time?"))
        self.more_time_button.setText(self.tr("More time"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.stop_voice_button.setText(self.tr("Stop voice"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate_frame()
            self.retranslate()
            if self.kiosk.flow is not None:
                self.show_state()
        super().changeEvent(event)

    def seconds_left(self) -> int | None:
        """Whole seconds before the session times out while asking for more time, else None."""
        remaining = self.time_left_ms()
        if not self.more_time_panel.isVisibleTo(self) or remaining < 0:
            return None
        return (remaining + 999) // 1000

    def _on_countdown_tick(self) -> None:
        seconds = self.seconds_left()
        if seconds is None:
            self.countdown.clear()
            return
        self.countdown.setText(self.tr("{n} s left").format(n=seconds))
        if seconds <= SPOKEN_AT_S and not self._spoken:
            self._spoken = True  # once per prompt: a spoken number every second would hurry
            self.kiosk.voice.play(Prompt.SECONDS_LEFT)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt API)
        self._countdown_timer.stop()
        super().hideEvent(event)

    def _on_stop_voice(self) -> None:
        self.kiosk.voice.stop()
