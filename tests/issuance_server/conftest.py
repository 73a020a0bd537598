"""The issuance server's tests: its fixtures, from tests/support/server.py."""

from tests.support.server import (
    cards,
    center,
    clock,
    link,
    login,
    pki_dir,
    registry,
    service,
    settings,
)

__all__ = [
    "cards",
    "center",
    "clock",
    "link",
    "login",
    "pki_dir",
    "registry",
    "service",
    "settings",
]
