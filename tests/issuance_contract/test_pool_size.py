"""The settings' default pool size comes without PostgreSQL's driver: a process that never uses
PostgreSQL (the kiosk with its embedded demo server) does not import psycopg or its pool."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from issuance_contract.pool_size import DEFAULT_SIZE

ROOT = Path(__file__).resolve().parents[2]


def imported_after(module: str) -> list[str]:
    """The psycopg modules a fresh interpreter holds after importing ``module``."""
    code = (
        f"import sys, {module}\n"
        "print(*sorted(n for n in sys.modules if n.split('.')[0] in ('psycopg', 'psycopg_pool')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return done.stdout.split()


@pytest.mark.parametrize("settings", ["issuance_server.settings", "issuance_center.settings"])
def test_the_settings_do_not_import_the_postgresql_driver(settings: str) -> None:
    assert imported_after(settings) == []


def test_the_pool_itself_does_import_it() -> None:
    """The check above can fail: the pool's module brings psycopg_pool in."""
    assert "psycopg_pool" in imported_after("issuance_contract.postgres_pool")


def test_the_server_settings_default_to_the_pool_size(tmp_path: Path) -> None:
    from issuance_server.settings import demo_settings

    assert demo_settings(tmp_path).database_connections == DEFAULT_SIZE
