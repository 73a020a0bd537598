"""The simulator panel drives the sim: devices through their public APIs."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import threading
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field

import msgspec
import pytest
from cryptography import x509
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from drivers.coin_acceptor.errors import CoinMechError
from drivers.coin_acceptor.sim import SimCoinAcceptor, SimHopper
from drivers.nfc.demo_ca import DemoJpkiCa
from drivers.nfc.errors import WrongPinError
from drivers.nfc.sim import SimCardReader
from drivers.nfc.virtual_card import VirtualMyNumberCard
from drivers.printer.a4_sim import SimA4Printer
from drivers.printer.errors import PaperJamError, PaperOutError
from drivers.printer.receipt_sim import SimReceiptPrinter
from drivers.printer.slips import Receipt, ReceiptLine
from issuance_contract.errors import CenterUnavailableError
from issuance_server.demo_data import demo_cards, generate
from issuance_server.embedded_link import EmbeddedCenterLink
from issuance_server.honseki import same_honseki
from kiosk_app.center.opening import embedded_server_settings, open_center_link
from kiosk_app.config import Config
from kiosk_app.devices.opening import open_services
from kiosk_app.session.ports import ServiceError
from kiosk_app.session.steps import NoticeKind
from kiosk_app.simulator.demo_people import CardFace, HintedPerson, demo_people
from kiosk_app.simulator.panel import SimDevices, SimulatorPanel, open_simulator
from kiosk_app.simulator.switchable_link import SwitchableCenterLink, center_wrapper


@dataclass
class FakePerson:
    """A demo card holder like issuance_server.demo_data.DemoCard."""

    person_label: str
    pin: str
    ca: DemoJpkiCa
    serial: int
    face: CardFace | None = None
    made: list[VirtualMyNumberCard] = field(default_factory=list)

    def make_card(self) -> object:
        card = self.ca.new_card(self.pin, self.serial)
        self.made.append(card)
        return card


@dataclass
class Rig:
    panel: SimulatorPanel
    devices: SimDevices
    reader: SimCardReader
    acceptor: SimCoinAcceptor
    receipt: SimReceiptPrinter
    a4: SimA4Printer
    people: list[FakePerson]


@pytest.fixture(scope="module")
def ca() -> DemoJpkiCa:
    return DemoJpkiCa.create()


@pytest.fixture
def rig(qtbot: QtBot, ca: DemoJpkiCa) -> Iterator[Rig]:
    people = [
        FakePerson("架空 太郎（40歳）", "1234", ca, 1),
        FakePerson("架空 花子（38歳）", "5678", ca, 2),
    ]
    reader = SimCardReader()
    acceptor = SimCoinAcceptor()
    acceptor.initialise()
    hoppers = {10: SimHopper(10, level=7), 100: SimHopper(100, level=3)}
    receipt = SimReceiptPrinter()
    a4 = SimA4Printer()
    devices = SimDevices(reader, people, acceptor, hoppers, a4, receipt)
    panel = SimulatorPanel(devices)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    yield Rig(panel, devices, reader, acceptor, receipt, a4, people)
    panel.close()
    reader.close()
    acceptor.close()
    for hopper in hoppers.values():
        hopper.close()


def test_every_section_is_there_with_stable_names(rig: Rig) -> None:
    assert rig.panel.card is not None
    assert rig.panel.coins is not None
    assert rig.panel.receipt is not None
    assert rig.panel.a4 is not None
    names = {"simPersonCombo", "simTapCardButton", "simRemoveCardButton", "simCoin_500"}
    names |= {"simCoinJam", "simTakeReceiptButton", "simReceiptPaperOut", "simTakeA4Button"}
    names |= {"simA4PaperOut", "simA4Jam", "simCoinOffline"}
    assert names <= {w.objectName() for w in rig.panel.findChildren(QWidget)}


def test_a_panel_without_sim_devices_is_empty(qtbot: QtBot) -> None:
    panel = SimulatorPanel(SimDevices())
    qtbot.addWidget(panel)
    assert (panel.card, panel.coins, panel.a4, panel.receipt, panel.server) == (None,) * 5
    assert panel.staff_pin_label is None


def test_the_demo_staff_pin_is_shown_next_to_the_card_pins(qtbot: QtBot, rig: Rig) -> None:
    assert rig.panel.staff_pin_label is None  # none given: none shown
    panel = SimulatorPanel(SimDevices(rig.reader, rig.people, staff_pin="0000"))
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.card is not None
    label = panel.findChild(QLabel, "simStaffPinLabel")
    assert label is panel.staff_pin_label
    assert label is not None
    assert label.isVisible()
    assert label.text().startswith("保守用暗証番号（デモ）/ staff PIN (demo): 0000\n")
    assert panel.card.geometry().bottom() < label.geometry().top()


def test_tap_and_remove_the_chosen_persons_card(qtbot: QtBot, rig: Rig) -> None:
    card = rig.panel.card
    assert card is not None
    events: list[str] = []
    lock = threading.Lock()

    def record(what: str) -> None:
        with lock:
            events.append(what)

    rig.reader.start_monitoring(lambda: record("in"), lambda: record("out"))
    card.select(1)
    assert card.pin_label.text().endswith("5678")
    qtbot.mouseClick(card.tap_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: events == ["in"])
    assert rig.reader.card_present()
    assert "on the reader" in card.state_label.text()
    certificate = x509.load_der_x509_certificate(rig.reader.connect().read_auth_certificate())
    assert certificate.serial_number == rig.people[1].serial
    qtbot.mouseClick(card.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: events == ["in", "out"])
    assert not rig.reader.card_present()
    assert not card.remove_button.isEnabled()


def test_the_same_card_comes_back_so_wrong_pins_count(rig: Rig) -> None:
    card = rig.panel.card
    assert card is not None
    card.select(0)
    card.tap()
    with pytest.raises(WrongPinError) as wrong:
        rig.reader.connect().sign_with_auth_key(bytearray(b"9999"), hashlib.sha256().digest())
    card.remove()
    card.tap()
    assert rig.reader.connect().pin_tries_left() == wrong.value.tries_left
    assert len(rig.people[0].made) == 1


def test_coins_are_credited_only_while_the_acceptor_accepts(qtbot: QtBot, rig: Rig) -> None:
    coins = rig.panel.coins
    assert coins is not None
    qtbot.mouseClick(coins.coin_buttons[100], Qt.MouseButton.LeftButton)
    assert "returned" in coins.result_label.text()
    rig.acceptor.set_accepted_values({10, 50, 100, 500})
    assert coins.drop(500)
    assert coins.result_label.text() == "¥500: 受け付け / accepted"
    assert rig.acceptor.model.accepted == [500]
    assert coins.hopper_label.text().endswith("¥10×7  ¥100×3")


def test_jam_switch_jams_and_clears_the_slot(qtbot: QtBot, rig: Rig) -> None:
    coins = rig.panel.coins
    assert coins is not None
    rig.acceptor.set_accepted_values({10, 50, 100, 500})
    coins.jam_switch.click()
    assert rig.acceptor.model.jammed
    assert not coins.drop(100)
    coins.jam_switch.setChecked(False)
    assert not rig.acceptor.model.jammed
    assert coins.drop(100)


def test_offline_switch_silences_the_acceptor(rig: Rig) -> None:
    coins = rig.panel.coins
    assert coins is not None
    rig.acceptor.link.retries = 0
    coins.offline_switch.click()
    with pytest.raises(CoinMechError):
        rig.acceptor.poll_once()  # no answer: after a few polls the kiosk calls it offline
    coins.offline_switch.setChecked(False)
    assert rig.acceptor.poll_once() == []


def test_take_the_receipt_and_switch_paper_out(qtbot: QtBot, rig: Rig) -> None:
    section = rig.panel.receipt
    assert section is not None
    assert not section.take_button.isEnabled()
    rig.receipt.print_receipt(
        Receipt(
            municipality="架空市",
            issued_at=dt.datetime(2026, 11, 27, 10, 0),
            lines=[ReceiptLine("住民票の写し", 1, 300)],
            total_yen=300,
            inserted_yen=500,
            change_yen=200,
            kiosk_id="demo-01",
            transaction_id="T0001",
        )
    )
    qtbot.waitUntil(lambda: section.take_button.isEnabled())  # the panel's refresh timer
    assert section.tray_label.text().endswith("1")
    qtbot.mouseClick(section.take_button, Qt.MouseButton.LeftButton)
    assert rig.receipt.tray == []
    assert "住民票の写し" in section.taken_view.toPlainText()
    assert "T0001" in section.taken_view.toPlainText()
    section.paper_out_switch.click()
    assert rig.receipt.paper_out
    section.paper_out_switch.setChecked(False)
    assert not rig.receipt.paper_out


def test_the_panel_keeps_its_own_desktop_look(qapp: QApplication, rig: Rig) -> None:
    coins = rig.panel.coins
    assert coins is not None
    kiosk_sheet = qapp.styleSheet()
    qapp.setStyleSheet("QPushButton { min-height: 90px; }")  # as the kiosk's stylesheet does
    try:
        rig.panel.adjustSize()
        assert coins.coin_buttons[10].height() < 60
    finally:
        qapp.setStyleSheet(kiosk_sheet)


@pytest.fixture
def demo_center(demo_config: Config) -> Iterator[SwitchableCenterLink]:
    link = SwitchableCenterLink(
        open_center_link("embedded:", demo_config.kiosk.id, config=demo_config)
    )
    yield link
    link.close()


def test_a_demo_persons_card_authenticates_and_the_server_can_go_down(
    qtbot: QtBot, demo_config: Config, demo_center: SwitchableCenterLink
) -> None:
    people = [
        HintedPerson(card, "")
        for card in demo_cards(embedded_server_settings(demo_config).data_dir)
    ]
    reader = SimCardReader()
    panel = SimulatorPanel(SimDevices(reader, people, center=demo_center))
    qtbot.addWidget(panel)
    card, server = panel.card, panel.server
    assert card is not None
    assert server is not None
    assert card.person_combo.count() == len(people)
    assert card.person_combo.currentText() == people[0].person_label
    assert card.pin_label.text().endswith(people[0].pin)
    card.tap()
    challenge = demo_center.start_authentication()
    my_number_card = reader.connect()
    signature = my_number_card.sign_with_auth_key(
        bytearray(people[0].pin.encode()), hashlib.sha256(challenge.nonce).digest()
    )
    session = demo_center.authenticate(
        challenge.challenge_id, my_number_card.read_auth_certificate(), signature
    )
    assert session.token
    server.down_switch.click()
    assert demo_center.down
    with pytest.raises(CenterUnavailableError):
        demo_center.start_authentication()
    server.down_switch.click()
    assert demo_center.start_authentication().nonce != challenge.nonce
    card.remove()
    reader.close()


def _pdf(pages: int) -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    for number in range(pages):
        page.setFont("Helvetica-Bold", 96)
        page.drawString(100, 500, f"PAGE {number + 1}")
        page.showPage()
    page.save()
    return out.getvalue()


def _ink(image: QImage) -> float:
    """Share of pixels that are not white."""
    pixels = array("I", bytes(image.convertToFormat(QImage.Format.Format_RGB32).constBits()))
    return sum(1 for p in pixels if p & 0xFFFFFF != 0xFFFFFF) / len(pixels)


def test_take_the_a4_sheets_and_see_their_pages(qtbot: QtBot, rig: Rig) -> None:
    section = rig.panel.a4
    assert section is not None
    assert not section.take_button.isEnabled()
    result = rig.a4.print_document(_pdf(2), "shomei-kiosk", lambda _d, _t: None, timeout=5)
    assert result.completed
    qtbot.waitUntil(section.take_button.isEnabled)
    assert section.tray_label.text() == "トレイ / tray: 1 枚 / sheets"  # 2 pages, duplex
    qtbot.mouseClick(section.take_button, Qt.MouseButton.LeftButton)
    assert rig.a4.tray == []
    [document] = section.pages.documents
    assert document.status() is QPdfDocument.Status.Ready
    assert document.pageCount() == 2
    page = section.pages.render_page(0, 0)
    assert page.width() == 420
    assert page.height() == round(420 * 297 / 210)
    assert 0.001 < _ink(page) < 0.5  # the big "PAGE 1" came out, on white paper
    assert section.pages.findChildren(QPdfView)


def test_a4_paper_out_and_jam_switches(rig: Rig) -> None:
    section = rig.panel.a4
    assert section is not None
    section.paper_out_switch.click()
    with pytest.raises(PaperOutError):
        rig.a4.print_document(_pdf(1), "shomei-kiosk", lambda _d, _t: None, timeout=5)
    section.paper_out_switch.click()
    section.jam_switch.click()
    with pytest.raises(PaperJamError):
        rig.a4.print_document(_pdf(1), "shomei-kiosk", lambda _d, _t: None, timeout=5)
    section.jam_switch.click()
    assert rig.a4.print_document(_pdf(1), "shomei-kiosk", lambda _d, _t: None, 5).completed


@pytest.mark.parametrize("desktop", [False, True], ids=["kiosk", "desktop"])
def test_the_demo_opens_a_panel_for_its_sim_devices(
    qtbot: QtBot, demo_config: Config, desktop: bool
) -> None:
    services = open_services(demo_config, desktop=desktop, wrap_center=center_wrapper(demo_config))
    try:
        panel = open_simulator(services, demo_config, desktop)
        assert panel is not None
        qtbot.addWidget(panel)
        assert isinstance(services.center, SwitchableCenterLink)
        assert panel.card is not None
        assert panel.server is not None
        assert " — " in panel.card.person_combo.currentText()  # with its hint
        sections = (panel.coins, panel.a4, panel.receipt)
        if desktop:
            assert sections == (None, None, None)
        else:
            assert all(section is not None for section in sections)
            assert panel.coins is not None
            assert panel.coins.hopper_label.text().count("×") == len(demo_config.devices.hoppers)
        if desktop:  # no maintenance mode there, so no staff PIN
            assert panel.staff_pin_label is None
            assert not (demo_config.kiosk.data_dir / "staff-pin").exists()
        else:
            assert panel.staff_pin_label is not None
            assert "staff PIN (demo): 00000000" in panel.staff_pin_label.text()
            assert (demo_config.kiosk.data_dir / "staff-pin").is_file()
        panel.server.down_switch.click()
        with pytest.raises(ServiceError) as down:
            services.registration_status("1234567890")
        assert down.value.notice.kind is NoticeKind.SERVER_UNREACHABLE
    finally:
        services.close()


def test_real_devices_and_a_remote_server_get_no_panel(demo_config: Config) -> None:
    remote = msgspec.structs.replace(
        demo_config, center=msgspec.structs.replace(demo_config.center, url="https://x.invalid")
    )
    services = open_services(demo_config)
    sims = (services.reader, services.a4, services.receipt, services.payment.acceptor)
    try:
        real = object()  # stands for any real device: not one of the sim classes
        services.reader = services.a4 = services.receipt = real  # type: ignore[assignment]
        services.payment.acceptor = real  # type: ignore[assignment]
        assert center_wrapper(remote) is None
        assert open_simulator(services, remote, desktop=False) is None
    finally:
        services.reader, services.a4, services.receipt, services.payment.acceptor = sims
        services.close()


def test_demo_people_carry_a_hint_of_what_the_server_will_say(demo_config: Config) -> None:
    registry = generate()
    persons = {person.id: person for person in registry.persons}
    people = demo_people(demo_config, today=dt.date(2026, 11, 27))
    hints = {person.hint for person in people}
    assert {"住民 / resident", "市外在住・本籍は市内 / lives elsewhere, 本籍 here"} <= hints
    assert "15歳未満 / under 15" in hints
    for person in people:
        holder = persons[person.card.person_id]  # type: ignore[attr-defined]
        assert person.person_label.startswith(holder.full_name)
        assert person.person_label.endswith(person.hint)
        assert person.pin == person.card.pin
        if person.hint == "住民 / resident":
            assert holder.residence is not None
            assert holder.koseki_id is not None
        if person.hint.startswith("市外在住"):
            assert holder.residence is None
    assert isinstance(people[0].make_card(), VirtualMyNumberCard)


def test_the_switchable_link_cancels_by_key_unless_down(
    demo_center: SwitchableCenterLink,
) -> None:
    demo_center.down = True
    with pytest.raises(CenterUnavailableError):
        demo_center.cancel_by_key("", "never-answered-1")
    demo_center.down = False
    demo_center.cancel_by_key("", "never-answered-1")  # the server keeps the key cancelled
    inner = demo_center.inner
    assert isinstance(inner, EmbeddedCenterLink)
    row = inner.service.store.issuance_by_key(inner._kiosk_id, "never-answered-1")
    assert row is not None
    assert row.status == "cancelled"


FACE_LABELS = (
    "simCardName",
    "simCardBirthDate",
    "simCardExpiry",
    "simCardSecurityCode",
    "simPersonHonseki",
    "simPersonHittosha",
    "simPersonHittoshaReading",
)


def _face_texts(panel: SimulatorPanel) -> list[str]:
    texts = []
    for name in FACE_LABELS:
        label = panel.findChild(QLabel, name)
        assert label is not None, name
        texts.append(label.text())
    return texts


def test_the_card_face_follows_the_chosen_person(rig: Rig) -> None:
    card = rig.panel.card
    assert card is not None
    assert _face_texts(rig.panel) == ["-"] * len(FACE_LABELS)  # no face known for the first
    rig.people[1].face = CardFace(
        "架空　花子", "19880102", "20310405", "0427", "本町", "3-12", "架空　太郎", "カクウ　タロウ"
    )
    card.select(1)
    assert _face_texts(rig.panel) == [
        "架空　花子",
        "19880102",
        "20310405",
        "0427",
        "本町 3-12",
        "架空　太郎",
        "カクウ　タロウ",
    ]
    card.select(0)
    assert _face_texts(rig.panel) == ["-"] * len(FACE_LABELS)


def test_demo_card_faces_are_what_the_server_checks(demo_config: Config) -> None:
    registry = generate()
    persons = {person.id: person for person in registry.persons}
    cards = {record.serial: record for record in registry.cards}
    koseki = {entry.id: entry for entry in registry.koseki}
    people = demo_people(demo_config, today=dt.date(2026, 11, 27))
    elsewhere = 0
    for person in people:
        holder = persons[person.card.person_id]  # type: ignore[attr-defined]
        record = cards[person.card.serial]  # type: ignore[attr-defined]
        face = person.face
        assert face is not None
        assert face.name == holder.full_name
        assert dt.datetime.strptime(face.birth_date, "%Y%m%d").date() == holder.birth_date
        assert dt.datetime.strptime(face.expiry, "%Y%m%d").date() == record.not_after.date()
        assert face.security_code == record.security_code
        if holder.koseki_id is not None:
            home = koseki[holder.koseki_id]
            typed = f"架空市{face.honseki_town}{face.honseki_banchi}"
            assert same_honseki(home.honseki, typed)
            assert face.hittosha == home.hittosha_name
            assert face.hittosha_reading.replace("　", "") != ""
        if person.hint.startswith("市外在住"):
            elsewhere += 1
    assert elsewhere >= 1
