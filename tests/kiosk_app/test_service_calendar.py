"""Service hours and closures: per-type hours, weekdays, holidays, closed and maintenance days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from issuance_contract.certificates import CertificateType
from issuance_contract.service_calendar import KIOSK_TIMEZONE, ClosedReason, ServiceCalendar
from kiosk_app.config import Config, load_demo_config

T = CertificateType
ALL = tuple(CertificateType)
DAILY = (T.JUMINHYO, T.INKAN)  # demo config: 06:30-23:00 every service day
WEEKDAY = (T.KOSEKI_ZENBU, T.KOSEKI_KOJIN, T.FUHYO)  # demo config: 09:00-17:00 weekdays only


def _config(
    maintenance: tuple[dt.date, ...] = (),
    closed_days: tuple[str, ...] | None = None,
    certificates: Mapping[str, Mapping[str, object]] | None = None,
) -> Config:
    """The demo config with kiosk closures and some certificate settings replaced."""
    config = load_demo_config(data_dir=Path("/nonexistent"))
    kiosk_update: dict[str, object] = {"maintenance_dates": list(maintenance)}
    if closed_days is not None:
        kiosk_update["closed_days"] = list(closed_days)
    certs = dict(config.certificates)
    for name, update in (certificates or {}).items():
        certs[T(name)] = msgspec.structs.replace(certs[T(name)], **dict(update))
    return msgspec.structs.replace(
        config, kiosk=msgspec.structs.replace(config.kiosk, **kiosk_update), certificates=certs
    )


@pytest.fixture
def calendar() -> ServiceCalendar:
    """The demo configuration's calendar."""
    return _config().service_calendar()


def at(text: str) -> dt.datetime:
    """A naive kiosk-local time from ISO text."""
    return dt.datetime.fromisoformat(text)


@pytest.mark.parametrize(
    ("when", "expected_open"),
    [
        ("2026-11-27T10:00", ALL),  # Friday, all hours
        ("2026-11-27T06:29:59", ()),  # one second before opening
        ("2026-11-27T06:30", DAILY),  # opening minute
        ("2026-11-27T08:59", DAILY),  # koseki not yet
        ("2026-11-27T09:00", ALL),  # koseki opens
        ("2026-11-27T16:59:59", ALL),
        ("2026-11-27T17:00", DAILY),  # koseki closes (close time excluded)
        ("2026-11-27T22:59:59", DAILY),
        ("2026-11-27T23:00", ()),  # everything closed
        ("2026-11-28T10:00", DAILY),  # Saturday: weekday-only types closed
        ("2026-11-29T10:00", DAILY),  # Sunday
        ("2026-11-23T10:00", DAILY),  # 勤労感謝の日 (a Monday)
        ("2026-09-22T10:00", DAILY),  # 国民の休日 between 敬老の日 and 秋分の日
        ("2026-05-06T10:00", DAILY),  # 振替休日
        ("2026-11-24T10:00", ALL),  # the Tuesday after a holiday
        ("2026-12-28T16:59", ALL),  # last service day of the year
        ("2026-12-29T10:00", ()),
        ("2026-12-30T10:00", ()),
        ("2026-12-31T12:00", ()),
        ("2027-01-01T10:00", ()),
        ("2027-01-02T10:00", ()),
        ("2027-01-03T22:00", ()),
        ("2027-01-04T06:30", DAILY),  # first day of the year (Monday)
        ("2027-01-04T09:00", ALL),
        ("2028-02-29T09:00", ALL),  # leap day (Tuesday)
    ],
)
def test_open_types(calendar: ServiceCalendar, when: str, expected_open: tuple[T, ...]) -> None:
    state = calendar.state_at(at(when))
    assert state.open_types == expected_open
    assert state.closed == (not expected_open)
    assert set(state.open_types) | set(state.closed_types) == set(ALL)
    for certificate_type in ALL:
        assert calendar.is_open(certificate_type, at(when)) == (certificate_type in expected_open)


@pytest.mark.parametrize(
    ("when", "certificate_type", "reason"),
    [
        ("2026-11-27T06:29", T.JUMINHYO, ClosedReason.OUTSIDE_HOURS),
        ("2026-11-27T17:00", T.FUHYO, ClosedReason.OUTSIDE_HOURS),
        ("2026-11-28T10:00", T.KOSEKI_ZENBU, ClosedReason.CLOSED_DAY),
        ("2026-11-23T10:00", T.KOSEKI_KOJIN, ClosedReason.CLOSED_DAY),
        ("2026-12-31T10:00", T.INKAN, ClosedReason.CLOSED_DAY),
        ("2026-11-27T10:00", T.JUMINHYO, None),
    ],
)
def test_reason_per_type(
    calendar: ServiceCalendar, when: str, certificate_type: T, reason: ClosedReason | None
) -> None:
    assert calendar.reason_closed(certificate_type, at(when)) == reason


@pytest.mark.parametrize(
    ("when", "reason", "reopens"),
    [
        ("2026-11-27T05:00", ClosedReason.OUTSIDE_HOURS, "2026-11-27T06:30"),
        ("2026-11-27T23:30", ClosedReason.OUTSIDE_HOURS, "2026-11-28T06:30"),
        ("2026-12-28T23:00", ClosedReason.OUTSIDE_HOURS, "2027-01-04T06:30"),
        ("2026-12-29T00:00", ClosedReason.CLOSED_DAY, "2027-01-04T06:30"),
        ("2027-01-03T23:59:59", ClosedReason.CLOSED_DAY, "2027-01-04T06:30"),
    ],
)
def test_whole_kiosk_closed_with_reason_and_reopening(
    calendar: ServiceCalendar, when: str, reason: ClosedReason, reopens: str
) -> None:
    state = calendar.state_at(at(when))
    assert state.closed_reason == reason
    assert state.reopens_at == at(reopens)


def test_open_kiosk_has_no_closed_reason_or_reopening(calendar: ServiceCalendar) -> None:
    state = calendar.state_at(at("2026-11-27T12:00"))
    assert state.closed_reason is None
    assert state.reopens_at is None


def test_maintenance_date_closes_everything_all_day() -> None:
    calendar = _config(maintenance=(dt.date(2026, 12, 1),)).service_calendar()
    for when in ("2026-12-01T00:00", "2026-12-01T10:00", "2026-12-01T23:59:59"):
        state = calendar.state_at(at(when))
        assert state.closed_reason == ClosedReason.MAINTENANCE
        assert set(state.closed_types.values()) == {ClosedReason.MAINTENANCE}
    assert calendar.state_at(at("2026-12-01T10:00")).reopens_at == at("2026-12-02T06:30")
    assert calendar.state_at(at("2026-11-30T22:00")).open_types == DAILY
    assert calendar.state_at(at("2026-12-02T09:00")).open_types == ALL


def test_configured_closed_days_replace_the_default() -> None:
    calendar = _config(closed_days=("08-15",)).service_calendar()
    assert calendar.state_at(at("2026-08-15T10:00")).closed_reason == ClosedReason.CLOSED_DAY
    assert calendar.state_at(at("2026-12-30T10:00")).open_types == ALL  # a Wednesday


def test_disabled_type_is_never_offered() -> None:
    calendar = _config(certificates={"inkan": {"enabled": False}}).service_calendar()
    state = calendar.state_at(at("2026-11-27T10:00"))
    assert T.INKAN not in state.open_types
    assert state.closed_types[T.INKAN] == ClosedReason.NOT_OFFERED


def test_nothing_enabled_is_not_offered_and_never_reopens() -> None:
    calendar = _config(certificates={t.value: {"enabled": False} for t in ALL}).service_calendar()
    state = calendar.state_at(at("2026-11-27T10:00"))
    assert state.closed_reason == ClosedReason.NOT_OFFERED
    assert state.reopens_at is None


def test_hours_until_midnight_and_weekend_only_types() -> None:
    calendar = _config(
        certificates={"juminhyo": {"hours": "00:00-24:00"}, "inkan": {"weekdays_only": True}}
    ).service_calendar()
    assert calendar.is_open(T.JUMINHYO, at("2026-11-28T00:00"))
    assert calendar.is_open(T.JUMINHYO, at("2026-11-28T23:59:59"))
    assert not calendar.is_open(T.INKAN, at("2026-11-28T12:00"))
    assert calendar.is_open(T.INKAN, at("2026-11-27T12:00"))


def test_aware_times_are_taken_in_japan(calendar: ServiceCalendar) -> None:
    utc = dt.UTC
    # 00:30 UTC is 09:30 in Japan (Friday): everything open.
    assert calendar.state_at(dt.datetime(2026, 11, 27, 0, 30, tzinfo=utc)).open_types == ALL
    # 14:30 UTC is 23:30 in Japan: closed until 06:30 Japan time.
    state = calendar.state_at(dt.datetime(2026, 11, 27, 14, 30, tzinfo=utc))
    assert state.closed_reason == ClosedReason.OUTSIDE_HOURS
    assert state.reopens_at == dt.datetime(2026, 11, 28, 6, 30, tzinfo=KIOSK_TIMEZONE)
    # 2026-12-28 20:00 UTC is already 12-29 in Japan: a closed day.
    late = dt.datetime(2026, 12, 28, 20, 0, tzinfo=utc)
    assert calendar.state_at(late).closed_reason == ClosedReason.CLOSED_DAY


def test_now_is_japan_time(calendar: ServiceCalendar) -> None:
    state = calendar.state_at()
    assert state.at.tzinfo is KIOSK_TIMEZONE
    assert abs(state.at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)


@given(
    st.datetimes(min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2032, 12, 31)),
)
def test_every_moment_is_consistent(when: dt.datetime) -> None:
    calendar = _config(maintenance=(dt.date(2027, 6, 1),)).service_calendar()
    state = calendar.state_at(when)
    assert set(state.open_types).isdisjoint(state.closed_types)
    assert set(state.open_types) | set(state.closed_types) == set(ALL)
    year_end = (when.month, when.day) >= (12, 29) or (when.month, when.day) <= (1, 3)
    if year_end or when.date() == dt.date(2027, 6, 1):
        assert state.closed
    if not state.open_types:
        assert state.reopens_at is not None
        assert state.reopens_at > when
        assert calendar.state_at(state.reopens_at).open_types
        assert not calendar.state_at(state.reopens_at - dt.timedelta(seconds=1)).open_types
    if when.weekday() >= 5:
        assert not set(WEEKDAY) & set(state.open_types)
