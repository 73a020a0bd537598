"""The fault matrix's store kiosk: the proof kiosk behind a relay center and three municipalities.

The center (``shomei-center``'s relay app) and the three demo municipality servers run on loopback
with mutual TLS, as in the store-kiosk demo (``kiosk_app.demo_network``); the kiosk's link is the
product's HTTPS link, wrapped in ``FaultyCenter`` for faults of the kiosk → center hop.
``FaultyUpstreams`` stands in the center for its connections to the municipalities, to make one
municipality down or slow (the center → municipality hop) while the others work.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from unittest import mock

import msgspec

from issuance_center import serving
from issuance_center.settings import UpstreamTls
from issuance_center.store import CenterStore, Municipality, RequestRow
from issuance_center.upstream import (
    UpstreamReply,
    Upstreams,
    UpstreamTimeoutError,
    UpstreamUnavailableError,
)
from issuance_contract.errors import CenterError
from issuance_contract.link import CenterLink
from issuance_contract.messages import Route
from issuance_server.demo_data import demo_cards
from issuance_server.demo_municipalities import DemoMunicipality
from issuance_server.service import IssuanceService
from issuance_server.settings import TOKYO
from kiosk_app.config import Config
from kiosk_app.demo_network import DemoNetwork, running_network
from tests.proof.upstream_faults import OTHER, UpstreamFault
from tests.support import people


def _today_at_ten() -> dt.datetime:
    """The municipality servers' clock: today at 10:00 in Japan (every demo service is open)."""
    return dt.datetime.now(TOKYO).replace(hour=10, minute=0, second=0, microsecond=0)


class FaultyUpstreams(Upstreams):
    """The center's connections to the municipalities, with a fault per municipality code.

    Notes the request id of every issuance a municipality created (also when its reply is then
    lost on the way back), so the cell can find it in the municipality's log.
    """

    def __init__(self, tls: UpstreamTls | None, timeout: float, connections: int = 16) -> None:
        super().__init__(tls, timeout, connections)
        self.faults: dict[str, UpstreamFault] = {}
        self.request_ids: list[str] = []

    async def call(self, m: Municipality, method: str, path: str, **kw: Any) -> UpstreamReply:
        """As the real connection, unless ``m`` is faulty."""
        fault = self.faults.get(m.code)
        if fault is UpstreamFault.DOWN:
            raise UpstreamUnavailableError(m.code)
        reply = await super().call(m, method, path, **kw)
        if (method, path, reply.status) == ("POST", "/v1/issuances", 201):
            self.request_ids.append(str(json.loads(reply.body)["request_id"]))
        if fault is UpstreamFault.SLOW:
            raise UpstreamTimeoutError(m.code)
        return reply


def _resident_card(pki: Path, d: DemoMunicipality) -> bytes:
    """The card certificate of an adult resident of ``d`` (its key made once, under ``pki``)."""
    registry = d.registry()
    person = people.demo_people(registry, dt.datetime.now(dt.UTC), people.resident, min_age=20)[0]
    cards = {c.person_id: c for c in demo_cards(pki, d.seed, d.card_serial_base)}
    return cards[person.id].keys().auth_certificate_der


@dataclass
class ProofNetwork:
    """The running center and municipalities, and the center's faulty upstream connections."""

    running: DemoNetwork
    upstreams: FaultyUpstreams
    pki: Path
    started: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    _other_card: bytes = b""

    def others_served(self, kiosk_id: str) -> bool:
        """While a municipality is faulty: whether the center still serves a resident of
        another (``OTHER``): it routes the card and that municipality gives a nonce."""
        if not self.upstreams.faults:
            return True
        if not self._other_card:
            self._other_card = _resident_card(self.pki, OTHER)
        link = self.running.link(kiosk_id)
        try:
            return bool(link.start_routed_authentication(Route.RESIDENCE, self._other_card).nonce)
        except CenterError:
            return False
        finally:
            link.close()

    def link(self, kiosk_id: str) -> CenterLink:
        """A store kiosk's HTTPS link to the center."""
        return self.running.link(kiosk_id)

    def service(self, code: str) -> IssuanceService:
        """The issuance service of the municipality ``code``."""
        return self.running.sites[code].service

    @property
    def store(self) -> CenterStore:
        """The center's database."""
        return self.running.store

    def kiosk_config(self, config: Config) -> Config:
        """``config`` as a store kiosk of this center (its TLS files, ``relay`` on)."""
        return msgspec.structs.replace(config, center=self.running.center_config(config.kiosk.id))

    def requests_of(self, kiosk_id: str) -> list[RequestRow]:
        """The center's record of a kiosk's requests."""
        until = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
        rows = self.store.requests_between(self.started, until)
        return [row for row in rows if row.kiosk_id == kiosk_id]


@contextmanager
def running_proof_network(root: Path, pki: Path, kiosk_ids: list[str]) -> Iterator[ProofNetwork]:
    """The demo network for ``kiosk_ids`` under ``root`` (the demo JPKI CA and cards in ``pki``),
    its center's upstream connections faulty on demand."""
    made: list[FaultyUpstreams] = []

    def upstreams(tls: UpstreamTls | None, timeout: float, connections: int) -> FaultyUpstreams:
        made.append(FaultyUpstreams(tls, timeout, connections))
        return made[-1]

    with ExitStack() as stack:
        with mock.patch.object(serving, "Upstreams", upstreams):  # the center's app is built here
            running = stack.enter_context(
                running_network(root, pki, kiosk_ids, clock=_today_at_ten)
            )
        (faulty,) = made
        yield ProofNetwork(running, faulty, pki)
