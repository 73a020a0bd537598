"""uvicorn's own records (tracebacks of failed requests) pass through the redacting handler."""

from __future__ import annotations

from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

import httpx
import pytest

from issuance_contract.logging_setup import SESSION_SECRETS, configure_logging
from issuance_contract.mtls_listener import (
    MutualTlsFiles,
    bind_sockets,
    hardened_config,
    running_in_thread,
)
from issuance_server.tls_demo import make_demo_tls
from kiosk_app.center.https_link import client_ssl_context


async def _failing_app(scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] == "http":
        raise ValueError("lookup failed: PIN=4321, 個人番号 123456789018, 氏名 山田　太郎")


def test_a_traceback_logged_by_uvicorn_is_redacted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tls = make_demo_tls(tmp_path / "tls", ["LOG-KIOSK"])
    configure_logging("INFO")
    SESSION_SECRETS.add("山田 太郎")
    sockets = bind_sockets("127.0.0.1", 0)
    config = hardened_config(
        _failing_app, MutualTlsFiles(tls.server_certificate, tls.server_key, tls.ca)
    )
    context = client_ssl_context(*tls.kiosk("LOG-KIOSK"), tls.ca)
    try:
        with running_in_thread(config, sockets) as ports:
            reply = httpx.get(f"https://127.0.0.1:{ports[0]}/", verify=context, timeout=10)
    finally:
        SESSION_SECRETS.clear()
    assert reply.status_code == 500
    err = capsys.readouterr().err
    assert "Exception in ASGI application" in err
    assert "ValueError: lookup failed: PIN=***" in err
    for value in ("4321", "123456789018", "山田　太郎", "山田", "太郎"):
        assert value not in err
