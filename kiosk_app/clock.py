"""The kiosk's one clock: every time a person sees or gets printed, in the kiosk's zone.

A kiosk issues dated legal documents under Japanese rules, so the home screen's clock, the
receipt's 発行日時, the slips and the service hours all read this clock, in the configured
``kiosk.time_zone`` (default Asia/Tokyo) whatever zone the PC's system is set to. Journals and
logs keep UTC.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from kiosk_app.config import Config


def utc_now() -> dt.datetime:
    """Now, as an aware UTC datetime (what journals keep)."""
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class KioskClock:
    """Now and today in the kiosk's zone; ``source`` gives the UTC time (tests fix it)."""

    zone: ZoneInfo
    source: Callable[[], dt.datetime] = utc_now

    @classmethod
    def of_kiosk(cls, config: Config) -> KioskClock:
        """The clock of the configured zone."""
        return cls(ZoneInfo(config.kiosk.time_zone))

    def now(self) -> dt.datetime:
        """Now, aware, in the kiosk's zone."""
        return self.source().astimezone(self.zone)

    def today(self) -> dt.date:
        """Today's date in the kiosk's zone."""
        return self.now().date()

    def local(self, moment: dt.datetime) -> dt.datetime:
        """``moment`` in the kiosk's zone (a naive one is taken as the kiosk's local time)."""
        if moment.tzinfo is None:
            return moment.replace(tzinfo=self.zone)
        return moment.astimezone(self.zone)
