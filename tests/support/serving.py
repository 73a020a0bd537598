"""``shomei-server serve`` as a child process for a test: started, answering, then interrupted."""

from __future__ import annotations

import signal
import subprocess
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from issuance_contract.errors import CenterUnavailableError
from issuance_contract.messages import Challenge
from kiosk_app.center.https_link import HttpsCenterLink
from tests.support.server import free_port, serve_config

#: The kiosk id the served configuration allows.
SERVE_KIOSK = "SERVE-KIOSK"


@dataclass(frozen=True)
class ServedServer:
    """A serving server: a kiosk's link to it, its first challenge and its health port."""

    link: HttpsCenterLink
    challenge: Challenge
    health_port: int


@contextmanager
def serving(tmp_path: Path, command: Sequence[str]) -> Iterator[ServedServer]:
    """Run ``command`` + ``serve --config …`` on free ports with demo data until it answers a
    kiosk; on exit interrupt it (SIGINT) and check that it stopped cleanly (status 0)."""
    port, health_port = free_port(), free_port()
    ports = f"port = {port}\nhealth_port = {health_port}\n"
    config, tls = serve_config(tmp_path, f'{ports}demo_data = true\nkiosks = ["{SERVE_KIOSK}"]\n')
    server = subprocess.Popen(
        [*command, "serve", "--config", str(config)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    cert, key = tls.kiosk(SERVE_KIOSK)
    link = HttpsCenterLink(f"https://127.0.0.1:{port}", SERVE_KIOSK, cert, key, tls.ca, 5)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, server.communicate()[0]
            try:
                challenge = link.start_authentication()
                break
            except CenterUnavailableError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)  # a port that is not listening yet has no signal to wait on
        yield ServedServer(link, challenge, health_port)
    finally:
        link.close()
        server.send_signal(signal.SIGINT)
        output = server.communicate(timeout=30)[0]
    assert server.returncode == 0, output
