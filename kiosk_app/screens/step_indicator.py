"""The step indicator on every issuance and registration screen (カード → 暗証番号 → … → 印刷)."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from kiosk_app.screens.widgets import make_label
from kiosk_app.session.progress import Progress, Stage


class StepIndicator(QWidget):
    """Numbered stages with the current one marked (``state`` property: done, current, todo;
    styled by the stylesheets; done ones also carry ✓ and the current one ▶ and bold, so colour
    is not the only sign). The numbers give the order: no arrows, so that the six stages fit
    beside the footer's buttons at 1.5 × with large text in every language."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepIndicator")
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(4)
        self._progress: Progress | None = None
        self._stages: tuple[Stage, ...] = ()
        self.labels: list[QLabel] = []

    def names(self) -> dict[Stage, str]:
        """Each stage's name in the current language."""
        return {
            Stage.DETAILS: self.tr("Details"),
            Stage.CARD: self.tr("Card"),
            Stage.PIN: self.tr("PIN"),
            Stage.CHOOSE: self.tr("Choose"),
            Stage.CONFIRM: self.tr("Confirm"),
            Stage.PAY: self.tr("Payment"),
            Stage.PRINT: self.tr("Printing"),
            Stage.DONE: self.tr("Complete"),
        }

    def show_progress(self, progress: Progress | None) -> None:
        """Show ``progress``, or hide the indicator for None."""
        if progress is None:
            self._progress = None
            self.hide()
            return
        if progress.stages != self._stages:  # labels are kept across sessions: built once a kind
            self._rebuild(progress.stages)
        self._progress = progress
        names = self.names()
        for index, (stage, label) in enumerate(zip(progress.stages, self.labels, strict=True)):
            if index < progress.current:
                state, mark = "done", "✓"
            elif index == progress.current:
                state, mark = "current", "▶"
            else:
                state, mark = "todo", f"{index + 1}"
            label.setText(f"{mark} {names[stage]}")
            if label.property("state") != state:
                label.setProperty("state", state)
                label.style().unpolish(label)
                label.style().polish(label)
        self.show()

    def current_label(self) -> QLabel | None:
        """The label of the current stage, if shown."""
        return self.labels[self._progress.current] if self._progress is not None else None

    def _rebuild(self, stages: tuple[Stage, ...]) -> None:
        while (item := self._row.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        self.labels = []
        self._stages = stages
        for stage in stages:
            label = make_label(f"stage_{stage.value}")
            label.setWordWrap(False)  # a stage is shown whole or the screen test fails
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            self.labels.append(label)
            self._row.addWidget(label)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange and self._progress is not None:
            self.show_progress(self._progress)
        super().changeEvent(event)
