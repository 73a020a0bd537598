"""Re-emits driver callbacks as queued Qt signals and runs blocking jobs on worker threads."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from kiosk_app.session.model import PaymentResult, PaymentState

log = logging.getLogger(__name__)
T = TypeVar("T")


class _Job(QRunnable):
    """One blocking job; its outcome is posted back to the GUI thread."""

    def __init__(
        self,
        bridge: DeviceBridge,
        job: Callable[[], object],
        on_done: Callable[[object], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        super().__init__()
        self._bridge, self._job, self._on_done, self._on_error = bridge, job, on_done, on_error

    def run(self) -> None:
        on_done, on_error = self._on_done, self._on_error
        try:
            result = self._job()
        except Exception as exc:  # handed to the flow, which tells the person
            error = exc
            self._bridge.post(lambda: on_error(error))
        else:
            self._bridge.post(lambda: on_done(result))
        finally:
            self._job = self._on_done = self._on_error = _drop


def _drop(*_args: object) -> None:
    """Placeholder that holds no reference once a job is done."""


class DeviceBridge(QObject):
    """The only way device events reach widgets: signals delivered on the GUI thread.

    It is also the session flows' executor (``submit``/``post``): server calls and print jobs
    run on its thread pool, never on the GUI thread.
    """

    #: A card was placed on the reader.
    card_inserted = Signal()
    #: The card left the reader.
    card_removed = Signal()
    #: Coins were credited: PaymentState.
    payment_updated = Signal(object)
    #: A payment ended: PaymentResult.
    payment_finished = Signal(object)
    _deliver = Signal(object)

    def __init__(self, parent: QObject | None = None, workers: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(workers)
        self._deliver.connect(self._on_deliver, Qt.ConnectionType.QueuedConnection)

    # -- thread-safe entry points for driver callbacks -------------------------------------------
    def emit_card_inserted(self) -> None:
        """Reader callback (any thread)."""
        self.card_inserted.emit()

    def emit_card_removed(self) -> None:
        """Reader callback (any thread)."""
        self.card_removed.emit()

    def emit_payment_update(self, state: PaymentState) -> None:
        """Payment listener (any thread)."""
        self.payment_updated.emit(state)

    def emit_payment_finished(self, result: PaymentResult) -> None:
        """Payment listener (any thread)."""
        self.payment_finished.emit(result)

    # -- executor -------------------------------------------------------------------------------
    def submit(
        self,
        job: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        """Run ``job`` on the pool; ``on_done``/``on_error`` run later on the GUI thread."""
        self._pool.start(_Job(self, job, on_done, on_error))  # type: ignore[arg-type]

    def post(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` on the GUI thread (safe from any thread)."""
        self._deliver.emit(callback)

    def wait_for_jobs(self, msecs: int = 10_000) -> bool:
        """Wait until no job runs (shutdown and tests)."""
        return self._pool.waitForDone(msecs)

    @Slot(object)
    def _on_deliver(self, callback: Callable[[], None]) -> None:
        callback()
