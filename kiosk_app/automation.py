"""Which widgets a person, or a scripted regression run, can operate (see docs/automation.md)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)

#: Widgets that take a touch or a value; each must have a stable objectName.
INTERACTIVE = (QAbstractButton, QComboBox, QLineEdit, QAbstractSlider, QAbstractItemView)
#: The dynamic property that marks a label a script reads (a value it needs to go on).
READOUT = "readout"


def mark_readout(label: QLabel) -> QLabel:
    """Mark ``label`` as one that scripts read, so docs/automation.md lists it."""
    label.setProperty(READOUT, True)
    return label


def part_of_another(widget: QWidget, root: QWidget) -> bool:
    """Whether ``widget`` is an inner part of a combo box or scroll area (its list, scroll bars)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QComboBox | QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def interactive_widgets(root: QWidget) -> list[QWidget]:
    """The interactive widgets under ``root`` (shown or not), inner parts left out."""
    return [
        widget
        for widget in root.findChildren(QWidget)
        if isinstance(widget, INTERACTIVE) and not part_of_another(widget, root)
    ]


def readout_labels(root: QWidget) -> list[QLabel]:
    """The labels under ``root`` marked with ``mark_readout``."""
    return [label for label in root.findChildren(QLabel) if label.property(READOUT) is True]
