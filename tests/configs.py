"""Configurations for tests: the kiosk's hours must never make a test depend on the wall clock."""

from __future__ import annotations

import msgspec

from kiosk_app.config import Config


def around_the_clock(config: Config) -> Config:
    """``config`` with every certificate served at any hour of any day (no closed days, no
    maintenance dates, no weekday-only types); tests of the hours build their own."""
    certificates = {
        kind: msgspec.structs.replace(settings, hours="00:00-24:00", weekdays_only=False)
        for kind, settings in config.certificates.items()
    }
    kiosk = msgspec.structs.replace(config.kiosk, closed_days=[], maintenance_dates=[])
    return msgspec.structs.replace(config, certificates=certificates, kiosk=kiosk)
