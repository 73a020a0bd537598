"""Closing the store while another thread is inside a transaction waits for it (no crash)."""

from __future__ import annotations

import threading
from pathlib import Path

from issuance_server.storage import Store


def test_close_waits_for_a_transaction_running_on_another_thread(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'registry.sqlite3'}")
    inside, release = threading.Event(), threading.Event()
    outcome: list[object] = []

    def long_transaction() -> None:
        with store._tx() as cursor:
            inside.set()
            release.wait(timeout=30)
            outcome.append(cursor.execute("SELECT COUNT(*) FROM persons"))

    worker = threading.Thread(target=long_transaction)
    worker.start()
    assert inside.wait(timeout=30)
    closer = threading.Thread(target=store.close)
    closer.start()
    closer.join(timeout=0.5)
    assert closer.is_alive(), "close() did not wait for the running transaction"
    release.set()
    worker.join(timeout=30)
    closer.join(timeout=30)
    assert not closer.is_alive()
    assert outcome == [[(0,)]]
    assert store.is_empty()  # a closed store opens a fresh connection when used again
    store.close()
