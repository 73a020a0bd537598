"""Which widgets a person, or a scripted regression run, can operate (see docs/automation.md)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QComboBox,
    QLineEdit,
    QWidget,
)

#: Widgets that take a touch or a value; each must have a stable objectName.
INTERACTIVE = (QAbstractButton, QComboBox, QLineEdit, QAbstractSlider, QAbstractItemView)


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
