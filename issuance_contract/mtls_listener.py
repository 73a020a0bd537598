"""A hardened mutual-TLS listener for uvicorn, shared by the issuance server and the relay center.

uvicorn accepts plain TCP here and this module does the TLS itself, so that it can act before
the handshake: a peer over its connection limit is dropped at once, the handshake must finish in
``handshake_seconds``, a client certificate from the configured CA is required at the handshake
(and checked against the CA's CRL), a connection that sends no request within
``first_request_seconds`` (or nothing new within ``idle_seconds`` after a reply) is closed, and a
second listener on loopback answers ``GET /healthz`` without TLS. The verified certificate is
handed to the application in the ASGI ``tls`` extension (``client_cert_chain``).

Use::

    sockets = bind_sockets(host, port, health_port)
    config = hardened_config(app, MutualTlsFiles(cert, key, client_ca, client_crl),
                             ConnectionLimits(), health_port=port_of(sockets[1]))
    serve(config, sockets)            # or: with running_in_thread(config, sockets) as ports: …

Everything passed to uvicorn is picklable, so ``serve(config, sockets, workers=N)`` runs N
worker processes on the same sockets (limits then hold per worker).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import socket
import ssl
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, cast

import msgspec
import uvicorn
from cryptography import x509
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.server import ServerState

from issuance_contract.toml_schema import Strict

log = logging.getLogger(__name__)
TLS_EXTENSION = "tls"
#: TLS 1.2 suites with forward secrecy and AEAD only (TLS 1.3 suites are all AEAD).
TLS12_CIPHERS = "ECDHE+AESGCM:ECDHE+CHACHA20"

Scope = MutableMapping[str, Any]
Receive = Callable[[], Any]
Send = Callable[[MutableMapping[str, Any]], Any]
Asgi = Callable[[Scope, Receive, Send], Any]


class ConnectionLimits(Strict, frozen=True):
    """How long a peer may make the server wait, and how many connections it may hold.

    Also a configuration table (``[server.connections]``, ``[center.connections]``).
    """

    #: TCP accepted → TLS handshake done.
    handshake_seconds: Annotated[float, msgspec.Meta(gt=0, le=60)] = 5.0
    #: Handshake done → a whole request head arrived.
    first_request_seconds: Annotated[float, msgspec.Meta(gt=0, le=120)] = 10.0
    #: Reply sent → the next request head arrived.
    idle_seconds: Annotated[float, msgspec.Meta(gt=0, le=300)] = 15.0
    #: Connections of one IP address at once, handshakes included.
    per_peer: Annotated[int, msgspec.Meta(ge=1, le=10_000)] = 64
    #: TLS handshakes of one IP address in progress at once.
    handshakes_per_peer: Annotated[int, msgspec.Meta(ge=1, le=10_000)] = 16
    #: TLS handshakes in progress at once, all peers together.
    handshakes: Annotated[int, msgspec.Meta(ge=1, le=10_000)] = 256


DEFAULT_LIMITS = ConnectionLimits()


@dataclass(frozen=True)
class MutualTlsFiles:
    """The server's certificate and key, the CA of the clients and that CA's CRL (PEM)."""

    certificate: Path
    key: Path
    client_ca: Path
    client_crl: Path | None = None


def server_tls_context(files: MutualTlsFiles) -> ssl.SSLContext:
    """TLS ≥ 1.2, AEAD suites, a client certificate from ``client_ca`` required (CRL-checked)."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.set_ciphers(TLS12_CIPHERS)
    context.options |= ssl.OP_NO_COMPRESSION | ssl.OP_NO_RENEGOTIATION
    context.load_cert_chain(str(files.certificate), str(files.key))
    context.load_verify_locations(cafile=str(files.client_ca))
    context.verify_mode = ssl.CERT_REQUIRED
    if files.client_crl is not None:
        _check_crl(files.client_crl, files.client_ca)
        context.load_verify_locations(cafile=str(files.client_crl))
        context.verify_flags |= ssl.VERIFY_CRL_CHECK_LEAF
    return context


def _check_crl(crl_path: Path, ca_path: Path) -> None:
    """Refuse a CRL that is not PEM or not signed by the client CA; warn when it is stale."""
    data = crl_path.read_bytes()
    if not data.lstrip().startswith(b"-----BEGIN X509 CRL"):
        raise ValueError(
            f"{crl_path}: not a PEM CRL (convert: openssl crl -inform DER -outform PEM)"
        )
    crl = x509.load_pem_x509_crl(data)
    ca = x509.load_pem_x509_certificate(ca_path.read_bytes())
    if crl.issuer != ca.subject or not crl.is_signature_valid(ca.public_key()):  # type: ignore[arg-type]
        raise ValueError(f"{crl_path}: the CRL is not signed by the client CA {ca_path}")
    if crl.next_update_utc is not None and crl.next_update_utc < dt.datetime.now(dt.UTC):
        log.warning("%s is past its next update: every client certificate is refused", crl_path)


class _ContextCache:
    """The TLS context of one process, made again when one of its files changes."""

    def __init__(self, files: MutualTlsFiles) -> None:
        self._files = files
        self._stamp: tuple[float, ...] = ()
        self._context: ssl.SSLContext | None = None

    def current(self) -> ssl.SSLContext:
        """The context; a changed file that cannot be used is logged and the last one kept."""
        paths = [self._files.certificate, self._files.key, self._files.client_ca]
        if self._files.client_crl is not None:
            paths.append(self._files.client_crl)
        stamp = tuple(os.stat(p).st_mtime for p in paths)
        if self._context is None:
            self._context, self._stamp = server_tls_context(self._files), stamp
        elif stamp != self._stamp:
            self._stamp = stamp
            try:
                self._context = server_tls_context(self._files)
                log.info("TLS files changed: certificates and CRL read again")
            except (OSError, ValueError) as exc:
                log.error("TLS files changed but cannot be used (the last ones stay): %s", exc)
        return self._context


class _Peers:
    """Connections per peer address and handshakes in progress (one event loop's view)."""

    def __init__(self, limits: ConnectionLimits) -> None:
        self.limits = limits
        self.by_peer: Counter[str] = Counter()
        self.handshaking_by_peer: Counter[str] = Counter()
        self.handshaking = 0
        self._warned: dict[str, float] = {}  # peer → when its refusal was last logged

    def should_warn(self, peer: str, now: float) -> bool:
        """Whether to log a refusal of ``peer`` (once a minute, so an attack cannot flood)."""
        if now - self._warned.get(peer, -60.0) < 60.0:
            return False
        if len(self._warned) > 1024:
            self._warned.clear()
        self._warned[peer] = now
        return True

    def admit(self, peer: str) -> bool:
        if (
            self.by_peer[peer] >= self.limits.per_peer
            or self.handshaking_by_peer[peer] >= self.limits.handshakes_per_peer
            or self.handshaking >= self.limits.handshakes
        ):
            return False
        self.by_peer[peer] += 1
        self.handshaking_by_peer[peer] += 1
        self.handshaking += 1
        return True

    def handshake_over(self, peer: str) -> None:
        self.handshaking -= 1
        self.handshaking_by_peer[peer] -= 1
        if self.handshaking_by_peer[peer] <= 0:
            del self.handshaking_by_peer[peer]

    def release(self, peer: str) -> None:
        self.by_peer[peer] -= 1
        if self.by_peer[peer] <= 0:
            del self.by_peer[peer]


class HardenedProtocolFactory:
    """uvicorn's ``http`` protocol factory: gate, TLS handshake, then HTTP/1.1 with time limits."""

    def __init__(
        self, files: MutualTlsFiles, limits: ConnectionLimits, health_port: int | None
    ) -> None:
        self.files = files
        self.limits = limits
        self.health_port = health_port
        self._process_state: tuple[_ContextCache, _Peers] | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_process_state": None}

    def state(self) -> tuple[_ContextCache, _Peers]:
        """The TLS context cache and the connection counts of this process."""
        if self._process_state is None:
            self._process_state = (_ContextCache(self.files), _Peers(self.limits))
        return self._process_state

    def __call__(
        self,
        config: uvicorn.Config,
        server_state: ServerState,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
    ) -> asyncio.Protocol:
        def make_http() -> _LimitedHttp:
            return _LimitedHttp(config, server_state, app_state, _loop)

        return _Gate(self, make_http)


class _Gate(asyncio.Protocol):
    """The first protocol of an accepted TCP connection: admit it, then hand it over.

    An admitted connection's socket is taken from its plain transport before anything was read
    and given to the event loop again with TLS (``connect_accepted_socket``): the handshake's
    first bytes stay in the kernel until the TLS layer reads them. (Pausing the plain transport
    and calling ``start_tls`` on it is not enough under uvloop, which starts reading once
    ``connection_made`` returns: the ClientHello then reached this protocol and was lost.)
    """

    def __init__(self, factory: HardenedProtocolFactory, make_http: Callable[[], _LimitedHttp]):
        self._factory = factory
        self._make_http = make_http

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        tcp = cast(asyncio.Transport, transport)
        tcp.pause_reading()  # nothing is read before the TLS layer is in place
        send_without_delay(tcp)
        local = tcp.get_extra_info("sockname")
        if local is not None and local[1] == self._factory.health_port:
            http = self._make_http()
            http.limits = self._factory.limits
            http.app = health_app
            tcp.set_protocol(http)
            http.connection_made(tcp)
            tcp.resume_reading()
            return
        peer = str((tcp.get_extra_info("peername") or ("?",))[0])
        context, peers = self._factory.state()
        if not peers.admit(peer):
            if peers.should_warn(peer, time.monotonic()):
                log.warning("connections from %s refused: over its connection limits", peer)
            tcp.abort()
            return
        sock = _taken_socket(tcp)
        asyncio.get_running_loop().create_task(self._handshake(sock, peer, context, peers))

    async def _handshake(
        self, sock: socket.socket, peer: str, cache: _ContextCache, peers: _Peers
    ) -> None:
        made: list[_LimitedHttp] = []

        def make_http() -> _LimitedHttp:
            http = self._make_http()
            http.limits = self._factory.limits
            http.on_lost = lambda: peers.release(peer)
            made.append(http)
            return http

        try:
            await asyncio.get_running_loop().connect_accepted_socket(
                make_http,
                sock,
                ssl=cache.current(),
                ssl_handshake_timeout=self._factory.limits.handshake_seconds,
            )
        except (OSError, ValueError) as exc:  # ssl.SSLError and TimeoutError are OSErrors
            log.info("TLS handshake with %s failed: %s", peer, exc)
            sock.close()
            if not made or made[0].on_lost is not None:  # released once, here or on loss
                if made:
                    made[0].on_lost = None
                peers.release(peer)
        finally:
            peers.handshake_over(peer)

    def connection_lost(self, exc: Exception | None) -> None:
        """A refused connection ends here; an admitted one belongs to TLS and HTTP by then."""


def _taken_socket(tcp: asyncio.Transport) -> socket.socket:
    """The accepted connection as a socket of its own; its plain transport is dropped unread.

    Closing the transport closes its descriptor only (no shutdown): the copy keeps the
    connection open.
    """
    original = tcp.get_extra_info("socket")
    sock = socket.socket(fileno=os.dup(original.fileno()))
    sock.setblocking(False)
    tcp.abort()
    return sock


class _LimitedHttp(HttpToolsProtocol):
    """uvicorn's httptools protocol with a deadline for each request head and the certificate.

    httptools (llhttp, in C) rather than h11 (pure Python): parsing and writing the HTTP of a
    call took about a fifth of the relay center's CPU per relayed call with h11.
    """

    limits = DEFAULT_LIMITS
    on_lost: Callable[[], None] | None = None
    _wait: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        pem = _peer_certificate_pem(transport)
        inner = self.app

        async def app(scope: Scope, receive: Receive, send: Send) -> None:
            self._stop_waiting()
            if pem is not None and scope["type"] == "http":
                scope.setdefault("extensions", {})[TLS_EXTENSION] = {"client_cert_chain": [pem]}
            await inner(scope, receive, send)

        self.app = app
        self._wait_for_request(self.limits.first_request_seconds)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._wait_for_request(self.limits.idle_seconds)

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_waiting()
        super().connection_lost(exc)
        if self.on_lost is not None:
            self.on_lost()
            self.on_lost = None

    def _wait_for_request(self, seconds: float) -> None:
        self._stop_waiting()
        self._wait = self.loop.call_later(seconds, self._expired)

    def _stop_waiting(self) -> None:
        if self._wait is not None:
            self._wait.cancel()
            self._wait = None

    def _expired(self) -> None:
        self._wait = None
        if self.cycle is None or self.cycle.response_complete:
            self.transport.abort()


def _peer_certificate_pem(transport: asyncio.BaseTransport) -> str | None:
    ssl_object = transport.get_extra_info("ssl_object")
    der = ssl_object.getpeercert(binary_form=True) if ssl_object else None
    return ssl.DER_cert_to_PEM_cert(der) if der else None


def client_certificate_pem(scope: Scope) -> str | None:
    """The verified client certificate of a request (PEM), from the ASGI ``tls`` extension."""
    tls = (scope.get("extensions") or {}).get(TLS_EXTENSION) or {}
    chain = tls.get("client_cert_chain") or []
    return str(chain[0]) if chain else None


async def health_app(scope: Scope, receive: Receive, send: Send) -> None:
    """The loopback listener's application: ``GET /healthz`` → 200, anything else 404."""
    if scope["type"] != "http":
        return
    ok = scope["path"] == "/healthz" and scope["method"] in ("GET", "HEAD")
    body = b'{"status":"ok"}' if ok else b'{"reason_code":"not_found"}'
    await send(
        {
            "type": "http.response.start",
            "status": 200 if ok else 404,
            "headers": [(b"content-type", b"application/json")],
        }
    )
    await send({"type": "http.response.body", "body": body})


def send_without_delay(tcp: asyncio.Transport) -> None:
    """Turn Nagle's algorithm off: asyncio does it only for sockets made with proto 6.

    ``bind_sockets`` (``socket.create_server``) makes its sockets with proto 0, so the accepted
    connections kept Nagle on, and a reply written in two TLS records (head, then body) waited
    for the peer's delayed ACK, up to 40 ms per call.
    """
    sock = tcp.get_extra_info("socket")
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def hardened_config(
    app: Asgi | str,
    files: MutualTlsFiles,
    limits: ConnectionLimits = DEFAULT_LIMITS,
    health_port: int | None = None,
    **uvicorn_options: Any,
) -> uvicorn.Config:
    """The uvicorn configuration: no TLS in uvicorn (the protocol factory does it), no access log.

    ``health_port`` is the port of the loopback health socket from ``bind_sockets``.
    """
    options: dict[str, Any] = {
        "log_config": None,  # uvicorn's records go to the root logger's (redacting) handler
        "log_level": "warning",
        "access_log": False,
        "timeout_keep_alive": limits.idle_seconds,
        "limit_concurrency": 512,
        # uvloop: the event loop and its TLS in C where asyncio's TLS is Python (the relay center
        # pays it twice per call); the gate hands sockets over in a way that works on both.
        "loop": "uvloop",
        **uvicorn_options,
    }
    server_tls_context(files)  # fail at start on a bad file, not at the first connection
    return uvicorn.Config(
        app, http=cast(Any, HardenedProtocolFactory(files, limits, health_port)), **options
    )


def bind_sockets(host: str, port: int, health_port: int | None = None) -> list[socket.socket]:
    """The public socket, and the health socket on 127.0.0.1 when ``health_port`` is given."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sockets = [socket.create_server((host, port), family=family, backlog=2048)]
    if health_port is not None:
        sockets.append(socket.create_server(("127.0.0.1", health_port)))
    return sockets


def port_of(sock: socket.socket) -> int:
    """The port a socket is bound to."""
    return int(sock.getsockname()[1])


def serve(config: uvicorn.Config, sockets: list[socket.socket], workers: int = 1) -> None:
    """Serve in the foreground until SIGINT/SIGTERM, in ``workers`` processes."""
    if workers <= 1:
        uvicorn.Server(config).run(sockets=sockets)
        return
    from uvicorn.supervisors import Multiprocess

    config.workers = workers
    Multiprocess(config, sockets=sockets).run()


@contextmanager
def running_in_thread(config: uvicorn.Config, sockets: list[socket.socket]) -> Iterator[list[int]]:
    """Serve in a background thread (tests, the demo); yields the bound ports."""
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": sockets}, name="mtls-listener", daemon=True
    )
    thread.start()
    try:
        while not server.started:
            if not thread.is_alive():
                raise RuntimeError("the server did not start")
            thread.join(0.02)
        yield [port_of(s) for s in sockets]
    finally:
        server.should_exit = True
        thread.join(10)
        for sock in sockets:
            sock.close()
