"""The drivers' common error base: every driver error is a ``DriverError``.

Each device kind keeps its own tree under it (``NfcError``, ``CoinMechError``,
``PrinterError``); a time-out is also a ``TimeoutError`` and a bad device URL a ``ValueError``,
so a caller can catch them by kind or by nature.
"""

from __future__ import annotations


class DriverError(Exception):
    """Base of every error a driver raises."""


class DeviceTimeoutError(DriverError, TimeoutError):
    """A device did not answer or finish in time."""


class DeviceUrlError(DriverError, ValueError):
    """A device URL in the configuration cannot be used."""
