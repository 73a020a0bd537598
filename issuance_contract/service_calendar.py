"""When the kiosk serves which certificate: per-type hours, weekdays, closed and maintenance days.

Times are the kiosk's local time (``kiosk.time_zone``, Asia/Tokyo unless configured): a naive
datetime is taken as it is, an aware one is converted to that zone. "Weekdays only" means Monday
to Friday except Japanese national holidays (振替休日 and 国民の休日 included, from the
``jpholiday`` package). Hours lie within one day (``"HH:MM-HH:MM"``, the close time excluded;
``24:00`` is midnight).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Annotated
from zoneinfo import ZoneInfo

from issuance_contract.certificates import CertificateConfig, CertificateType
from issuance_contract.toml_schema import described

KIOSK_TIMEZONE = ZoneInfo("Asia/Tokyo")
#: A yearly closed day in the settings.
MonthDay = Annotated[str, described(r"^\d{2}-\d{2}$", "a day as MM-DD")]
#: The days the kiosk is closed every year unless configured otherwise (the year-end holidays).
YEAR_END_CLOSED_DAYS = ("12-29", "12-30", "12-31", "01-01", "01-02", "01-03")
_LOOKAHEAD_DAYS = 400


class ClosedReason(StrEnum):
    """Why a certificate type (or the whole kiosk) is not served; values are reason codes."""

    NOT_OFFERED = "not_offered"  # disabled in the configuration
    MAINTENANCE = "maintenance"  # a configured maintenance date
    CLOSED_DAY = "closed_day"  # a yearly closed day, or a weekend/holiday for a weekday-only type
    OUTSIDE_HOURS = "outside_hours"  # a service day, but before opening or after closing


@dataclass(frozen=True)
class ServiceState:
    """What the kiosk offers at one moment."""

    at: dt.datetime
    open_types: tuple[CertificateType, ...]
    closed_types: dict[CertificateType, ClosedReason] = field(default_factory=dict)
    reopens_at: dt.datetime | None = None

    @property
    def closed(self) -> bool:
        """True if no certificate at all can be issued now (show the closed screen)."""
        return not self.open_types

    @property
    def closed_reason(self) -> ClosedReason | None:
        """Why the whole kiosk is closed, or None while something is open."""
        if self.open_types:
            return None
        reasons = set(self.closed_types.values()) - {ClosedReason.NOT_OFFERED}
        if not reasons:
            return ClosedReason.NOT_OFFERED
        for reason in (ClosedReason.MAINTENANCE, ClosedReason.CLOSED_DAY):
            if reasons == {reason}:
                return reason
        return ClosedReason.OUTSIDE_HOURS


class ServiceCalendar:
    """Answers "is this certificate type served now?" from the certificate settings.

    The kiosk and the issuance server both ask it, so that they never disagree.
    """

    def __init__(
        self,
        certificates: Mapping[CertificateType, CertificateConfig],
        closed_days: Iterable[str] = (),
        maintenance_dates: Iterable[dt.date] = (),
        zone: ZoneInfo = KIOSK_TIMEZONE,
    ) -> None:
        self._zone = zone
        self._certificates = certificates
        self._closed_days = frozenset(closed_days)
        self._maintenance = frozenset(maintenance_dates)

    def state_at(self, when: dt.datetime | None = None) -> ServiceState:
        """The open and closed types at ``when`` (default: now, in the kiosk's zone)."""
        local = self._local(when)
        open_types: list[CertificateType] = []
        closed: dict[CertificateType, ClosedReason] = {}
        for certificate_type in CertificateType:
            reason = self.reason_closed(certificate_type, local)
            if reason is None:
                open_types.append(certificate_type)
            else:
                closed[certificate_type] = reason
        reopens = None if open_types else self.next_opening(local)
        return ServiceState(local, tuple(open_types), closed, reopens)

    def is_open(self, certificate_type: CertificateType, when: dt.datetime | None = None) -> bool:
        """True if ``certificate_type`` can be issued at ``when``."""
        return self.reason_closed(certificate_type, self._local(when)) is None

    def reason_closed(
        self, certificate_type: CertificateType, when: dt.datetime
    ) -> ClosedReason | None:
        """Why ``certificate_type`` is not served at ``when``, or None if it is."""
        local = self._local(when)
        settings = self._certificates[certificate_type]
        if not settings.enabled:
            return ClosedReason.NOT_OFFERED
        day_closed = self.day_closed(local.date())
        if day_closed is not None:
            return day_closed
        if settings.weekdays_only and not self._is_working_day(local.date()):
            return ClosedReason.CLOSED_DAY
        hours = settings.service_hours
        if not hours.open <= local.time() < hours.close:
            return ClosedReason.OUTSIDE_HOURS
        return None

    def day_closed(self, day: dt.date) -> ClosedReason | None:
        """MAINTENANCE or CLOSED_DAY if the whole kiosk is closed on ``day``, else None."""
        if day in self._maintenance:
            return ClosedReason.MAINTENANCE
        if day.strftime("%m-%d") in self._closed_days:
            return ClosedReason.CLOSED_DAY
        return None

    def next_opening(self, when: dt.datetime | None = None) -> dt.datetime | None:
        """The first moment after ``when`` at which a closed type opens (None within 400 days)."""
        local = self._local(when)
        for offset in range(_LOOKAHEAD_DAYS):
            day = local.date() + dt.timedelta(days=offset)
            openings = [
                dt.datetime.combine(day, self._certificates[t].service_hours.open, local.tzinfo)
                for t in CertificateType
                if self._serves_on(t, day)
            ]
            later = [moment for moment in openings if moment > local]
            if later:
                return min(later)
        return None

    def _serves_on(self, certificate_type: CertificateType, day: dt.date) -> bool:
        settings = self._certificates[certificate_type]
        if not settings.enabled or self.day_closed(day) is not None:
            return False
        return self._is_working_day(day) or not settings.weekdays_only

    def _is_working_day(self, day: dt.date) -> bool:
        if day.weekday() >= 5:
            return False
        import jpholiday  # loaded on first use, after the home screen shows (17 modules)

        return not jpholiday.is_holiday(day)

    def _local(self, when: dt.datetime | None) -> dt.datetime:
        if when is None:
            return dt.datetime.now(self._zone)
        if when.tzinfo is None:
            return when
        return when.astimezone(self._zone)
