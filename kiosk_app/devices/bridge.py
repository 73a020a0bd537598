"""Re-emits driver callbacks as queued Qt signals and runs blocking jobs on worker threads."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Qt, Signal, Slot

from kiosk_app.session.model import PaymentProgress, PaymentResult

if TYPE_CHECKING:
    from kiosk_app.availability import DeviceState

log = logging.getLogger(__name__)
T = TypeVar("T")


class DeviceBridge(QObject):
    """The only way device events reach widgets: signals delivered on the GUI thread.

    It is also the session flows' executor (``submit``/``post``): server calls and print jobs
    run on its worker threads, never on the GUI thread. The workers are Python threads that
    live as long as the bridge, so thread-local resources (database connections) are reused.
    """

    #: A card was placed on the reader.
    card_inserted = Signal()
    #: The card left the reader.
    card_removed = Signal()
    #: Coins were credited: PaymentProgress.
    payment_updated = Signal(object)
    #: A payment ended: PaymentResult.
    payment_finished = Signal(object)
    #: A device was found able or unable to serve (the coin acceptor went offline or came
    #: back, an A4 printer check): DeviceState.
    device_state = Signal(object)
    _deliver = Signal(object)

    def __init__(self, parent: QObject | None = None, workers: int = 2) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kiosk-job")
        self._running: set[Future[None]] = set()
        self._lock = threading.Lock()
        self._closed = False
        self._deliver.connect(self._on_deliver, Qt.ConnectionType.QueuedConnection)

    # -- thread-safe entry points for driver callbacks -------------------------------------------
    def emit_card_inserted(self) -> None:
        """Reader callback (any thread)."""
        self.card_inserted.emit()

    def emit_card_removed(self) -> None:
        """Reader callback (any thread)."""
        self.card_removed.emit()

    def emit_payment_update(self, state: PaymentProgress) -> None:
        """Payment listener (any thread)."""
        self.payment_updated.emit(state)

    def emit_payment_finished(self, result: PaymentResult) -> None:
        """Payment listener (any thread)."""
        self.payment_finished.emit(result)

    def emit_device_state(self, state: DeviceState) -> None:
        """Device state listener (any thread: the coin acceptor's polling thread, a worker)."""
        self.device_state.emit(state)

    # -- executor -------------------------------------------------------------------------------
    def submit(
        self,
        job: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        """Run ``job`` on a worker; ``on_done``/``on_error`` run later on the GUI thread."""

        def run() -> None:
            try:
                result = job()
            except Exception as exc:  # handed to the flow, which tells the person
                error = exc
                self.post(lambda: on_error(error))
            else:
                self.post(lambda: on_done(result))

        with self._lock:
            if self._closed:
                log.warning("a job came after shutdown and was dropped")
                return
            future = self._pool.submit(run)
            self._running.add(future)
        future.add_done_callback(self._forget)

    def _forget(self, future: Future[None]) -> None:
        with self._lock:
            self._running.discard(future)

    def post(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` on the GUI thread (safe from any thread)."""
        self._deliver.emit(callback)

    def wait_for_jobs(self, msecs: int = 10_000) -> bool:
        """Wait until no job runs (shutdown and tests); False if some still run after ``msecs``."""
        with self._lock:
            running = list(self._running)
        _done, not_done = wait(running, timeout=msecs / 1000)
        return not not_done

    def close(self) -> None:
        """Let running jobs finish, then stop the worker threads (no job is taken after)."""
        with self._lock:
            self._closed = True
        self._pool.shutdown(wait=True)

    @Slot(object)
    def _on_deliver(self, callback: Callable[[], None]) -> None:
        callback()
