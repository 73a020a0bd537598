"""Tests that open kiosk windows: screen languages are reset after each (tests/support/qt.py)."""

from tests.support.qt import _source_language_after_each_test

__all__ = ["_source_language_after_each_test"]
