"""The kiosk's tests: screen languages reset after each (Qt), and the GUI kiosk's fixtures.

Both come from tests/support (qt.py, gui.py), which other test packages share.
"""

from tests.support.gui import desktop, kiosk, kiosk_config, resident
from tests.support.qt import _source_language_after_each_test

__all__ = [
    "_source_language_after_each_test",
    "desktop",
    "kiosk",
    "kiosk_config",
    "resident",
]
