"""A store kiosk on ``sim:`` devices through a relay center (mutual TLS) to three demo
municipalities: routing, the municipality's fees on the receipt, money and settlement agreeing."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest

from drivers.coin_acceptor.sim import SimCoinAcceptor
from drivers.nfc.sim import SimCardReader
from drivers.printer.a4_sim import SimA4Printer
from drivers.printer.receipt_sim import SimReceiptPrinter
from issuance_center.settlement import settle
from issuance_contract.certificates import CertificateType
from issuance_server.demo_data import DemoCard, demo_cards, generate
from issuance_server.demo_movers import movers
from issuance_server.demo_municipalities import DEMO_MUNICIPALITIES
from issuance_server.settings import TOKYO
from kiosk_app.availability import Availability, Device, DeviceState, Problem
from kiosk_app.center.https_link import HttpsCenterLink
from kiosk_app.config import Config
from kiosk_app.demo_network import DemoNetwork, running_network
from kiosk_app.devices.opening import open_services
from kiosk_app.devices.services import DeviceServices
from kiosk_app.session.card import CardFlow
from kiosk_app.session.kiosk import Kiosk
from kiosk_app.session.loop import LoopExecutor
from kiosk_app.session.registration import RegistrationFlow
from kiosk_app.session.status import StatusFlow
from kiosk_app.session.steps import Ending, NoticeKind, Step
from kiosk_app.simulator.switchable_link import SwitchableCenterLink
from kiosk_app.voice.prompter import RecordingPrompter
from tests.kiosk_app.session.test_sim_devices import LoopEvents
from tests.support.gui import always_open
from tests.support.people import demo_person, non_resident, resident

#: A Friday within every demo municipality's hours (the municipality servers' clock).
NOW = dt.datetime(2026, 11, 27, 10, 0, tzinfo=TOKYO)
MIHON = DEMO_MUNICIPALITIES[1]


class Running:
    """The store kiosk, its loop and services, and the network behind it."""

    def __init__(
        self, kiosk: Kiosk, loop: LoopExecutor, services: DeviceServices, network: DemoNetwork
    ) -> None:
        self.kiosk, self.loop, self.services, self.network = kiosk, loop, services, network

    def reach(self, step: Step) -> None:
        assert self.loop.pump(lambda: self.kiosk.step is step, timeout=30), self.kiosk.step

    def sign_in(self, flow: CardFlow, card: DemoCard, then: Step) -> SimCardReader:
        """Place the card when asked, type its PIN, wait for ``then``; the reader."""
        self.reach(Step.PLACE_CARD)
        reader = self.services.reader
        assert isinstance(reader, SimCardReader)
        reader.insert(card.make_card())
        self.reach(Step.PIN)
        for digit in card.pin:
            flow.press_digit(digit)
        flow.submit_pin()
        self.reach(then)
        return reader


@pytest.fixture
def running(demo_config: Config, tmp_path: Path) -> Iterator[Running]:
    config = always_open(demo_config, tmp_path)
    pki = config.kiosk.data_dir / "center"
    with running_network(
        tmp_path / "network", pki, [config.kiosk.id], clock=lambda: NOW
    ) as network:
        config = msgspec.structs.replace(config, center=network.center_config(config.kiosk.id))
        # switchable: a test puts a dead link behind it (the parts keep the link they were given)
        services = open_services(config, wrap_center=SwitchableCenterLink)
        loop = LoopExecutor()
        kiosk = Kiosk(config, services, loop, RecordingPrompter())
        services.attach(LoopEvents(loop, kiosk))
        yield Running(kiosk, loop, services, network)
        loop.close()
        services.close()


def _resident_card(pki: Path) -> DemoCard:
    """The card of an adult resident of 見本町 with a registered seal (tests/support/people.py)."""
    registry = generate(MIHON.seed, card_serial_base=MIHON.card_serial_base)
    sealed = {s.person_id for s in registry.seals if s.abolished_on is None}
    person = demo_person(registry, NOW, lambda p: resident(p) and p.id in sealed, min_age=20)
    cards = {c.person_id: c for c in demo_cards(pki, MIHON.seed, MIHON.card_serial_base)}
    return cards[person.id]


def test_a_resident_of_another_municipality_gets_its_certificate_and_the_money_settles(
    running: Running, demo_config: Config
) -> None:
    kiosk, services = running.kiosk, running.services
    reader, a4, receipts = services.reader, services.a4, services.receipt
    assert isinstance(reader, SimCardReader)
    assert isinstance(a4, SimA4Printer)
    assert isinstance(receipts, SimReceiptPrinter)
    card = _resident_card(services.config.kiosk.data_dir / "center")
    flow = kiosk.start_issuance()
    running.reach(Step.ROUTE)
    assert flow.choose_residence()
    running.sign_in(flow, card, Step.REMOVE_CARD)
    reader.remove()
    running.reach(Step.MENU)
    assert flow.data.municipality_name == "見本町"
    fees = {o.certificate_type: o.fee_yen for o in flow.data.offers}
    assert fees[CertificateType.JUMINHYO] == 300  # 見本町's fee, not the kiosk config's 200
    assert flow.choose(CertificateType.INKAN)
    flow.copies_done()
    flow.confirm()
    running.reach(Step.PAYING)
    assert running.loop.pump(lambda: services.payment.current is not None, timeout=20)
    acceptor = services.payment.acceptor
    assert isinstance(acceptor, SimCoinAcceptor)
    assert acceptor.insert_coin(500)
    running.reach(Step.TAKE_ITEMS)
    assert flow.data.change_yen == 200
    assert [job.complete for job in a4.take_all()] == [True]
    printed = receipts.take_all()
    assert any("見本町" in ticket.text for ticket in printed)
    flow.acknowledge()
    assert kiosk.last_ending is Ending.SUCCESS
    assert running.loop.pump(lambda: len(services.outbox.pending()) == 0, timeout=20)
    # the center's settlement for 見本町 equals what the kiosk's money journal kept (the center
    # records when it relayed: the real month, whatever the servers' fixed clock says)
    journal = services.payment.journal.totals()
    assert journal.fees == 300
    settled = settle(running.network.store, dt.datetime.now(TOKYO).strftime("%Y-%m"))
    assert settled[MIHON.code].total().delivered_yen == journal.fees
    assert settled[MIHON.code].charged_yen == journal.fees


def test_the_honseki_list_leaves_out_a_municipality_without_that_service(
    running: Running,
) -> None:
    flow = running.kiosk.start_issuance()
    running.reach(Step.ROUTE)
    assert flow.choose_honseki()
    running.reach(Step.ROUTE_PREFECTURE)
    assert flow.prefectures == ["架空県"]  # 試験村 (模擬県) has no 本籍地 service
    assert [m.name for m in flow.data.municipalities] == ["架空市", "見本町"]
    flow.cancel()


def test_a_municipality_down_refuses_its_residents_before_any_money(
    running: Running,
) -> None:
    store = running.network.store
    entry = store.municipality(MIHON.code)
    assert entry is not None
    site = running.network.sites[MIHON.code]
    site_url = site.url
    store.add_municipality(dataclasses.replace(entry, url="https://127.0.0.1:9"))
    try:
        card = _resident_card(running.services.config.kiosk.data_dir / "center")
        flow = running.kiosk.start_issuance()
        running.reach(Step.ROUTE)
        flow.choose_residence()
        reader = running.sign_in(flow, card, Step.NOTICE)
        notice = flow.data.notice
        assert notice is not None
        assert notice.reason_code == "municipality_unavailable"
        assert notice.kind is NoticeKind.REFUSED
        assert running.services.payment.journal.totals().inserted == 0
        reader.remove()
    finally:
        store.add_municipality(dataclasses.replace(entry, url=site_url))


class Watcher:
    """Collects the device states the services report (what the home screen hears)."""

    def __init__(self) -> None:
        self.states: list[DeviceState] = []

    def emit_device_state(self, state: DeviceState) -> None:
        self.states.append(state)


def test_the_center_down_takes_issuance_out_of_service_before_the_card(
    running: Running,
) -> None:
    services = running.services
    watcher = Watcher()
    services.watch(watcher)
    services.check_printers()
    assert watcher.states[-1] == DeviceState(Device.CENTER)
    switch = services.center
    assert isinstance(switch, SwitchableCenterLink)
    live = switch.inner
    cert, key = running.network.tls.kiosk(services.config.kiosk.id)
    dead = HttpsCenterLink(
        "https://127.0.0.1:9", services.config.kiosk.id, cert, key, running.network.tls.ca
    )
    switch.inner = dead  # a real link to a port where nothing listens
    try:
        flow = running.kiosk.start_issuance()
        running.reach(Step.NOTICE)
        notice = flow.data.notice
        assert notice is not None
        assert notice.kind is NoticeKind.SERVER_UNREACHABLE
        assert notice.before_payment
        assert watcher.states[-1] == DeviceState(Device.CENTER, Problem.OFFLINE)
        availability = Availability()
        availability.update(watcher.states[-1])
        assert availability.issuance_blocker == DeviceState(Device.CENTER, Problem.OFFLINE)
    finally:
        switch.inner = live
        dead.close()
    services.check_printers()
    assert watcher.states[-1] == DeviceState(Device.CENTER)


def _type(flow: RegistrationFlow, text: str) -> None:
    for char in text:
        flow.type_char(char)


def test_a_registration_to_a_honseki_in_another_municipality_approved_by_its_staff(
    running: Running,
) -> None:
    """Registration on the store kiosk to 見本町, the clerk's command in a separate process on
    見本町's server data, then the status check on the kiosk: all through the center."""
    services, kiosk = running.services, running.kiosk
    registry = generate(MIHON.seed, card_serial_base=MIHON.card_serial_base)
    cards = {
        c.person_id: c
        for c in demo_cards(
            services.config.kiosk.data_dir / "center", MIHON.seed, MIHON.card_serial_base
        )
    }
    registered = {m.person.id for m in movers()}  # registered already
    person = demo_person(
        registry, NOW, lambda p: non_resident(p) and p.id not in registered, min_age=20
    )
    card = cards[person.id]
    flow = kiosk.start_registration()
    running.reach(Step.ROUTE_PREFECTURE)
    assert flow.choose_prefecture("架空県")
    assert flow.choose_municipality(MIHON.code)
    running.reach(Step.REG_TOWN)
    assert running.loop.pump(lambda: bool(flow.towns), timeout=20)
    assert flow.choose_town(flow.towns[0])
    for text in (
        "1-2",
        "ミホン　タロウ",
        "0312345678",
        person.birth_date.strftime("%Y%m%d"),
        card.expires_on.strftime("%Y%m%d"),
        card.security_code,
    ):
        _type(flow, text)
        assert flow.next(), (flow.step, flow.field_text)
    running.sign_in(flow, card, Step.REMOVE_CARD).remove()
    running.reach(Step.REG_CONFIRM)
    flow.confirm()
    running.reach(Step.REG_DONE)
    number = flow.data.registration.application_number
    assert number.startswith(MIHON.code)
    assert len(number) == 14
    receipts = services.receipt
    assert isinstance(receipts, SimReceiptPrinter)
    flow.print_slip()
    assert running.loop.pump(lambda: bool(receipts.tray), timeout=20)
    (slip,) = receipts.take_all()
    assert "見本町" in slip.text
    assert number in slip.text.replace(" ", "")
    flow.acknowledge()
    # the clerk of 見本町, in a separate process, on 見本町's server data
    config = running.network.root / MIHON.code / "server.toml"
    staff = [sys.executable, "-m", "issuance_server.cli"]
    listed = subprocess.run(
        [*staff, "registrations", "list", "--config", str(config)],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    assert number[6:] in listed.stdout
    subprocess.run(
        [*staff, "registrations", "approve", str(int(number[6:])), "--config", str(config)],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    status = kiosk.start_status()
    _type_status(status, number)
    running.reach(Step.STATUS_RESULT)
    assert status.data.status_result == "approved"


def _type_status(flow: StatusFlow, number: str) -> None:
    for char in number:
        flow.type_char(char)
    assert flow.submit()
