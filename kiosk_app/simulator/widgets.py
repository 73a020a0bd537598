"""The panel's small widget makers and its own desktop look, whatever the kiosk's style."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton

#: The panel's own look: ordinary desktop sizes, whatever the kiosk's stylesheet says.
PANEL_STYLE = """
QWidget { font-size: 13px; color: #1a1a1a; background: #f0f0f0; }
QPushButton { min-height: 28px; min-width: 0; padding: 2px 10px; border-radius: 4px;
              border: 1px solid #777777; background: #ffffff; font-size: 13px; }
QPushButton:pressed, QPushButton:checked { background: #c8d8f0; }
QGroupBox { font-weight: bold; border: 1px solid #aaaaaa; margin-top: 10px; padding: 6px; }
QLabel#simPinLabel { font-size: 18px; font-weight: bold; }
QLabel#simCardSecurityCode { font-weight: bold; }
"""


def button(name: str, text: str, on_click: Callable[[], object]) -> QPushButton:
    """A push button with an objectName that calls ``on_click``."""
    made = QPushButton(text)
    made.setObjectName(name)
    made.clicked.connect(lambda _checked=False: on_click())
    return made


def switch(name: str, text: str, on_toggle: Callable[[bool], None]) -> QCheckBox:
    """A check box with an objectName that calls ``on_toggle``."""
    box = QCheckBox(text)
    box.setObjectName(name)
    box.toggled.connect(on_toggle)
    return box


def label(name: str, text: str = "") -> QLabel:
    """A read-only label with an objectName."""
    made = QLabel(text)
    made.setObjectName(name)
    made.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return made
