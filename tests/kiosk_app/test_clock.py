"""One clock in the kiosk's zone, whatever the system's zone: the process runs in UTC here."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import msgspec
import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from issuance_contract.certificates import CertificateType
from issuance_contract.service_calendar import ClosedReason
from kiosk_app.clock import KioskClock
from kiosk_app.config import Config, load_demo_config
from kiosk_app.screens.home import HomeScreen

#: 23:49 UTC on 6 December is 08:49 on 7 December in Tokyo.
UTC_MOMENT = dt.datetime(2026, 12, 6, 23, 49, tzinfo=dt.UTC)
TOKYO = ZoneInfo("Asia/Tokyo")


@pytest.fixture(autouse=True)
def utc_system(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process's local zone is UTC (the default of many Debian installs)."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def with_zone(config: Config, zone: str) -> Config:
    """``config`` with ``kiosk.time_zone`` set."""
    return msgspec.structs.replace(
        config, kiosk=msgspec.structs.replace(config.kiosk, time_zone=zone)
    )


def test_the_kiosk_clock_reads_tokyo_on_a_utc_system() -> None:
    assert dt.datetime.now().astimezone().utcoffset() == dt.timedelta(0)  # the system: UTC
    clock = KioskClock.of_kiosk(load_demo_config())
    assert clock.zone == TOKYO
    fixed = KioskClock(clock.zone, lambda: UTC_MOMENT)
    assert fixed.now() == dt.datetime(2026, 12, 7, 8, 49, tzinfo=TOKYO)
    assert fixed.today() == dt.date(2026, 12, 7)
    assert abs(clock.now() - dt.datetime.now(dt.UTC)) < dt.timedelta(seconds=5)
    assert clock.now().utcoffset() == dt.timedelta(hours=9)


def test_naive_times_are_the_kiosks_and_aware_ones_are_converted() -> None:
    clock = KioskClock(TOKYO)
    assert clock.local(dt.datetime(2026, 12, 7, 8, 49)) == dt.datetime(
        2026, 12, 7, 8, 49, tzinfo=TOKYO
    )
    assert clock.local(UTC_MOMENT).date() == dt.date(2026, 12, 7)


def test_another_configured_zone_is_followed() -> None:
    clock = KioskClock.of_kiosk(with_zone(load_demo_config(), "America/Sao_Paulo"))
    assert KioskClock(clock.zone, lambda: UTC_MOMENT).now().hour == 20


def test_service_hours_follow_the_configured_zone() -> None:
    # 23:49 UTC: juminhyo (06:30-23:00) is closed in UTC but open at 08:49 in Tokyo
    tokyo = load_demo_config().service_calendar()
    utc = with_zone(load_demo_config(), "UTC").service_calendar()
    weekday = dt.datetime(2026, 12, 8, 23, 49, tzinfo=dt.UTC)  # Tuesday 08:49 in Tokyo
    assert tokyo.reason_closed(CertificateType.JUMINHYO, weekday) is None
    assert utc.reason_closed(CertificateType.JUMINHYO, weekday) is ClosedReason.OUTSIDE_HOURS


def test_the_home_screen_clock_shows_tokyo_time(qtbot: QtBot) -> None:
    config = load_demo_config()
    home = HomeScreen(
        config.municipality.name,
        list(config.kiosk.languages),
        KioskClock(TOKYO, lambda: UTC_MOMENT),
    )
    qtbot.addWidget(home)
    label = home.findChild(QLabel, "clockLabel")
    assert label is not None
    assert label.text() == "2026-12-07 08:49"
