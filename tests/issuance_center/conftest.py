"""A relay center over mutual TLS in front of the three demo municipality servers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import msgspec
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from issuance_center.serving import running_center
from issuance_center.settings import CenterSettings, ListenerTls, UpstreamTls
from issuance_center.store import CenterStore, Municipality
from issuance_server.card_directory import resident_card_rows
from issuance_server.demo_data import DemoCard, demo_ca, demo_cards, generate
from issuance_server.demo_municipalities import DEMO_MUNICIPALITIES, DemoMunicipality
from issuance_server.http_client import HttpsCenterLink
from issuance_server.messages import AuthSession, Route
from issuance_server.registry import Person, Registry
from issuance_server.service import IssuanceService, open_service
from issuance_server.settings import TOKYO, TlsSettings
from issuance_server.tls_demo import TlsFiles, make_demo_tls
from issuance_server.tls_server import running_server

#: A Friday within every service's hours (the municipality servers' clock).
NOW = dt.datetime(2026, 11, 27, 10, 0, tzinfo=TOKYO)
CENTER_ID = "CENTER-01"
KIOSKS = [f"STORE-KIOSK-{n:02d}" for n in range(8)]
OPERATORS = {kiosk: ("模擬マート" if n % 2 else "架空ストア") for n, kiosk in enumerate(KIOSKS)}
KIYOSHI, MIHON, SHIKEN = (m.code for m in DEMO_MUNICIPALITIES)


@dataclass
class Site:
    """One running municipality server."""

    demo: DemoMunicipality
    service: IssuanceService
    url: str
    tls: TlsFiles
    registry: Registry
    cards: dict[str, DemoCard]


@dataclass
class Network:
    """The center and the municipalities behind it."""

    url: str
    tls: TlsFiles  # the center's PKI: its server certificate, the kiosks' and its own client one
    store: CenterStore
    sites: dict[str, Site] = field(default_factory=dict)
    links: list[HttpsCenterLink] = field(default_factory=list)

    def link(self, kiosk_id: str = KIOSKS[0], timeout: float = 20.0) -> HttpsCenterLink:
        """A store kiosk's link to the center (closed with the network)."""
        cert, key = self.tls.kiosk(kiosk_id)
        link = HttpsCenterLink(self.url, kiosk_id, cert, key, self.tls.ca, timeout=timeout)
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
    """A resident adult with a valid card, a registered seal and a koseki in that municipality."""
    today = NOW.date()
    sealed = {s.person_id for s in site.registry.seals if s.abolished_on is None}
    valid = {c.person_id for c in site.registry.cards if not c.revoked and c.not_after > NOW}
    found = [
        p
        for p in site.registry.persons
        if p.id in valid
        and p.deceased_on is None
        and p.age_on(today) >= 20
        and p.residence is not None
        and not p.residence.dv_protected
        and not p.residence.move_out_filed
        and p.koseki_id is not None
        and p.id in sealed
    ]
    return found[skip]


@pytest.fixture(scope="session")
def pki_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The one demo JPKI CA and the card keys, shared (RSA keys are slow to make)."""
    return tmp_path_factory.mktemp("jpki")


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory, pki_dir: Path) -> Iterator[Network]:
    """Three municipality servers and a relay center in front of them, on loopback."""
    root = tmp_path_factory.mktemp("network")
    center_tls = make_demo_tls(root / "center-tls", [*KIOSKS, CENTER_ID], operators=OPERATORS)
    store = CenterStore(f"sqlite:///{root / 'center.sqlite3'}")
    ca = demo_ca(pki_dir)
    ca_pem = root / "jpki-ca.pem"
    ca_pem.write_bytes((pki_dir / "pki" / "ca.pem").read_bytes())
    with _servers(root, pki_dir, center_tls) as sites:
        for site in sites.values():
            d = site.demo
            store.add_municipality(
                Municipality(
                    code=d.code,
                    name=d.name,
                    prefecture=d.prefecture,
                    url=site.url,
                    ca_pem=site.tls.ca.read_text(),
                    honseki=d.honseki,
                    registration=d.honseki,
                )
            )
            store.import_cards(resident_card_rows(site.registry, ca.certificate, d.code))
        cert, key = center_tls.kiosk(CENTER_ID)
        settings = CenterSettings(
            data_dir=root,
            jpki_ca=ca_pem,
            port=0,
            tls=ListenerTls(
                certificate=center_tls.server_certificate,
                key=center_tls.server_key,
                client_ca=center_tls.ca,
            ),
            upstream=UpstreamTls(certificate=cert, key=key),
            kiosks=KIOSKS,
        )
        with running_center(settings, store) as port:
            network = Network(f"https://127.0.0.1:{port}", center_tls, store, sites)
            yield network
            for link in network.links:
                link.close()
    store.close()


@contextmanager
def _servers(root: Path, pki: Path, center_tls: TlsFiles) -> Iterator[dict[str, Site]]:
    """Every demo municipality's server, each with its own TLS and database."""
    sites: dict[str, Site] = {}
    with ExitStack() as stack:
        for demo in DEMO_MUNICIPALITIES:
            tls = make_demo_tls(root / demo.code, [])
            settings = msgspec.structs.replace(
                demo.settings(pki, f"sqlite:///{root / demo.code / 'registry.sqlite3'}"),
                port=0,
                tls=TlsSettings(
                    certificate=tls.server_certificate, key=tls.server_key, client_ca=center_tls.ca
                ),
                kiosks=[CENTER_ID],
            )
            service = open_service(settings, clock=FixedClock())
            stack.callback(service.store.close)
            port = stack.enter_context(running_server(service, settings))
            cards = demo_cards(pki, demo.seed, demo.card_serial_base)
            sites[demo.code] = Site(
                demo,
                service,
                f"https://127.0.0.1:{port}",
                tls,
                generate(demo.seed, card_serial_base=demo.card_serial_base),
                {c.person_id: c for c in cards},
            )
        yield sites
