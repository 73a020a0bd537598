"""The bounded PostgreSQL pool: threads coming and going never hold more than its size."""

from __future__ import annotations

import threading
import time

import psycopg
import pytest

from issuance_contract.postgres_pool import PostgresPool
from tests.stacks.postgres import PostgresStack

pytestmark = pytest.mark.integration


def _connections(stack: PostgresStack, url: str) -> int:
    """Backends connected to the database of ``url`` now."""
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(stack.dsn(), autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", (name,)
        ).fetchone()
    assert row is not None
    return int(row[0])


def test_short_lived_threads_do_not_pile_up_connections(postgres: PostgresStack) -> None:
    """A thread-pool worker that ends gives its connection back (a thread-local one stayed)."""
    url = postgres.new_database()
    pool = PostgresPool(url, size=3)
    try:
        for n in range(30):

            def one(n: int = n) -> None:
                with pool.transaction() as conn:
                    conn.execute("SELECT %s", (n,))

            thread = threading.Thread(target=one)
            thread.start()
            thread.join()
        assert _connections(postgres, url) <= 3
    finally:
        pool.close()
    assert _drained(postgres, url)


def _drained(stack: PostgresStack, url: str) -> bool:
    """Whether the database's backends are all gone (a closed one ends asynchronously)."""
    deadline = time.monotonic() + 10
    while _connections(stack, url) > 0:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_busy_threads_wait_for_a_connection_instead_of_failing(postgres: PostgresStack) -> None:
    """Twenty threads at once on a pool of two: all finish, never more than two backends."""
    url = postgres.new_database()
    pool = PostgresPool(url, size=2)
    seen: list[int] = []
    failures: list[BaseException] = []
    lock = threading.Lock()

    def one() -> None:
        try:
            with pool.transaction() as conn:
                row = conn.execute(
                    "SELECT pg_sleep(0.05), count(*) FROM pg_stat_activity"
                    " WHERE datname = current_database()"
                ).fetchone()
                assert row is not None
                with lock:
                    seen.append(int(row[1]))
        except BaseException as exc:
            with lock:
                failures.append(exc)

    threads = [threading.Thread(target=one) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert failures == []
        assert len(seen) == 20
        assert max(seen) <= 2
    finally:
        pool.close()


def test_a_nested_transaction_uses_the_connection_already_borrowed(
    postgres: PostgresStack,
) -> None:
    """Inside a transaction, a second one on the same thread is a savepoint, not a new borrow."""
    url = postgres.new_database()
    pool = PostgresPool(url, size=1, wait_seconds=2)
    try:
        with pool.transaction() as outer, pool.transaction() as inner:
            assert inner is outer
        with pool.transaction() as conn:
            conn.execute("SELECT 1")
    finally:
        pool.close()


def test_a_wrong_database_fails_at_once_with_its_reason(postgres: PostgresStack) -> None:
    """An unknown database is refused when the pool is made, not after a caller's wait."""
    with pytest.raises(psycopg.OperationalError, match="does not exist"):
        PostgresPool(postgres.dsn("no_such_database"), size=1)
