"""Fixtures for the issuance server: demo registry, a service on a fixed clock, card log-in."""

from __future__ import annotations

import datetime as dt
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import msgspec
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from issuance_contract.messages import AuthSession, RegistrationForm
from issuance_contract.mtls_listener import ConnectionLimits
from issuance_server.demo_data import DemoCard, demo_cards, generate
from issuance_server.embedded_link import EmbeddedCenterLink
from issuance_server.registry import Person, Registry
from issuance_server.service import IssuanceService, open_service
from issuance_server.settings import (
    TOKYO,
    ServerSettings,
    TlsSettings,
    demo_settings,
)
from issuance_server.tls_demo import TlsFiles, make_demo_tls
from issuance_server.tls_server import running_server
from kiosk_app.center.https_link import HttpsCenterLink
from kiosk_app.center.opening import open_center_link
from tests.support import people
from tests.support.people import demo_person

# A Friday within every service's hours.
NOW = dt.datetime(2026, 11, 27, 10, 0, tzinfo=TOKYO)
KIOSK = "TEST-KIOSK-1"


class Clock:
    """A settable clock for the service."""

    def __init__(self, now: dt.datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture(scope="session")
def registry() -> Registry:
    """The demo registry (deterministic)."""
    return generate()


@pytest.fixture(scope="session")
def pki_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory whose demo CA and card keys are shared by all tests (keys are slow)."""
    return tmp_path_factory.mktemp("center-pki")


@pytest.fixture(scope="session")
def cards(pki_dir: Path) -> dict[str, DemoCard]:
    """The demo cards by person id."""
    return {c.person_id: c for c in demo_cards(pki_dir)}


@pytest.fixture
def clock() -> Clock:
    """The service's clock, settable by a test."""
    return Clock()


@pytest.fixture
def settings(pki_dir: Path, tmp_path: Path) -> ServerSettings:
    """Demo settings with the shared PKI and a fresh database."""
    return msgspec.structs.replace(
        demo_settings(pki_dir), database=f"sqlite:///{tmp_path / 'registry.sqlite3'}"
    )


@pytest.fixture
def service(settings: ServerSettings, clock: Clock) -> Iterator[IssuanceService]:
    """A service on the demo data, a fresh SQLite database and the test clock."""
    svc = open_service(settings, clock=clock)
    yield svc
    svc.store.close()


@pytest.fixture
def link(service: IssuanceService) -> EmbeddedCenterLink:
    """An embedded link for the test kiosk."""
    return EmbeddedCenterLink(service, KIOSK)


def sign(card: DemoCard, nonce: bytes) -> bytes:
    """What the card computes: PKCS#1 v1.5 over SHA-256 of the nonce."""
    return card.keys().auth_key.sign(nonce, padding.PKCS1v15(), hashes.SHA256())


@pytest.fixture
def login(link: EmbeddedCenterLink, cards: dict[str, DemoCard]) -> Callable[[str], AuthSession]:
    """Authenticate the card of a person id through the link."""

    def _login(person_id: str) -> AuthSession:
        card = cards[person_id]
        challenge = link.start_authentication()
        return link.authenticate(
            challenge.challenge_id, card.keys().auth_certificate_der, sign(card, challenge.nonce)
        )

    return _login


def non_resident(registry: Registry, skip: int = 0) -> Person:
    """A person whose 本籍 is in the city but who lives elsewhere (needs a usage registration)."""
    return demo_person(registry, NOW, people.non_resident, skip=skip)


def registration_form(person: Person, card: DemoCard, registry: Registry) -> RegistrationForm:
    """The usage-registration form as the person would fill it in, matching the records."""
    koseki = next(k for k in registry.koseki if k.id == person.koseki_id)
    return RegistrationForm(
        honseki=koseki.honseki,
        hittosha=koseki.hittosha_name,
        hittosha_kana=koseki.family_kana or koseki.family_name,
        phone="090-0000-0000",
        birth_date=person.birth_date,
        card_expiry=card.expires_on,
        card_security_code=card.security_code,
    )


def full_resident(registry: Registry, skip: int = 0) -> Person:
    """A resident adult with a registered seal and a koseki in the city: everything available."""
    sealed = {s.person_id for s in registry.seals if s.abolished_on is None}
    return demo_person(
        registry,
        NOW,
        lambda p: people.resident(p) and p.koseki_id is not None and p.id in sealed,
        skip=skip,
    )


KIOSKS = [f"HTTP-KIOSK-{n:02d}" for n in range(52)]


@dataclass
class Center:
    """A running HTTPS center for the tests of this module."""

    url: str
    tls: TlsFiles
    service: IssuanceService
    health_port: int | None = None

    def link(self, kiosk_id: str = KIOSKS[0], timeout: float = 20.0) -> HttpsCenterLink:
        cert, key = self.tls.kiosk(kiosk_id)
        link = open_center_link(
            self.url,
            kiosk_id,
            client_certificate=cert,
            client_key=key,
            server_ca=self.tls.ca,
            timeout=timeout,
        )
        assert isinstance(link, HttpsCenterLink)
        return link


@pytest.fixture(scope="module")
def center(tmp_path_factory: pytest.TempPathFactory, pki_dir: Path) -> Iterator[Center]:
    """The API on a free loopback port with a demo kiosk CA made now."""
    root = tmp_path_factory.mktemp("https-center")
    tls = make_demo_tls(root / "tls", [*KIOSKS, "ROGUE-KIOSK"])
    settings: ServerSettings = msgspec.structs.replace(
        demo_settings(pki_dir),
        database=f"sqlite:///{root / 'registry.sqlite3'}",
        port=0,
        health_port=0,
        tls=TlsSettings(certificate=tls.server_certificate, key=tls.server_key, client_ca=tls.ca),
        # Every test kiosk connects from 127.0.0.1, as kiosks behind one relay center would.
        connections=ConnectionLimits(per_peer=256, handshakes_per_peer=64),
        kiosks=KIOSKS,
    )
    service = open_service(settings, clock=Clock())
    with running_server(service, settings) as ports:
        yield Center(f"https://127.0.0.1:{ports.port}", tls, service, ports.health_port)
    service.store.close()


def free_port() -> int:
    """A TCP port free on loopback now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve_config(tmp_path: Path, server_lines: str) -> tuple[Path, TlsFiles]:
    """A server TOML for ``serve`` with a demo kiosk CA, and ``server_lines`` in [server]."""
    tls = make_demo_tls(tmp_path / "tls", ["SERVE-KIOSK"])
    config = tmp_path / "server.toml"
    config.write_text(
        f'[server]\ndata_dir = "{tmp_path / "data"}"\n{server_lines}'
        f'[server.tls]\ncertificate = "{tls.server_certificate}"\nkey = "{tls.server_key}"\n'
        f'client_ca = "{tls.ca}"\n'
        '[municipality]\ncode = "999991"\nname = "架空市"\nmayor = "見本　太郎"\n'
        + "".join(
            f"[certificates.{t}]\nfee_yen = 300\n"
            for t in ("juminhyo", "inkan", "koseki_zenbu", "koseki_kojin", "fuhyo")
        ),
        encoding="utf-8",
    )
    return config, tls
