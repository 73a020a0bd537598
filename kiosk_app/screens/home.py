"""The home screen: the service menu and the language switch."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from issuance_contract.service_calendar import ClosedReason
from kiosk_app.accessibility import AccessibilityToggles
from kiosk_app.availability import Device, DeviceState, Problem
from kiosk_app.clock import KioskClock
from kiosk_app.config import Language
from kiosk_app.i18n import NATIVE_NAMES
from kiosk_app.screens.widgets import make_button, make_label


class HomeScreen(QWidget):
    """The first screen a person sees; everything personal has been wiped before it shows."""

    #: The person chose to get certificates (証明書の交付).
    issue_requested = Signal()
    #: The person chose the usage registration for a 本籍 in this city (利用登録申請).
    registration_requested = Signal()
    #: The person chose to check a registration's status by its number.
    status_requested = Signal()
    #: The person picked a language, with its code.
    language_requested = Signal(str)

    def __init__(
        self,
        municipality: str,
        languages: list[Language],
        clock: KioskClock,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("homeScreen")
        self._municipality = municipality
        self._kiosk_clock = clock

        self._title = make_label("titleLabel", Qt.AlignmentFlag.AlignCenter)
        self._subtitle = make_label("subtitleLabel", Qt.AlignmentFlag.AlignCenter)
        self._clock = make_label("clockLabel", Qt.AlignmentFlag.AlignRight)
        self._notice = make_label("noticeLabel", Qt.AlignmentFlag.AlignCenter)
        self._availability = make_label("availabilityLabel", Qt.AlignmentFlag.AlignCenter)
        self._state = "ready"
        self._closed: ClosedReason | None = None
        self._issuance_blocker: DeviceState | None = None
        self._reopens_at: dt.datetime | None = None
        self._notice.setWordWrap(True)

        self.issue_button = make_button("issueButton", "primary")
        self.issue_button.clicked.connect(self.issue_requested)
        self.registration_button = make_button("registrationButton")
        self.registration_button.clicked.connect(self.registration_requested)
        self.status_button = make_button("statusButton")
        self.status_button.clicked.connect(self.status_requested)

        menu = QGridLayout()
        menu.addWidget(self.issue_button, 0, 0, 1, 2)
        menu.addWidget(self.registration_button, 1, 0)
        menu.addWidget(self.status_button, 1, 1)
        menu.setSpacing(24)

        self._language_group = QButtonGroup(self)
        self._language_group.setExclusive(True)
        self.language_buttons: dict[Language, QPushButton] = {}
        languages_row = QHBoxLayout()
        languages_row.setSpacing(12)
        for language in languages:
            button = make_button(f"language_{language.value}", "language")
            button.setText(NATIVE_NAMES[language])
            button.setCheckable(True)
            button.clicked.connect(
                lambda _checked=False, code=language.value: self.language_requested.emit(code)
            )
            self._language_group.addButton(button)
            self.language_buttons[language] = button
            languages_row.addWidget(button)

        self.accessibility = AccessibilityToggles()
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.accessibility)
        top.addSpacing(24)
        top.addWidget(self._clock)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.addLayout(top)
        layout.addWidget(self._title)
        layout.addWidget(self._subtitle)
        layout.addSpacing(24)
        layout.addLayout(menu)
        layout.addWidget(self._availability)
        layout.addStretch(1)
        layout.addWidget(self._notice)
        layout.addLayout(languages_row)

        self._clock_timer = QTimer(self)
        self._clock_timer.timeout.connect(self._on_clock_tick)
        self._clock_timer.start(1000)
        self._on_clock_tick()
        self.retranslate()

    def set_availability(self, state: str) -> None:
        """``ready``, ``starting`` (devices opening) or ``out_of_service``; buttons follow."""
        self._state = state
        self._show_availability()

    def set_closed(self, reason: ClosedReason | None, reopens_at: dt.datetime | None) -> None:
        """Show the kiosk closed (closed day, maintenance, outside hours), or open with None."""
        self._closed, self._reopens_at = reason, reopens_at
        self._show_availability()

    def set_issuance_blocked(self, blocker: DeviceState | None) -> None:
        """Show issuance out of service because of ``blocker`` (a device that cannot serve), or
        offered again with None; registration and the status check stay offered."""
        self._issuance_blocker = blocker
        self._show_availability()

    @property
    def issuance_blocker(self) -> DeviceState | None:
        """The device that keeps issuance out of service now, or None."""
        return self._issuance_blocker

    @property
    def closed_reason(self) -> ClosedReason | None:
        """Why the kiosk is closed now, or None."""
        return self._closed

    def _show_availability(self) -> None:
        serving = self._state == "ready" and self._closed is None
        for button in (self.registration_button, self.status_button):
            button.setEnabled(serving)
        self.issue_button.setEnabled(serving and self._issuance_blocker is None)
        self.issue_button.setText(self._issue_text(self._issuance_blocker))
        texts = {
            "ready": "",
            "starting": self.tr("Starting… please wait a moment."),
            "out_of_service": self.tr("Out of service. Please use the city office window."),
        }
        text = texts[self._state]
        if self._state == "ready" and self._closed is not None:
            text = self._closed_text(self._closed)
            if self._reopens_at is not None:
                text += "\n" + self.tr("Service resumes {when}.").format(
                    when=self._reopens_at.strftime("%Y-%m-%d %H:%M")
                )
        self._availability.setText(text)

    def _issue_text(self, blocker: DeviceState | None) -> str:
        if blocker is None:
            return self.tr("Get certificates\n(My Number Card)")
        if blocker.device is Device.CENTER:
            return self.tr("Certificates: out of service\n(no connection to the center)")
        if blocker.device is Device.MONEY_JOURNAL:
            return self.tr("Certificates: out of service\n(payments cannot be recorded)")
        if blocker.device is Device.COIN_ACCEPTOR:
            return self.tr("Certificates: out of service\n(coin machine not working)")
        if blocker.problem is Problem.PAPER_OUT:
            return self.tr("Certificates: out of service\n(printer out of paper)")
        return self.tr("Certificates: out of service\n(printer not working)")

    def _closed_text(self, reason: ClosedReason) -> str:
        return {
            ClosedReason.CLOSED_DAY: self.tr("Closed today (year-end holidays or a closed day)."),
            ClosedReason.MAINTENANCE: self.tr("Closed today for maintenance."),
            ClosedReason.OUTSIDE_HOURS: self.tr("Outside service hours."),
            ClosedReason.NOT_OFFERED: self.tr("Certificates are not offered at this kiosk."),
        }[reason]

    def mark_language(self, code: str) -> None:
        """Show ``code`` as the selected language."""
        button = self.language_buttons.get(Language(code))
        if button is not None:
            button.setChecked(True)

    def retranslate(self) -> None:
        """Apply the texts of the current language."""
        self._title.setText(self.tr("{city} Certificate Kiosk").format(city=self._municipality))
        self._subtitle.setText(self.tr("Please choose a service"))
        self.registration_button.setText(self.tr("Register to use\n(本籍 in this city)"))
        self.status_button.setText(self.tr("Check registration status"))
        self._show_availability()
        self._notice.setText(
            self.tr(
                "Please take your card, certificates and receipt with you. "
                "Personal data is erased when this screen returns."
            )
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_clock_tick(self) -> None:
        self._clock.setText(self._kiosk_clock.now().strftime("%Y-%m-%d %H:%M"))
