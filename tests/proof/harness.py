"""A whole kiosk without widgets: the real session flows and device services on ``sim:`` devices.

Only the person and the host's timers are scripted: the flows, the payment controller and its
journal, the ccTalk driver over the emulated bus, the NFC driver over the virtual card, the
printers' drivers and the issuance server (embedded, shared by every kiosk of a run) are the
product's own code. ``FaultyCenter`` sits between the kiosk and the server to make it slow,
down or garbled.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Protocol, TypeVar
from unittest import mock

import msgspec

from drivers.coin_acceptor.sim import DEFAULT_SIM_LEVEL, SimCoinAcceptor, SimHopper
from drivers.nfc.sim import SimCardReader
from drivers.nfc.virtual_card import VirtualMyNumberCard
from drivers.printer.a4_sim import SimA4Printer
from drivers.printer.receipt_sim import SimReceiptPrinter
from issuance_contract.certificates import CertificateType
from issuance_contract.errors import BadReplyError, CenterTimeoutError, CenterUnavailableError
from issuance_contract.link import CenterLink
from issuance_contract.messages import (
    AuthSession,
    Challenge,
    Directory,
    Issuance,
    OrderItem,
    OutcomeReport,
    RegistrationForm,
    RegistrationStatus,
    Route,
)
from issuance_server.demo_data import CardParameters, DemoCard, demo_cards, generate
from issuance_server.embedded_link import EmbeddedCenterLink
from issuance_server.registry import Person
from issuance_server.service import IssuanceService, open_service
from kiosk_app.center.opening import embedded_server_settings
from kiosk_app.config import Config
from kiosk_app.devices import opening
from kiosk_app.session.issuance import IssuanceFlow
from kiosk_app.session.kiosk import Kiosk
from kiosk_app.session.loop import LoopExecutor
from kiosk_app.session.model import PaymentProgress, PaymentResult
from kiosk_app.session.steps import Step
from kiosk_app.voice.prompter import RecordingPrompter
from tests.support import people

T = TypeVar("T")

#: The coin acceptor's polling interval in the proof runs (the emulator's default is 200 ms).
FAST_POLL_S = 0.05

#: How long the harness waits for the kiosk to reach a step (the machine is shared).
WAIT_S = 20.0


def always_open(config: Config, data_dir: Path, kiosk_id: str | None = None) -> Config:
    """``config`` with every certificate open at any hour, data under ``data_dir``."""
    certificates = {
        kind: msgspec.structs.replace(c, hours="00:00-24:00", weekdays_only=False)
        for kind, c in config.certificates.items()
    }
    kiosk = msgspec.structs.replace(
        config.kiosk, closed_days=[], data_dir=data_dir, id=kiosk_id or config.kiosk.id
    )
    return msgspec.structs.replace(config, certificates=certificates, kiosk=kiosk)


class ServerFault(StrEnum):
    """How the server misbehaves while a fault is switched on."""

    SLOW = "slow"  # it does the work, but the reply comes after the kiosk's time-out
    LATE = "late"  # every reply comes late, within the kiosk's time-out
    DOWN = "down"  # it cannot be reached
    BAD_REPLY = "bad_reply"  # it does the work, but the reply is garbled


class FaultyCenter(CenterLink):
    """A center link in front of a shared one; records every request id the server created."""

    def __init__(self, inner: CenterLink, slow_seconds: float = 0.3) -> None:
        self.inner = inner
        self.fault: ServerFault | None = None
        self.slow_seconds = slow_seconds
        self.request_ids: list[str] = []
        #: The applicant id of every document the server sent (the person's own, or misissued).
        self.applicant_ids: list[str] = []

    def _call(self, call: Callable[[], T]) -> T:
        fault = self.fault
        if fault is ServerFault.DOWN:
            raise CenterUnavailableError("connection refused (fault injected)")
        result = call()
        if fault in (ServerFault.SLOW, ServerFault.LATE):
            time.sleep(self.slow_seconds)
        if fault is ServerFault.SLOW:
            raise CenterTimeoutError("no reply within the kiosk's time-out (fault injected)")
        if fault is ServerFault.BAD_REPLY:
            raise BadReplyError("the reply is not valid JSON (fault injected)")
        return result

    def start_authentication(self) -> Challenge:
        """As the inner link, unless faulty."""
        return self._call(self.inner.start_authentication)

    def start_routed_authentication(
        self, route: Route, certificate_der: bytes, municipality_code: str | None = None
    ) -> Challenge:
        """As the inner link, unless faulty."""
        return self._call(
            lambda: self.inner.start_routed_authentication(
                route, certificate_der, municipality_code
            )
        )

    def directory(self) -> Directory:
        """As the inner link, unless faulty."""
        return self._call(self.inner.directory)

    def authenticate(
        self, challenge_id: str, certificate_der: bytes, signature: bytes
    ) -> AuthSession:
        """As the inner link, unless faulty."""
        return self._call(lambda: self.inner.authenticate(challenge_id, certificate_der, signature))

    def issue(self, token: str, items: list[OrderItem], idempotency_key: str) -> Issuance:
        """As the inner link, unless faulty; the request id is noted even if the reply is lost."""

        def call() -> Issuance:
            issuance = self.inner.issue(token, items, idempotency_key)
            self.request_ids.append(issuance.request_id)
            self.applicant_ids += [document.applicant_id for document in issuance.documents]
            return issuance

        return self._call(call)

    def report_outcome(self, token: str, request_id: str, report: OutcomeReport) -> None:
        """As the inner link, unless faulty."""
        self._call(lambda: self.inner.report_outcome(token, request_id, report))

    def cancel(self, token: str, request_id: str) -> None:
        """As the inner link, unless faulty."""
        self._call(lambda: self.inner.cancel(token, request_id))

    def cancel_by_key(self, token: str, idempotency_key: str) -> None:
        """As the inner link, unless faulty."""
        self._call(lambda: self.inner.cancel_by_key(token, idempotency_key))

    def submit_registration(self, token: str, form: RegistrationForm) -> str:
        """As the inner link, unless faulty."""
        return self._call(lambda: self.inner.submit_registration(token, form))

    def registration_status(self, number: str) -> RegistrationStatus:
        """As the inner link, unless faulty."""
        return self._call(lambda: self.inner.registration_status(number))

    def end_session(self, token: str) -> None:
        """As the inner link, unless faulty."""
        self._call(lambda: self.inner.end_session(token))

    def close(self) -> None:
        """A link of its own is closed; the shared embedded server stays open."""
        if not isinstance(self.inner, EmbeddedCenterLink):
            self.inner.close()


@dataclass
class Applicant:
    """A fictitious adult resident and their virtual card."""

    person: Person
    card: DemoCard
    _card: CardParameters | None = None

    @property
    def parameters(self) -> CardParameters:
        """The card's keys and PIN, read from disk once."""
        if self._card is None:
            self._card = self.card.card
        return self._card

    def make_card(self) -> VirtualMyNumberCard:
        """A fresh virtual card (PIN counter full)."""
        c = self.parameters
        return VirtualMyNumberCard(c.auth_key, c.auth_certificate_der, c.pin, c.ca_certificate_der)

    @property
    def secrets(self) -> list[str]:
        """What must not survive a session: name, kana and 個人番号."""
        return [self.person.full_name, self.person.full_kana, self.person.individual_number]


@dataclass
class Server:
    """One embedded issuance server shared by the kiosks of a run, with its demo card holders."""

    service: IssuanceService
    applicants: list[Applicant]

    def link(self, kiosk_id: str) -> CenterLink:
        """A kiosk's link to the embedded server."""
        return EmbeddedCenterLink(self.service, kiosk_id)


class LinkMaker(Protocol):
    """Where a proof kiosk's link goes: the embedded server, or a relay center."""

    def link(self, kiosk_id: str) -> CenterLink:
        """A new link for the kiosk ``kiosk_id``."""


def open_server(config: Config, data_dir: Path, count: int = 4) -> Server:
    """The embedded server under ``data_dir`` and ``count`` adult residents it serves."""
    settings = msgspec.structs.replace(embedded_server_settings(config), data_dir=data_dir)
    service = open_service(settings)
    registry = generate()
    cards = {c.person_id: c for c in demo_cards(data_dir)}
    plain = people.plain(config.municipality.mayor)
    adults = people.demo_people(
        registry, dt.datetime.now(dt.UTC), lambda p: people.resident(p) and plain(p), min_age=20
    )
    applicants = [Applicant(person, cards[person.id]) for person in adults[:count]]
    return Server(service, applicants)


class _Sink:
    """Device callbacks (driver threads) posted to the kiosk's pumping thread."""

    def __init__(self, executor: LoopExecutor, kiosk: Kiosk) -> None:
        self._executor, self._kiosk = executor, kiosk

    def emit_card_inserted(self) -> None:
        self._executor.post(self._kiosk.card_inserted)

    def emit_card_removed(self) -> None:
        self._executor.post(self._kiosk.card_removed)

    def emit_payment_update(self, state: PaymentProgress) -> None:
        kiosk = self._kiosk
        self._executor.post(lambda: kiosk.payment_updated(state))

    def emit_payment_finished(self, result: PaymentResult) -> None:
        kiosk = self._kiosk
        self._executor.post(lambda: kiosk.payment_finished(result))


@dataclass
class Coins:
    """What the person put in and what the hoppers gave back, in yen."""

    inserted: int = 0
    #: Coins put into each hopper: its level at start plus every refill.
    hopper_levels: dict[int, int] = field(default_factory=dict)


class ProofKiosk:
    """One kiosk: real flows and services on sim devices, a pumped executor, a faulty link."""

    def __init__(self, config: Config, server: LinkMaker) -> None:
        self._open_devices(config, server)
        self.executor = LoopExecutor()
        self.kiosk = Kiosk(config, self.services, self.executor, RecordingPrompter())
        self.services.attach(_Sink(self.executor, self.kiosk))

    def _open_devices(self, config: Config, server: LinkMaker) -> None:
        """The sim devices and the payment journal, with a faulty link to the shared server."""
        self.config = config
        center = FaultyCenter(server.link(config.kiosk.id))
        self.center = center
        with mock.patch.object(opening, "open_center_link", return_value=center):
            self.services = opening.open_services(config)
        reader, acceptor = self.services.reader, self.services.payment.acceptor
        if not isinstance(reader, SimCardReader) or not isinstance(acceptor, SimCoinAcceptor):
            raise TypeError("the proof kiosk runs on sim: devices")
        if not isinstance(self.services.a4, SimA4Printer):
            raise TypeError("the proof kiosk runs on a sim: A4 printer")
        if not isinstance(self.services.receipt, SimReceiptPrinter):
            raise TypeError("the proof kiosk runs on a sim: receipt printer")
        self.reader: SimCardReader = reader
        self.acceptor: SimCoinAcceptor = acceptor
        # as a mechanism that asks to be polled every 50 ms (header 249; the driver's floor)
        acceptor.poll_interval = FAST_POLL_S
        self.a4: SimA4Printer = self.services.a4
        self.receipt: SimReceiptPrinter = self.services.receipt
        self.hoppers = {
            c: h for c, h in self.services.payment.hoppers.items() if isinstance(h, SimHopper)
        }
        # sim: hoppers start full; a restart may already have paid out from them (settlement)
        self.coins = Coins(hopper_levels=dict.fromkeys(self.hoppers, DEFAULT_SIM_LEVEL))

    # -- waiting --------------------------------------------------------------------------------
    @property
    def step(self) -> Step:
        """The kiosk's step now."""
        return self.kiosk.step

    def pump_until(self, condition: Callable[[], bool], timeout: float = WAIT_S) -> bool:
        """Deliver events until ``condition`` holds (True) or ``timeout`` passes (False)."""
        return self.executor.pump(condition, timeout)

    def settle(self) -> None:
        """Let every job and event already started finish and be delivered."""
        self.executor.pump(timeout=0.05)
        self.executor.drain()

    # -- the person -----------------------------------------------------------------------------
    @property
    def flow(self) -> IssuanceFlow:
        """The issuance flow running now."""
        flow = self.kiosk.flow
        if not isinstance(flow, IssuanceFlow):
            raise AssertionError(f"no issuance flow (step {self.step})")
        return flow

    def type_pin(self, pin: str) -> None:
        """Type four digits on the kiosk keypad and press OK."""
        for digit in pin:
            self.flow.press_digit(digit)
        self.flow.submit_pin()

    def insert_coin(self, yen: int) -> bool:
        """Drop a coin; True if the mechanism took it (it is then owed to the person or fee)."""
        taken = self.acceptor.insert_coin(yen)
        if taken:
            self.coins.inserted += yen
        return taken

    def returned_by_hoppers(self) -> int:
        """Yen the hoppers paid out since the kiosk opened (counted from their levels)."""
        return sum(
            coin * (self.coins.hopper_levels[coin] - h.level) for coin, h in self.hoppers.items()
        )

    def refill_hoppers(self) -> None:
        """Staff fill every hopper back to its starting level."""
        for coin, hopper in self.hoppers.items():
            added = DEFAULT_SIM_LEVEL - hopper.level
            if added > 0:
                hopper.fill(added)
                self.coins.hopper_levels[coin] += added

    def shutdown(self) -> None:
        """End any session, stop the devices, finish every job (the journal stays readable)."""
        self.kiosk.abort()
        self.settle()
        self.services.close()
        self.executor.close()

    def close(self) -> None:
        """Close the journal (after ``shutdown``)."""
        self.services.payment.journal.close()


def order(kiosk: ProofKiosk, kind: CertificateType, copies: int) -> None:
    """From the menu: one certificate type with its default options, ``copies`` copies."""
    flow = kiosk.flow
    if not flow.choose(kind):
        raise AssertionError(f"{kind} not offered")
    if flow.step is Step.OPTIONS:
        flow.options_done()
    flow.set_copies(copies)
    flow.copies_done()
