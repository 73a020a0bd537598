"""A plain-Python executor: worker threads for jobs, a queue that the flow's thread pumps."""

from __future__ import annotations

import logging
import queue
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


class LoopExecutor:
    """Executor for tests, benchmarks and scripts: call ``pump()`` to deliver results and events."""

    def __init__(self, workers: int = 2) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="session-job")
        self._queue: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()

    def submit(
        self,
        job: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        """Run ``job`` on a worker; its result is delivered by a later ``pump``."""

        def finished(future: Future[T]) -> None:
            error = future.exception()
            if error is None:
                result = future.result()
                self.post(lambda: on_done(result))
            elif isinstance(error, Exception):
                self.post(lambda: on_error(error))

        self._pool.submit(job).add_done_callback(finished)

    def post(self, callback: Callable[[], None]) -> None:
        """Queue ``callback`` for the pumping thread."""
        self._queue.put(callback)

    def pump(self, until: Callable[[], bool] = lambda: False, timeout: float = 5.0) -> bool:
        """Deliver queued callbacks until ``until()`` holds (True) or ``timeout`` passes (False)."""
        deadline = time.monotonic() + timeout
        while not until():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            try:
                callback = self._queue.get(timeout=min(remaining, 0.05))
            except queue.Empty:
                continue
            callback()
        return True

    def drain(self) -> None:
        """Deliver everything already queued, without waiting."""
        while True:
            try:
                callback = self._queue.get_nowait()
            except queue.Empty:
                return
            callback()

    def close(self) -> None:
        """Wait for running jobs, then deliver what they queued."""
        self._pool.shutdown(wait=True)
        self.drain()
