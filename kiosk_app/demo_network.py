"""The store-kiosk demo's network, in-process: the three fictitious demo municipalities' servers
behind a relay center, all on loopback with mutual TLS (``center.relay`` with ``embedded:``).

Every TLS file is made anew under ``<data_dir>/network`` at each start; the registries stay
there between runs, each with a ``<code>/server.toml`` for the staff commands (``shomei-server
registrations list --config …/network/999992/server.toml``). The demo JPKI CA and the card
keys are the single-city demo's, so the simulator panel's cards are the ones the center checks.
ALL FICTITIOUS.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from issuance_center.serving import running_center
from issuance_center.settings import CenterSettings, ListenerTls, UpstreamTls
from issuance_center.store import CenterStore, Municipality
from issuance_server.card_directory import resident_card_rows
from issuance_server.demo_data import demo_ca
from issuance_server.demo_movers import registry_with_movers, seed_registrations
from issuance_server.demo_municipalities import (
    DEMO_MUNICIPALITIES,
    DemoMunicipality,
    server_toml,
)
from issuance_server.service import IssuanceService, open_service
from issuance_server.settings import TOKYO, TlsSettings
from issuance_server.storage import Store
from issuance_server.tls_demo import TlsFiles, make_demo_tls
from issuance_server.tls_server import running_server
from kiosk_app.center.https_link import HttpsCenterLink
from kiosk_app.config import CenterConfig

CENTER_ID = "DEMO-CENTER"
Clock = Callable[[], dt.datetime]


def _now() -> dt.datetime:
    return dt.datetime.now(TOKYO)


@dataclass
class DemoSite:
    """One running municipality server."""

    demo: DemoMunicipality
    service: IssuanceService
    url: str
    tls: TlsFiles


@dataclass
class DemoNetwork:
    """The center and the municipalities behind it."""

    url: str
    tls: TlsFiles  # the center's PKI: its server certificate, the kiosks' and its own client one
    store: CenterStore
    root: Path  # TLS files, databases and each municipality's server.toml
    sites: dict[str, DemoSite] = field(default_factory=dict)

    def link(self, kiosk_id: str, timeout: float = 15.0) -> HttpsCenterLink:
        """A store kiosk's link to the center."""
        cert, key = self.tls.kiosk(kiosk_id)
        return HttpsCenterLink(self.url, kiosk_id, cert, key, self.tls.ca, timeout=timeout)

    def center_config(self, kiosk_id: str) -> CenterConfig:
        """A store kiosk's ``[center]``: this center's URL, ``relay`` on, the kiosk's TLS files."""
        certificate, key = self.tls.kiosk(kiosk_id)
        return CenterConfig(
            url=self.url,
            relay=True,
            client_certificate=certificate,
            client_key=key,
            server_ca=self.tls.ca,
        )


def _start_site(
    stack: ExitStack, demo: DemoMunicipality, root: Path, pki: Path, client_ca: Path, clock: Clock
) -> DemoSite:
    tls = make_demo_tls(root / demo.code / "tls", [])
    settings = msgspec.structs.replace(
        demo.settings(pki, f"sqlite:///{root / demo.code / 'registry.sqlite3'}"),
        port=0,
        health_port=None,
        tls=TlsSettings(
            certificate=tls.server_certificate, key=tls.server_key, client_ca=client_ca
        ),
        kiosks=[CENTER_ID],
    )
    # for the staff commands, also while the demo runs: shomei-server registrations … --config
    (root / demo.code / "server.toml").write_text(server_toml(settings), encoding="utf-8")
    store = Store(settings.database_url)
    try:
        if store.is_empty():  # the registry with the residents whose 本籍 is in another one
            store.load_registry(registry_with_movers(demo))
            seed_registrations(store, demo, clock())
    finally:
        store.close()
    service = open_service(settings, clock=clock)
    stack.callback(service.store.close)
    port = stack.enter_context(running_server(service, settings)).port
    return DemoSite(demo, service, f"https://127.0.0.1:{port}", tls)


@contextmanager
def running_network(
    root: Path,
    pki: Path,
    kiosk_ids: list[str],
    *,
    operators: dict[str, str] | None = None,
    clock: Clock = _now,
    center_database: str | None = None,
) -> Iterator[DemoNetwork]:
    """Start the three demo municipalities and a center in front of them; stop them after.

    ``pki`` holds the demo JPKI CA and card keys; ``root`` the TLS files and databases (the
    center's is SQLite there unless ``center_database`` names another).
    """
    center_tls = make_demo_tls(root / "center-tls", [*kiosk_ids, CENTER_ID], operators=operators)
    ca = demo_ca(pki)
    jpki_ca = root / "jpki-ca.pem"
    jpki_ca.write_bytes((pki / "pki" / "ca.pem").read_bytes())
    with ExitStack() as stack:
        store = CenterStore(center_database or f"sqlite:///{root / 'center.sqlite3'}")
        stack.callback(store.close)
        sites = {
            d.code: _start_site(stack, d, root, pki, center_tls.ca, clock)
            for d in DEMO_MUNICIPALITIES
        }
        for site in sites.values():
            d = site.demo
            store.add_municipality(
                Municipality(
                    code=d.code,
                    name=d.name,
                    prefecture=d.prefecture,
                    url=site.url,
                    ca_pem=site.tls.ca.read_text(encoding="ascii"),
                    honseki=d.honseki,
                    registration=d.honseki,
                )
            )
            registry = registry_with_movers(d)
            store.import_cards(resident_card_rows(registry, ca.certificate, d.code))
        cert, key = center_tls.kiosk(CENTER_ID)
        settings = CenterSettings(
            data_dir=root,
            jpki_ca=jpki_ca,
            port=0,
            tls=ListenerTls(
                certificate=center_tls.server_certificate,
                key=center_tls.server_key,
                client_ca=center_tls.ca,
            ),
            upstream=UpstreamTls(certificate=cert, key=key),
            kiosks=kiosk_ids,
        )
        port = stack.enter_context(running_center(settings, store))
        yield DemoNetwork(f"https://127.0.0.1:{port}", center_tls, store, root, sites)


class DemoNetworkLink(HttpsCenterLink):
    """A link to the demo network that stops the network when the kiosk closes it."""

    def __init__(self, stack: ExitStack, network: DemoNetwork, kiosk_id: str, timeout: float):
        cert, key = network.tls.kiosk(kiosk_id)
        super().__init__(network.url, kiosk_id, cert, key, network.tls.ca, timeout=timeout)
        self._stack = stack

    def close(self) -> None:
        super().close()
        self._stack.close()


def open_demo_network_link(data_dir: Path, kiosk_id: str, timeout: float) -> DemoNetworkLink:
    """Start the demo network under ``data_dir`` (PKI in ``data_dir/center``) for one kiosk."""
    stack = ExitStack()
    try:
        network = stack.enter_context(
            running_network(data_dir / "network", data_dir / "center", [kiosk_id])
        )
        return DemoNetworkLink(stack, network, kiosk_id, timeout)
    except BaseException:
        stack.close()
        raise
