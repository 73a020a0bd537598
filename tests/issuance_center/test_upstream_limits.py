"""The center's pool to one municipality fits that municipality's per-address listener limits."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from issuance_center.settings import UpstreamTls
from issuance_center.store import Municipality
from issuance_center.upstream import Upstreams, UpstreamUnavailableError
from issuance_contract.mtls_listener import (
    ConnectionLimits,
    MutualTlsFiles,
    Receive,
    Scope,
    Send,
    bind_sockets,
    hardened_config,
    running_in_thread,
)
from issuance_server.tls_demo import make_demo_tls

CENTER = "CENTER-01"


@dataclass
class Busy:
    """How many requests the municipality's app is serving at once, and the most seen."""

    now: int = 0
    most: int = 0


@dataclass(frozen=True)
class Site:
    municipality: Municipality
    upstream: UpstreamTls
    busy: Busy


@pytest.fixture
def tight_site(tmp_path: Path) -> Iterator[Site]:
    """A municipality listener allowing 4 connections and 2 handshakes per address at a time."""
    tls = make_demo_tls(tmp_path / "tls", [CENTER])
    busy = Busy()

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        busy.now += 1
        busy.most = max(busy.most, busy.now)
        await asyncio.sleep(0.05)  # a municipality's work, so that calls overlap
        busy.now -= 1
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})

    limits = ConnectionLimits(per_peer=4, handshakes_per_peer=2)
    files = MutualTlsFiles(tls.server_certificate, tls.server_key, tls.ca)
    sockets = bind_sockets("127.0.0.1", 0)
    with running_in_thread(hardened_config(app, files, limits), sockets) as ports:
        m = Municipality(
            "999991", "架空市", "架空県", f"https://127.0.0.1:{ports[0]}", tls.ca.read_text()
        )
        yield Site(m, UpstreamTls(*tls.kiosk(CENTER)), busy)


def _burst(site: Site, connections: int, calls: int) -> list[int | str]:
    async def run() -> list[int | str]:
        upstreams = Upstreams(site.upstream, 20.0, connections)

        async def one() -> int | str:
            try:
                return (await upstreams.call(site.municipality, "GET", "/v1/x")).status
            except UpstreamUnavailableError:
                return "unavailable"

        try:
            return list(await asyncio.gather(*(one() for _ in range(calls))))
        finally:
            await upstreams.close()

    return asyncio.run(run())


def test_a_burst_within_the_pool_size_is_served_whole(tight_site: Site) -> None:
    """30 calls at once over 4 connections: two handshakes at a time allowed, none refused."""
    assert _burst(tight_site, 4, 30) == [200] * 30
    assert tight_site.busy.most <= 4


def test_a_pool_larger_than_the_limit_is_refused_in_part(tight_site: Site) -> None:
    """The counter-case the pool size is documented for: 16 connections against 4 allowed."""
    replies = _burst(tight_site, 16, 30)
    assert "unavailable" in replies
    assert tight_site.busy.most <= 4
