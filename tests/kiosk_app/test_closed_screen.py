"""Hours and closures on the home screen: closed days and maintenance dates close the kiosk."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import msgspec
import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from issuance_contract.service_calendar import KIOSK_TIMEZONE, ClosedReason
from kiosk_app.app import build_window
from kiosk_app.config import Config, Language
from kiosk_app.main_window import KioskWindow
from kiosk_app.voice.prompter import RecordingPrompter

WAIT_MS = 30_000


def _today_in_japan() -> dt.date:
    return dt.datetime.now(KIOSK_TIMEZONE).date()


@pytest.fixture
def closed_for_maintenance(demo_config: Config) -> Config:
    kiosk = msgspec.structs.replace(demo_config.kiosk, maintenance_dates=[_today_in_japan()])
    return msgspec.structs.replace(demo_config, kiosk=kiosk)


def _window(qtbot: QtBot, qapp: QApplication, config: Config) -> KioskWindow:
    window = build_window(qapp, config, voice=RecordingPrompter())
    qtbot.addWidget(window)
    window.show()
    availability = window.home.findChild(QLabel, "availabilityLabel")
    assert availability is not None
    qtbot.waitUntil(lambda: window.kiosk.ready, timeout=WAIT_MS)
    return window


@pytest.fixture
def closed_window(
    qtbot: QtBot, qapp: QApplication, closed_for_maintenance: Config
) -> Iterator[KioskWindow]:
    window = _window(qtbot, qapp, closed_for_maintenance)
    yield window
    window.shutdown()


@pytest.fixture
def open_window(qtbot: QtBot, qapp: QApplication, demo_config: Config) -> Iterator[KioskWindow]:
    window = _window(qtbot, qapp, demo_config)
    yield window
    window.shutdown()


def _availability(window: KioskWindow) -> str:
    label = window.home.findChild(QLabel, "availabilityLabel")
    assert label is not None
    return label.text()


def test_a_maintenance_date_closes_every_service(qtbot: QtBot, closed_window: KioskWindow) -> None:
    home = closed_window.home
    qtbot.waitUntil(lambda: home.closed_reason is ClosedReason.MAINTENANCE, timeout=WAIT_MS)
    assert not home.issue_button.isEnabled()
    assert not home.registration_button.isEnabled()
    assert not home.status_button.isEnabled()
    qtbot.mouseClick(home.language_buttons[Language.EN], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Closed today for maintenance." in _availability(closed_window))
    tomorrow = (_today_in_japan() + dt.timedelta(days=1)).isoformat()
    assert f"Service resumes {tomorrow}" in _availability(closed_window)


def test_the_closed_notice_is_translated(qtbot: QtBot, closed_window: KioskWindow) -> None:
    qtbot.waitUntil(lambda: "メンテナンス" in _availability(closed_window), timeout=WAIT_MS)


def test_an_open_kiosk_offers_its_services(qtbot: QtBot, open_window: KioskWindow) -> None:
    home = open_window.home
    qtbot.waitUntil(home.issue_button.isEnabled, timeout=WAIT_MS)
    assert home.closed_reason is None
    assert _availability(open_window) == ""


def test_outside_hours_then_open_again(qtbot: QtBot, open_window: KioskWindow) -> None:
    home = open_window.home
    qtbot.waitUntil(home.issue_button.isEnabled, timeout=WAIT_MS)
    reopens = dt.datetime(2026, 12, 1, 6, 30, tzinfo=KIOSK_TIMEZONE)
    home.set_closed(ClosedReason.OUTSIDE_HOURS, reopens)
    assert not home.issue_button.isEnabled()
    QCoreApplication.processEvents()
    assert "2026-12-01 06:30" in _availability(open_window)
    home.set_closed(None, None)
    assert home.issue_button.isEnabled()
