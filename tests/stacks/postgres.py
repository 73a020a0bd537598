"""A private PostgreSQL cluster on loopback, for tests of the server's PostgreSQL storage.

The fixture runs initdb in a fresh directory and ``postgres`` in the foreground as a child
process (as the ``postgres`` user when the tests run as root), on a free port, and always
stops it and removes the directory.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest

START_TIMEOUT_S = 20.0


@dataclass(frozen=True)
class PostgresStack:
    """A running cluster that trusts loopback connections as ``postgres``."""

    port: int
    data_dir: Path

    def dsn(self, database: str = "postgres") -> str:
        """The connection URL of a database."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """Create an empty database and return its URL."""
        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.dsn(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.dsn(name)


def _bin_dir() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not found:
        raise RuntimeError("PostgreSQL server binaries not found (Debian package postgresql)")
    return found[-1].parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_postgres() -> dict[str, Any]:
    """Popen arguments that drop root to the postgres user (PostgreSQL refuses to run as root)."""
    if os.geteuid() != 0:
        return {}
    return {"user": "postgres", "group": "postgres", "extra_groups": []}


@contextmanager
def postgres_cluster() -> Iterator[PostgresStack]:
    """initdb + postgres in the foreground on a free loopback port; stopped and removed after."""
    bin_dir = _bin_dir()
    base = Path(tempfile.mkdtemp(prefix="shomei-pg-"))
    if os.geteuid() == 0:
        entry = pwd.getpwnam("postgres")
        os.chown(base, entry.pw_uid, entry.pw_gid)
    data = base / "data"
    process: subprocess.Popen[bytes] | None = None
    try:
        subprocess.run(
            [
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ],
            check=True,
            capture_output=True,
            timeout=120,
            **_as_postgres(),
        )
        port = _free_port()
        log = (base / "postgres.log").open("wb")
        process = subprocess.Popen(
            [
                str(bin_dir / "postgres"),
                "-D",
                str(data),
                "-p",
                str(port),
                "-k",
                str(base),
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                "fsync=off",
                "-c",
                "max_connections=200",
                "-c",
                "synchronous_commit=off",
                "-c",
                "full_page_writes=off",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            **_as_postgres(),
        )
        log.close()
        stack = PostgresStack(port, data)
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if process.poll() is not None:
                raise RuntimeError(
                    "postgres exited: " + (base / "postgres.log").read_text(errors="replace")
                )
            try:
                psycopg.connect(stack.dsn(), connect_timeout=2).close()
                break
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield stack
    finally:
        if process is not None:
            process.send_signal(2)  # SIGINT: fast shutdown
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresStack]:
    """A private PostgreSQL cluster for the whole test session."""
    with postgres_cluster() as stack:
        yield stack
