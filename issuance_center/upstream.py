"""The center's connections to municipality servers: mutual TLS, each server's CA pinned."""

from __future__ import annotations

import hashlib
import ssl
from dataclasses import dataclass

import httpx

from issuance_center.settings import UpstreamTls
from issuance_center.store import Municipality


class UpstreamUnavailableError(Exception):
    """The municipality's server cannot be reached (or answered 5xx)."""


class UpstreamTimeoutError(Exception):
    """The municipality's server did not answer in time."""


@dataclass(frozen=True)
class UpstreamReply:
    """A municipality's answer, passed on as it came (status and JSON body)."""

    status: int
    body: bytes


def _context(ca_pem: str, tls: UpstreamTls | None) -> ssl.SSLContext:
    context = ssl.create_default_context(cadata=ca_pem)
    if tls is not None:
        context.load_cert_chain(str(tls.certificate), str(tls.key))
    return context


#: Connection attempts a call makes before the municipality counts as unreachable. A connection
#: the municipality's listener drops before the TLS handshake (its per-address connection or
#: handshake limit reached: every store's calls come from the center's address) is refused
#: before any request was sent, so trying again (at once, then after 0.5, 1 and 2 s) is
#: back-pressure.
CONNECT_ATTEMPTS = 5


class Upstreams:
    """One connection pool per municipality (made on first use; remade if its CA changes).

    ``connections`` is the most this process holds to one municipality at once (kept alive
    between calls); a call waits for a free one. A municipality's ``[server.connections]
    per_peer`` must be at least the center's workers × ``connections``.
    """

    def __init__(self, tls: UpstreamTls | None, timeout: float, connections: int = 16) -> None:
        self._tls = tls
        self._timeout = timeout
        self._connections = connections
        self._clients: dict[str, tuple[str, httpx.AsyncClient]] = {}

    def _client(self, m: Municipality) -> httpx.AsyncClient:
        pin = hashlib.sha256(f"{m.url}\n{m.ca_pem}".encode()).hexdigest()
        known = self._clients.get(m.code)
        if known is not None and known[0] == pin:
            return known[1]
        limits = httpx.Limits(
            max_connections=self._connections, max_keepalive_connections=self._connections
        )
        transport = httpx.AsyncHTTPTransport(
            verify=_context(m.ca_pem, self._tls), limits=limits, retries=CONNECT_ATTEMPTS - 1
        )
        client = httpx.AsyncClient(
            base_url=m.url.rstrip("/"), transport=transport, timeout=self._timeout
        )
        self._clients[m.code] = (pin, client)
        return client

    async def call(
        self,
        m: Municipality,
        method: str,
        path: str,
        *,
        content: bytes | None = None,
        headers: dict[str, str] | None = None,
        timeout: float | None = None,
    ) -> UpstreamReply:
        """Send one call to ``m``; 5xx and unreachable → UpstreamUnavailableError."""
        sent = dict(headers or {})
        if content is not None:
            sent["Content-Type"] = "application/json"
        try:
            response = await self._client(m).request(
                method,
                path,
                content=content,
                headers=sent,
                timeout=timeout if timeout is not None else self._timeout,
            )
        except httpx.TimeoutException as exc:
            raise UpstreamTimeoutError(m.code) from exc
        except (httpx.HTTPError, ssl.SSLError, OSError) as exc:
            raise UpstreamUnavailableError(m.code) from exc
        if response.status_code == 504:
            raise UpstreamTimeoutError(m.code)
        if response.status_code >= 500:
            raise UpstreamUnavailableError(m.code)
        return UpstreamReply(response.status_code, response.content)

    async def close(self) -> None:
        """Close every pool."""
        for _pin, client in self._clients.values():
            await client.aclose()
        self._clients.clear()
