"""Desktop mode against the issuance server over HTTPS with mutual TLS (the seed's web site)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from issuance_server.service import open_service
from issuance_server.settings import TlsSettings
from issuance_server.tls_demo import make_demo_tls
from issuance_server.tls_server import running_server
from kiosk_app.center.https_link import HttpsCenterLink
from kiosk_app.center.opening import embedded_server_settings
from kiosk_app.config import CenterConfig, Config
from kiosk_app.screens.texts import Texts
from kiosk_app.session.steps import Ending, Step
from tests.kiosk_app.gui.test_registration import register
from tests.support.card_holders import CardHolder, find_person
from tests.support.gui import KioskUnderTest, running_kiosk


@pytest.fixture
def https_config(kiosk_config: Config, tmp_path: Path) -> Iterator[Config]:
    """The kiosk configuration pointing at a real HTTPS server on a free loopback port."""
    kiosk_id = kiosk_config.kiosk.id
    tls = make_demo_tls(tmp_path / "tls", [kiosk_id])
    settings = msgspec.structs.replace(
        embedded_server_settings(kiosk_config),
        database=f"sqlite:///{tmp_path / 'server.sqlite3'}",
        port=0,
        health_port=None,
        tls=TlsSettings(certificate=tls.server_certificate, key=tls.server_key, client_ca=tls.ca),
        kiosks=[kiosk_id],
    )
    service = open_service(settings)
    certificate, key = tls.kiosk(kiosk_id)
    with running_server(service, settings) as listening:
        center = CenterConfig(
            url=f"https://127.0.0.1:{listening.port}",
            client_certificate=certificate,
            client_key=key,
            server_ca=tls.ca,
        )
        yield msgspec.structs.replace(kiosk_config, center=center)
    service.store.close()


@pytest.fixture
def https_desktop(
    qtbot: QtBot, qapp: QApplication, https_config: Config
) -> Iterator[KioskUnderTest]:
    """``shomei-kiosk --desktop`` talking HTTPS."""
    yield from running_kiosk(qtbot, qapp, https_config, desktop=True)


@pytest.mark.integration
def test_desktop_registration_and_status_over_https(
    https_desktop: KioskUnderTest, https_config: Config
) -> None:
    kiosk = https_desktop
    assert isinstance(kiosk.services.center, HttpsCenterLink)
    who: CardHolder = find_person(https_config, resident=False)
    number = register(kiosk, who)
    kiosk.tap("doneButton")
    kiosk.wait_step(Step.HOME)
    assert kiosk.window.kiosk.last_ending is Ending.SUCCESS
    assert kiosk.check_status(number) == Texts().status("pending")
