"""The hardened mutual-TLS listener: no certificate, no connection; idle and greedy peers cut off.

The attackers connect from other loopback addresses (127.0.0.2 …) than the kiosks (127.0.0.1),
as a machine on the city network would.
"""

from __future__ import annotations

import asyncio
import os
import pickle
import socket
import ssl
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, cast

import msgspec
import pytest
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.server import ServerState

from issuance_contract.errors import CenterUnavailableError
from issuance_contract.mtls_listener import (
    ConnectionLimits,
    HardenedProtocolFactory,
    MutualTlsFiles,
    bind_sockets,
    hardened_config,
    health_app,
    send_without_delay,
)
from issuance_server.service import IssuanceService, open_service
from issuance_server.settings import ServerSettings, TlsSettings
from issuance_server.tls_demo import TlsFiles, make_demo_tls, write_demo_crl
from issuance_server.tls_server import Listening, running_server
from kiosk_app.center.https_link import HttpsCenterLink, client_ssl_context
from tests.support.server import Clock

KIOSK = "LISTEN-KIOSK-1"
OTHER_KIOSK = "LISTEN-KIOSK-2"
Serve = Callable[..., AbstractContextManager[Listening]]


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> TlsFiles:
    return make_demo_tls(tmp_path_factory.mktemp("listener-tls"), [KIOSK, OTHER_KIOSK])


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, pki_dir: Path) -> Iterator[IssuanceService]:
    from issuance_server.settings import demo_settings

    root = tmp_path_factory.mktemp("listener")
    settings = msgspec.structs.replace(
        demo_settings(pki_dir), database=f"sqlite:///{root / 'registry.sqlite3'}"
    )
    svc = open_service(settings, clock=Clock())
    yield svc
    svc.store.close()


@pytest.fixture
def serve(service: IssuanceService, tls: TlsFiles) -> Serve:
    """Start the server with the given connection limits (and CRL) on free loopback ports."""

    @contextmanager
    def _serve(
        connections: ConnectionLimits, client_crl: Path | None = None
    ) -> Iterator[Listening]:
        settings: ServerSettings = msgspec.structs.replace(
            service.settings,
            port=0,
            health_port=None,
            tls=TlsSettings(
                certificate=tls.server_certificate,
                key=tls.server_key,
                client_ca=tls.ca,
                client_crl=client_crl,
            ),
            connections=connections,
            kiosks=[KIOSK, OTHER_KIOSK],
        )
        with running_server(service, settings) as listening:
            yield listening

    return _serve


def _tcp(port: int, source: str) -> socket.socket:
    sock = socket.socket()
    sock.bind((source, 0))
    sock.settimeout(5)
    sock.connect(("127.0.0.1", port))
    return sock


def _tls(port: int, source: str, tls: TlsFiles, kiosk: str | None) -> socket.socket | None:
    """A TLS connection (with the kiosk's certificate, or none), or None if it was refused."""
    if kiosk is None:
        context = ssl.create_default_context(cafile=str(tls.ca))
    else:
        context = client_ssl_context(*tls.kiosk(kiosk), tls.ca)
    raw = _tcp(port, source)
    try:
        return context.wrap_socket(raw, server_hostname="127.0.0.1")
    except OSError:
        raw.close()
        return None


def _closed_by_server(sock: socket.socket, within: float) -> bool:
    """Whether the server closes (or resets) the connection within ``within`` seconds.

    What the server still sends before closing (the rest of a reply) is read and dropped.
    """
    deadline = time.monotonic() + within
    while True:
        sock.settimeout(max(deadline - time.monotonic(), 0.01))
        try:
            if sock.recv(65536) == b"":
                return True
        except TimeoutError:
            return False
        except OSError:  # reset, or the TLS alert of a refused certificate
            return True


def _link(port: int, tls: TlsFiles, kiosk: str = KIOSK) -> HttpsCenterLink:
    cert, key = tls.kiosk(kiosk)
    return HttpsCenterLink(f"https://127.0.0.1:{port}", kiosk, cert, key, tls.ca, 10)


def _kiosk_is_served(port: int, tls: TlsFiles, kiosk: str = KIOSK) -> bool:
    link = _link(port, tls, kiosk)
    try:
        return len(link.start_authentication().nonce) == 32
    except CenterUnavailableError:
        return False
    finally:
        link.close()


def test_520_idle_connections_without_a_certificate_do_not_starve_a_kiosk(
    serve: Serve, tls: TlsFiles
) -> None:
    limits = ConnectionLimits(handshake_seconds=2, first_request_seconds=2, idle_seconds=2)
    with serve(limits) as listening:
        held: list[socket.socket] = []
        try:
            for _ in range(260):  # TCP only: never start the handshake
                held.append(_tcp(listening.port, "127.0.0.2"))
            for _ in range(260):  # TLS without a client certificate, then nothing
                sock = _tls(listening.port, "127.0.0.3", tls, kiosk=None)
                if sock is not None:
                    held.append(sock)
            started = time.monotonic()
            assert _kiosk_is_served(listening.port, tls), "the kiosk was locked out"
            assert time.monotonic() - started < 5
            deadline = time.monotonic() + limits.handshake_seconds + 5
            still_open = [s for s in held if not _closed_by_server(s, deadline - time.monotonic())]
            assert still_open == [], f"{len(still_open)} of {len(held)} idle connections open"
            assert _kiosk_is_served(listening.port, tls)
        finally:
            for sock in held:
                sock.close()


def test_a_peer_over_its_connection_limit_is_refused_and_others_are_served(
    serve: Serve, tls: TlsFiles
) -> None:
    limits = ConnectionLimits(per_peer=4, handshakes_per_peer=2, first_request_seconds=60)
    with serve(limits) as listening:
        greedy = [_tls(listening.port, "127.0.0.4", tls, KIOSK) for _ in range(4)]
        try:
            assert all(s is not None and not _closed_by_server(s, 0.3) for s in greedy)
            fifth = _tls(listening.port, "127.0.0.4", tls, KIOSK)
            assert fifth is None or _closed_by_server(fifth, 2)
            assert _kiosk_is_served(listening.port, tls)
            sock = greedy.pop()
            assert sock is not None
            sock.close()
            time.sleep(0.2)  # the server sees the close
            again = _tls(listening.port, "127.0.0.4", tls, KIOSK)
            assert again is not None
            assert not _closed_by_server(again, 0.3)
            greedy.append(again)
        finally:
            for s in greedy:
                if s is not None:
                    s.close()


def test_handshakes_of_one_peer_are_limited(serve: Serve, tls: TlsFiles) -> None:
    limits = ConnectionLimits(handshakes_per_peer=2, handshake_seconds=30)
    with serve(limits) as listening:
        stalled = [_tcp(listening.port, "127.0.0.5") for _ in range(2)]
        third = _tcp(listening.port, "127.0.0.5")
        try:
            assert _closed_by_server(third, 2)
            assert not any(_closed_by_server(s, 0.3) for s in stalled)
            assert _kiosk_is_served(listening.port, tls)
        finally:
            for s in [*stalled, third]:
                s.close()


def test_a_kiosk_connection_without_a_request_is_closed(serve: Serve, tls: TlsFiles) -> None:
    limits = ConnectionLimits(first_request_seconds=1, idle_seconds=1)
    with serve(limits) as listening:
        silent = _tls(listening.port, "127.0.0.1", tls, KIOSK)
        slow = _tls(listening.port, "127.0.0.1", tls, KIOSK)
        idle = _tls(listening.port, "127.0.0.1", tls, KIOSK)
        assert silent is not None
        assert slow is not None
        assert idle is not None
        try:
            slow.sendall(b"GET /v1/registrations/1 HTTP/1.1\r\nHost: x\r\n")  # never ends
            idle.sendall(b"GET /v1/registrations/1 HTTP/1.1\r\nHost: x\r\n\r\n")
            idle.settimeout(5)
            assert idle.recv(65536).startswith(b"HTTP/1.1 200")
            assert _closed_by_server(silent, 4)
            assert _closed_by_server(slow, 4)
            assert _closed_by_server(idle, 4)
        finally:
            for s in (silent, slow, idle):
                s.close()


def test_a_kiosk_certificate_on_the_kiosk_ca_crl_cannot_connect(
    serve: Serve, tls: TlsFiles
) -> None:
    crl = write_demo_crl(tls, [OTHER_KIOSK])
    with serve(ConnectionLimits(), client_crl=crl) as listening:
        assert _kiosk_is_served(listening.port, tls, KIOSK)
        assert not _kiosk_is_served(listening.port, tls, OTHER_KIOSK)
        write_demo_crl(tls, [KIOSK, OTHER_KIOSK])  # a new CRL is read without a restart
        later = time.time() + 5
        os.utime(crl, (later, later))
        assert not _kiosk_is_served(listening.port, tls, KIOSK)


def test_a_broken_crl_update_keeps_the_last_good_one(
    serve: Serve, tls: TlsFiles, caplog: pytest.LogCaptureFixture
) -> None:
    crl = write_demo_crl(tls, [OTHER_KIOSK])
    with serve(ConnectionLimits(), client_crl=crl) as listening:
        assert _kiosk_is_served(listening.port, tls, KIOSK)
        crl.write_bytes(b"-----BEGIN X509 CRL-----\ntruncated")
        later = time.time() + 5
        os.utime(crl, (later, later))
        assert _kiosk_is_served(listening.port, tls, KIOSK)
        assert not _kiosk_is_served(listening.port, tls, OTHER_KIOSK)
    assert "TLS files changed but cannot be used" in caplog.text


def test_refusals_of_one_peer_are_logged_once_a_minute(
    serve: Serve, tls: TlsFiles, caplog: pytest.LogCaptureFixture
) -> None:
    with serve(ConnectionLimits(handshakes_per_peer=1, handshake_seconds=30)) as listening:
        held = [_tcp(listening.port, "127.0.0.6") for _ in range(30)]
        try:
            assert all(_closed_by_server(s, 2) for s in held[1:])
        finally:
            for s in held:
                s.close()
    assert caplog.text.count("connections from 127.0.0.6 refused") == 1


def test_a_crl_of_another_ca_is_refused_at_start(
    serve: Serve, tls: TlsFiles, tmp_path: Path
) -> None:
    other = make_demo_tls(tmp_path / "other", [KIOSK])
    with pytest.raises(ValueError, match="not signed by the client CA"):  # noqa: SIM117
        with serve(ConnectionLimits(), client_crl=write_demo_crl(other, [])):
            pass


@pytest.mark.filterwarnings("ignore:ssl.TLSVersion.TLSv1_1 is deprecated:DeprecationWarning")
@pytest.mark.parametrize(
    ("version", "ciphers"),
    [
        (ssl.TLSVersion.TLSv1_1, "DEFAULT:@SECLEVEL=0"),
        (
            ssl.TLSVersion.TLSv1_2,
            "AES128-SHA:AES256-SHA:ECDHE-RSA-AES128-SHA:ECDHE-ECDSA-AES128-SHA",
        ),
    ],
)
def test_old_protocols_and_cbc_suites_are_refused(
    serve: Serve, tls: TlsFiles, version: ssl.TLSVersion, ciphers: str
) -> None:
    context = client_ssl_context(*tls.kiosk(KIOSK), tls.ca)
    context.minimum_version = context.maximum_version = version
    context.set_ciphers(ciphers)
    with serve(ConnectionLimits()) as listening:
        raw = _tcp(listening.port, "127.0.0.1")
        with (
            pytest.raises((ssl.SSLError, ConnectionResetError)),
            raw,
            context.wrap_socket(raw, server_hostname="127.0.0.1"),
        ):
            pass
        assert _kiosk_is_served(listening.port, tls)


def test_the_protocol_factory_travels_to_worker_processes(tls: TlsFiles) -> None:
    factory = HardenedProtocolFactory(
        MutualTlsFiles(tls.server_certificate, tls.server_key, tls.ca), ConnectionLimits(), 8444
    )
    context, peers = factory.state()
    assert peers.admit("192.0.2.1")
    copy = pickle.loads(pickle.dumps(factory))  # noqa: S301 (our own object, as uvicorn's spawn does)
    assert (copy.files, copy.limits, copy.health_port) == (factory.files, factory.limits, 8444)
    assert copy.state()[1].by_peer == {}  # counts and TLS context belong to one process
    assert copy.state()[0] is not context


class _AcceptedTransport:
    """What the gate sees of an accepted connection: its socket."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock

    def get_extra_info(self, name: str) -> socket.socket | None:
        return self.sock if name == "socket" else None


def test_accepted_connections_send_without_nagle_delay() -> None:
    # bind_sockets makes its sockets with proto 0, for which asyncio leaves Nagle on: a reply in
    # two TLS records then waited for the kiosk's delayed ACK (up to 40 ms a call).
    listener = bind_sockets("127.0.0.1", 0)[0]
    with listener, socket.create_connection(listener.getsockname()):
        accepted, _ = listener.accept()
        with accepted:
            assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 0
            send_without_delay(_AcceptedTransport(accepted))  # type: ignore[arg-type]
            assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0


def test_the_listener_runs_on_uvloop_with_httptools(tmp_path: Path, tls: TlsFiles) -> None:
    files = MutualTlsFiles(tls.server_certificate, tls.server_key, tls.ca)
    config = hardened_config(health_app, files)
    assert config.loop == "uvloop"
    factory = cast(HardenedProtocolFactory, config.http)
    loop = asyncio.new_event_loop()
    try:
        gate = cast(Any, factory(config, ServerState(), {}, loop))
        assert isinstance(gate._make_http(), HttpToolsProtocol)
    finally:
        loop.close()


def test_every_handshake_completes_when_the_client_hello_comes_at_once(
    serve: Serve, tls: TlsFiles
) -> None:
    # uvloop reads an accepted connection as soon as connection_made returns, whatever the
    # protocol paused: a gate that paused and then called start_tls lost the ClientHello the
    # kiosk sends right after connecting, and the handshake timed out.
    with serve(ConnectionLimits(handshake_seconds=2)) as listening:
        for _ in range(8):
            sock = _tls(listening.port, "127.0.0.1", tls, KIOSK)
            assert sock is not None
            sock.close()
        assert _kiosk_is_served(listening.port, tls)
