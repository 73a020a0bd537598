"""End-to-end GUI tests: their fixtures, from tests/support/gui.py."""

from tests.support.gui import (
    desktop,
    kiosk,
    kiosk_config,
    resident,
)

__all__ = [
    "desktop",
    "kiosk",
    "kiosk_config",
    "resident",
]
