"""The relay on PostgreSQL: its statements run on the serving loop's own connections, no more
connections than ``database_connections``, and whole sessions of several kiosks at once."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest

from issuance_center.database import RELAY_CONNECTIONS
from issuance_contract.certificates import CertificateType as T
from issuance_contract.issuance_status import IssuanceStatus
from issuance_contract.messages import OrderItem, OutcomeReport
from issuance_contract.pool_size import DEFAULT_SIZE
from tests.issuance_center.conftest import KIOSKS, KIYOSHI, MIHON, Network, adult_resident, login
from tests.issuance_center.conftest import running as running_network
from tests.stacks.postgres import PostgresStack


@pytest.fixture(scope="module")
def database(postgres: PostgresStack) -> str:
    return postgres.new_database()


@pytest.fixture(scope="module")
def pg_network(
    tmp_path_factory: pytest.TempPathFactory, pki_dir: Path, database: str
) -> Iterator[Network]:
    yield from running_network(tmp_path_factory.mktemp("pg-network"), pki_dir, database)


def _backends(database: str) -> list[tuple[str, str]]:
    """(application_name, last statement) of every other connection to ``database``."""
    with psycopg.connect(database, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT application_name, query FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchall()
    return [(str(name), str(query)) for name, query in rows]


def _whole_session(network: Network, n: int, tag: str) -> str:
    """Login, issue, outcome and end for the n-th kiosk; the request's idempotency key."""
    site = network.sites[KIYOSHI if n % 2 else MIHON]
    link = network.link(KIOSKS[n])
    session = login(link, site.cards[adult_resident(site, n).id])
    key = f"pg-{tag}-{n:04d}"
    issuance = link.issue(session.token, [OrderItem(certificate_type=T.JUMINHYO)], key)
    assert [d.applicant_id for d in issuance.documents] == [session.applicant_id]
    link.report_outcome(session.token, issuance.request_id, OutcomeReport.all_printed(issuance))
    link.end_session(session.token)
    return key


def test_sessions_of_several_kiosks_at_once_are_recorded(pg_network: Network) -> None:
    with ThreadPoolExecutor(4) as pool:
        keys = list(pool.map(lambda n: _whole_session(pg_network, n, "together"), range(4)))
    for n, key in enumerate(keys):
        row = asyncio.run(pg_network.store.request_by_key(KIOSKS[n], key))
        assert row is not None
        assert row.status == IssuanceStatus.PRINTED
        assert row.fee_charged_yen == row.total_fee_yen > 0
        assert all(d.printed for d in row.documents)


def test_the_relay_s_statements_run_on_the_serving_loop_s_connections(
    pg_network: Network, database: str
) -> None:
    _whole_session(pg_network, 5, "alone")  # its last statement: the session's route forgotten
    relay = [query for name, query in _backends(database) if name == RELAY_CONNECTIONS]
    assert relay, "the serving loop opened no connections of its own"
    assert any(q.startswith("DELETE FROM sessions") for q in relay)


def test_the_center_holds_no_more_connections_than_configured(
    pg_network: Network, database: str
) -> None:
    with ThreadPoolExecutor(6) as pool:
        list(pool.map(lambda n: _whole_session(pg_network, n, "bounded"), range(6)))
    assert 1 < len(_backends(database)) <= DEFAULT_SIZE
