"""A relay center over mutual TLS in front of the three demo municipality servers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from issuance_center.store import CenterStore
from issuance_contract.messages import AuthSession, Route
from issuance_server.demo_data import DemoCard, demo_cards, generate
from issuance_server.demo_municipalities import DEMO_MUNICIPALITIES, DemoMunicipality
from issuance_server.registry import Person, Registry
from issuance_server.service import IssuanceService
from issuance_server.settings import TOKYO
from issuance_server.tls_demo import TlsFiles
from kiosk_app.center.https_link import HttpsCenterLink
from kiosk_app.demo_network import DemoNetwork, running_network
from tests.stacks.postgres import PostgresStack
from tests.support.people import demo_person, resident

#: A Friday within every service's hours (the municipality servers' clock).
NOW = dt.datetime(2026, 11, 27, 10, 0, tzinfo=TOKYO)
KIOSKS = [f"STORE-KIOSK-{n:02d}" for n in range(8)]
OPERATORS = {kiosk: ("模擬マート" if n % 2 else "架空ストア") for n, kiosk in enumerate(KIOSKS)}
KIYOSHI, MIHON, SHIKEN = (m.code for m in DEMO_MUNICIPALITIES)


@dataclass
class Site:
    """One running municipality server, with its registry and cards."""

    demo: DemoMunicipality
    service: IssuanceService
    url: str
    tls: TlsFiles
    registry: Registry
    cards: dict[str, DemoCard]


@dataclass
class Network:
    """The center and the municipalities behind it."""

    running: DemoNetwork
    sites: dict[str, Site]
    links: list[HttpsCenterLink] = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.running.url

    @property
    def tls(self) -> TlsFiles:
        return self.running.tls

    @property
    def store(self) -> CenterStore:
        return self.running.store

    def link(self, kiosk_id: str = KIOSKS[0], timeout: float = 20.0) -> HttpsCenterLink:
        """A store kiosk's link to the center (closed with the network)."""
        link = self.running.link(kiosk_id, timeout)
        self.links.append(link)
        return link


class FixedClock:
    """The municipality servers' clock."""

    def __call__(self) -> dt.datetime:
        return NOW


def sign(card: DemoCard, nonce: bytes) -> bytes:
    """What the card computes: PKCS#1 v1.5 over SHA-256 of the nonce."""
    return card.keys().auth_key.sign(nonce, padding.PKCS1v15(), hashes.SHA256())


def login(
    link: HttpsCenterLink, card: DemoCard, route: Route = Route.RESIDENCE, code: str | None = None
) -> AuthSession:
    """A card's session through the center, routed as a store kiosk would."""
    der = card.keys().auth_certificate_der
    challenge = link.start_routed_authentication(route, der, code)
    return link.authenticate(challenge.challenge_id, der, sign(card, challenge.nonce))


def adult_resident(site: Site, skip: int = 0) -> Person:
    """A resident adult with a valid card, a registered seal and a koseki in that municipality
    (the ``skip``-th, by tests/support/people.py)."""
    sealed = {s.person_id for s in site.registry.seals if s.abolished_on is None}
    return demo_person(
        site.registry,
        NOW,
        lambda p: resident(p) and p.koseki_id is not None and p.id in sealed,
        min_age=20,
        skip=skip,
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def center_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty center database: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'center.sqlite3'}"
    postgres: PostgresStack = request.getfixturevalue("postgres")
    return postgres.new_database()


@pytest.fixture(scope="session")
def pki_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The one demo JPKI CA and the card keys, shared (RSA keys are slow to make)."""
    return tmp_path_factory.mktemp("jpki")


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory, pki_dir: Path) -> Iterator[Network]:
    """Three municipality servers and a relay center in front of them, on loopback."""
    yield from running(tmp_path_factory.mktemp("network"), pki_dir)


def running(root: Path, pki_dir: Path, center_database: str | None = None) -> Iterator[Network]:
    """The network of the ``network`` fixture (the center on ``center_database`` if given)."""
    with running_network(
        root,
        pki_dir,
        KIOSKS,
        operators=OPERATORS,
        clock=FixedClock(),
        center_database=center_database,
    ) as net:
        sites = {}
        for code, site in net.sites.items():
            d = site.demo
            cards = demo_cards(pki_dir, d.seed, d.card_serial_base)
            registry = generate(d.seed, card_serial_base=d.card_serial_base)
            sites[code] = Site(
                d, site.service, site.url, site.tls, registry, {c.person_id: c for c in cards}
            )
        network = Network(net, sites)
        yield network
        for link in network.links:
            link.close()
