"""The demo's simulator panel: a separate window that plays the person and the hardware.

It drives only ``sim:`` devices and the center link, through their public APIs: tap and remove
a demo card (the person's PIN is shown), drop coins, jam the coin slot, take the paper from the
A4 tray (pages rendered with QtPdf) and the receipt tray, switch paper-out and paper jam, and
switch the server down (``SwitchableCenterLink``). For the built-in demo it also shows the demo
staff PIN that opens maintenance mode (``kiosk_app.maintenance.demo_pin``).
A section whose device is not simulated is left out. Its texts are fixed (Japanese / English):
it is a demonstration tool, not part of the kiosk's screens.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Protocol

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QHideEvent, QImage, QPainter, QShowEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from drivers.coin_acceptor.sim import SimCoinAcceptor, SimHopper
from drivers.nfc.sim import SimCardReader
from drivers.nfc.virtual_card import VirtualMyNumberCard
from drivers.printer.a4_sim import SimA4Printer
from drivers.printer.receipt_sim import SimReceiptPrinter
from issuance_contract.errors import CenterUnavailableError
from issuance_contract.link import CenterLink
from issuance_contract.messages import (
    AuthSession,
    Challenge,
    Issuance,
    OrderItem,
    RegistrationForm,
    RegistrationStatus,
)
from kiosk_app.config import Config
from kiosk_app.devices.services import DeviceServices
from kiosk_app.maintenance.demo_pin import ensure_demo_staff_pin

log = logging.getLogger(__name__)

#: The coins the panel can drop, in yen.
COINS = (10, 50, 100, 500)
#: How often tray counts and hopper levels are refreshed while the panel is shown.
REFRESH_MS = 500
#: Replies the offline acceptor drops: every one, until switched back.
UNANSWERED = 2**31 - 1

#: The panel's own look: ordinary desktop sizes, whatever the kiosk's stylesheet says.
_PANEL_STYLE = """
QWidget { font-size: 13px; color: #1a1a1a; background: #f0f0f0; }
QPushButton { min-height: 28px; min-width: 0; padding: 2px 10px; border-radius: 4px;
              border: 1px solid #777777; background: #ffffff; font-size: 13px; }
QPushButton:pressed, QPushButton:checked { background: #c8d8f0; }
QGroupBox { font-weight: bold; border: 1px solid #aaaaaa; margin-top: 10px; padding: 6px; }
QLabel#simPinLabel { font-size: 18px; font-weight: bold; }
"""


def _button(name: str, text: str, on_click: Callable[[], object]) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.clicked.connect(lambda _checked=False: on_click())
    return button


def _switch(name: str, text: str, on_toggle: Callable[[bool], None]) -> QCheckBox:
    box = QCheckBox(text)
    box.setObjectName(name)
    box.toggled.connect(on_toggle)
    return box


def _label(name: str, text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


class DemoPerson(Protocol):
    """A fictitious card holder (``issuance_server.demo_data.DemoCard`` is one)."""

    @property
    def person_label(self) -> str:
        """The fictitious name shown on the panel (never on the kiosk)."""

    @property
    def pin(self) -> str:
        """The card's PIN, shown so that the demo can type it."""

    def make_card(self) -> object:
        """A new ``VirtualMyNumberCard`` for this person."""


class SwitchableCenterLink(CenterLink):
    """A center link the panel can switch off: while ``down``, every call raises
    ``CenterUnavailableError`` as an unreachable server does (the demo wraps its link in it)."""

    def __init__(self, inner: CenterLink) -> None:
        self.inner = inner
        self.down = False

    def _up(self) -> CenterLink:
        if self.down:
            raise CenterUnavailableError("the server is switched off in the simulator")
        return self.inner

    def start_authentication(self) -> Challenge:
        """As the inner link, unless down."""
        return self._up().start_authentication()

    def authenticate(
        self, challenge_id: str, certificate_der: bytes, signature: bytes
    ) -> AuthSession:
        """As the inner link, unless down."""
        return self._up().authenticate(challenge_id, certificate_der, signature)

    def issue(self, token: str, items: list[OrderItem], idempotency_key: str) -> Issuance:
        """As the inner link, unless down."""
        return self._up().issue(token, items, idempotency_key)

    def report_outcome(
        self, token: str, request_id: str, printed_documents: list[str], fee_charged_yen: int
    ) -> None:
        """As the inner link, unless down."""
        self._up().report_outcome(token, request_id, printed_documents, fee_charged_yen)

    def cancel(self, token: str, request_id: str) -> None:
        """As the inner link, unless down."""
        self._up().cancel(token, request_id)

    def cancel_by_key(self, token: str, idempotency_key: str) -> None:
        """As the inner link, unless down."""
        self._up().cancel_by_key(token, idempotency_key)

    def submit_registration(self, token: str, form: RegistrationForm) -> str:
        """As the inner link, unless down."""
        return self._up().submit_registration(token, form)

    def registration_status(self, number: str) -> RegistrationStatus:
        """As the inner link, unless down."""
        return self._up().registration_status(number)

    def end_session(self, token: str) -> None:
        """As the inner link, unless down."""
        self._up().end_session(token)

    def close(self) -> None:
        """Close the inner link (also when down)."""
        self.inner.close()


@dataclass
class SimDevices:
    """The simulated devices (``None`` when that device is real) and the demo card holders."""

    card_reader: SimCardReader | None = None
    demo_cards: Sequence[DemoPerson] = ()
    coin_acceptor: SimCoinAcceptor | None = None
    hoppers: Mapping[int, SimHopper] = field(default_factory=dict)
    a4_printer: SimA4Printer | None = None
    receipt_printer: SimReceiptPrinter | None = None
    center: SwitchableCenterLink | None = None
    #: The demo staff PIN that opens maintenance mode (None: not shown).
    staff_pin: str | None = None


class CardSection(QGroupBox):
    """Pick a demo person, see their PIN, tap their card on the reader and take it off."""

    def __init__(self, reader: SimCardReader, cards: Sequence[DemoPerson]) -> None:
        super().__init__("カード / Card")
        self.setObjectName("simCardSection")
        self._reader = reader
        self._cards = list(cards)
        #: One virtual card per person, kept so that wrong PIN tries and locks persist.
        self._virtual: dict[int, VirtualMyNumberCard] = {}
        self.person_combo = QComboBox()
        self.person_combo.setObjectName("simPersonCombo")
        for card in self._cards:
            self.person_combo.addItem(card.person_label)
        self.person_combo.currentIndexChanged.connect(self._on_person_changed)
        self.pin_label = _label("simPinLabel")
        self.state_label = _label("simCardStateLabel")
        self.tap_button = _button("simTapCardButton", "かざす / Tap card", self.tap)
        self.remove_button = _button("simRemoveCardButton", "離す / Remove card", self.remove)
        layout = QGridLayout(self)
        layout.addWidget(self.person_combo, 0, 0, 1, 2)
        layout.addWidget(self.pin_label, 1, 0)
        layout.addWidget(self.state_label, 1, 1)
        layout.addWidget(self.tap_button, 2, 0)
        layout.addWidget(self.remove_button, 2, 1)
        self._on_person_changed(self.person_combo.currentIndex())
        self.refresh()

    def select(self, index: int) -> None:
        """Choose the demo person at ``index``."""
        self.person_combo.setCurrentIndex(index)

    def tap(self) -> None:
        """Put the chosen person's card on the reader."""
        index = self.person_combo.currentIndex()
        if index < 0:
            return
        card = self._virtual.get(index)
        if card is None:
            made = self._cards[index].make_card()
            if not isinstance(made, VirtualMyNumberCard):
                raise TypeError(f"demo card made a {type(made).__name__}")
            card = self._virtual[index] = made
        self._reader.insert(card)
        self.refresh()

    def remove(self) -> None:
        """Take the card off the reader."""
        self._reader.remove()
        self.refresh()

    def refresh(self) -> None:
        """Show whether a card is on the reader."""
        present = self._reader.card_present()
        self.state_label.setText("読み取り中 / on the reader" if present else "なし / no card")
        self.remove_button.setEnabled(present)

    def _on_person_changed(self, index: int) -> None:
        pin = self._cards[index].pin if 0 <= index < len(self._cards) else "-"
        self.pin_label.setText(f"暗証番号 / PIN: {pin}")


class CoinSection(QGroupBox):
    """Drop coins into the acceptor, jam its slot, and watch the change hoppers."""

    def __init__(self, acceptor: SimCoinAcceptor, hoppers: Mapping[int, SimHopper]) -> None:
        super().__init__("硬貨 / Coins")
        self.setObjectName("simCoinSection")
        self._acceptor = acceptor
        self._hoppers = dict(sorted(hoppers.items()))
        self.coin_buttons: dict[int, QPushButton] = {}
        row = QHBoxLayout()
        for yen in COINS:
            button = _button(f"simCoin_{yen}", f"¥{yen}", partial(self.drop, yen))
            self.coin_buttons[yen] = button
            row.addWidget(button)
        self.jam_switch = _switch("simCoinJam", "硬貨詰まり / Coin jam", self._on_jam_toggled)
        self.offline_switch = _switch(
            "simCoinOffline", "硬貨投入口オフライン / Acceptor offline", self._on_offline_toggled
        )
        self.result_label = _label("simCoinResultLabel")
        self.hopper_label = _label("simHopperLabel")
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.jam_switch)
        layout.addWidget(self.offline_switch)
        layout.addWidget(self.result_label)
        layout.addWidget(self.hopper_label)
        self.refresh()

    def drop(self, yen: int) -> bool:
        """Drop one coin; True if the acceptor credited it."""
        accepted = self._acceptor.insert_coin(yen)
        verdict = "受け付け / accepted" if accepted else "返却 / returned"
        self.result_label.setText(f"¥{yen}: {verdict}")
        return accepted

    def refresh(self) -> None:
        """Show the coins left in each hopper."""
        levels = "  ".join(f"¥{yen}×{hopper.level}" for yen, hopper in self._hoppers.items())
        self.hopper_label.setText(f"つり銭 / change: {levels or '-'}")

    def _on_jam_toggled(self, jammed: bool) -> None:
        log.info("simulator: coin slot %s", "jammed" if jammed else "cleared")
        if jammed:
            self._acceptor.jam()
        else:
            self._acceptor.clear_jam()

    def _on_offline_toggled(self, offline: bool) -> None:
        """The acceptor stops answering (the kiosk finds it offline after a few polls) or
        answers again."""
        log.info("simulator: coin acceptor %s", "offline" if offline else "online")
        self._acceptor.faults.drop_replies = UNANSWERED if offline else 0


class _TraySection(QGroupBox):
    """A printer's output tray: how much waits in it, a take button, a paper-out switch."""

    def __init__(self, title: str, prefix: str) -> None:
        super().__init__(title)
        self.setObjectName(f"sim{prefix}Section")
        self.tray_label = _label(f"sim{prefix}TrayLabel")
        self.take_button = _button(f"simTake{prefix}Button", "取る / Take", self.take)
        self.paper_out_switch = _switch(
            f"sim{prefix}PaperOut", "用紙切れ / Paper out", self._on_paper_out_toggled
        )
        row = QHBoxLayout()
        row.addWidget(self.tray_label, 1)
        row.addWidget(self.take_button)
        self.switches = QHBoxLayout()
        self.switches.addWidget(self.paper_out_switch)
        self.body = QVBoxLayout(self)
        self.body.addLayout(row)
        self.body.addLayout(self.switches)

    def take(self) -> int:
        """Take everything from the tray and show it; returns how much there was."""
        raise NotImplementedError

    def _on_paper_out_toggled(self, out: bool) -> None:
        raise NotImplementedError


class ReceiptSection(_TraySection):
    """The receipt printer's tray (take what was printed) and its paper-out switch."""

    def __init__(self, printer: SimReceiptPrinter) -> None:
        self._printer = printer
        super().__init__("レシート / Receipt printer", "Receipt")
        self.taken_view = QPlainTextEdit()
        self.taken_view.setObjectName("simReceiptView")
        self.taken_view.setReadOnly(True)
        self.taken_view.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.body.addWidget(self.taken_view)
        self.refresh()

    def take(self) -> int:
        """Take every ticket from the tray, show them, and return how many there were."""
        tickets = self._printer.take_all()
        parts = []
        for ticket in tickets:
            qr = "".join(f"\n[QR {len(code.data)} bytes]" for code in ticket.qr_codes)
            parts.append(ticket.text + qr)
        self.taken_view.setPlainText("\n\n✂ - - - - - - - - - -\n\n".join(parts))
        self.refresh()
        return len(tickets)

    def refresh(self) -> None:
        """Show how many tickets wait in the tray."""
        waiting = len(self._printer.tray)
        self.tray_label.setText(f"トレイ / tray: {waiting}")
        self.take_button.setEnabled(waiting > 0)

    def _on_paper_out_toggled(self, out: bool) -> None:
        log.info("simulator: receipt paper %s", "out" if out else "refilled")
        self._printer.paper_out = out


class PdfPages(QWidget):
    """Shows the pages of taken PDF documents with QtPdf (QPdfDocument + QPdfView)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.documents: list[QPdfDocument] = []
        self._buffers: list[QBuffer] = []
        self._views = QVBoxLayout(self)
        self._views.setContentsMargins(0, 0, 0, 0)

    def show_documents(self, pdfs: Sequence[bytes]) -> None:
        """Replace what is shown with ``pdfs`` (each laid out page after page)."""
        self.clear()
        for pdf in pdfs:
            buffer = QBuffer(self)
            buffer.setData(QByteArray(pdf))
            buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            document = QPdfDocument(self)
            document.load(buffer)
            view = QPdfView()
            view.setObjectName("simPdfView")
            view.setPageMode(QPdfView.PageMode.MultiPage)
            view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            view.setDocument(document)
            view.setMinimumHeight(320)
            self._views.addWidget(view)
            self.documents.append(document)
            self._buffers.append(buffer)

    def render_page(self, document: int, page: int, width: int = 420) -> QImage:
        """One page as it looks on paper: an image ``width`` pixels wide, on white."""
        size = self.documents[document].pagePointSize(page)
        height = round(width * size.height() / size.width()) if size.width() else width
        ink = self.documents[document].render(page, QSize(width, height))
        paper = QImage(ink.size(), QImage.Format.Format_RGB32)
        paper.fill(Qt.GlobalColor.white)
        painter = QPainter(paper)
        painter.drawImage(0, 0, ink)
        painter.end()
        return paper

    def clear(self) -> None:
        """Drop every document shown."""
        while (item := self._views.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        for document in self.documents:
            document.close()
            document.deleteLater()
        for buffer in self._buffers:
            buffer.close()
            buffer.deleteLater()
        self.documents, self._buffers = [], []


class A4Section(_TraySection):
    """The A4 printer's output tray (take the sheets and see them) and its fault switches."""

    def __init__(self, printer: SimA4Printer) -> None:
        self._printer = printer
        super().__init__("A4 プリンター / A4 printer", "A4")
        self.jam_switch = _switch("simA4Jam", "紙詰まり / Paper jam", self._on_jam_toggled)
        self.switches.addWidget(self.jam_switch)
        self.pages = PdfPages("simA4Pages")
        self.body.addWidget(self.pages, 1)
        self.refresh()

    def take(self) -> int:
        """Take every printed job from the tray, show its pages, return how many sheets."""
        jobs = self._printer.take_all()
        self.pages.show_documents([job.pdf for job in jobs])
        self.refresh()
        return sum(job.sheets_printed for job in jobs)

    def refresh(self) -> None:
        """Show how many sheets wait in the tray, and the switches' state."""
        sheets = sum(job.sheets_printed for job in self._printer.tray)
        self.tray_label.setText(f"トレイ / tray: {sheets} 枚 / sheets")
        self.take_button.setEnabled(sheets > 0)
        self.paper_out_switch.setChecked(self._printer.paper_out)
        self.jam_switch.setChecked(self._printer.jam)

    def _on_paper_out_toggled(self, out: bool) -> None:
        log.info("simulator: A4 paper %s", "out" if out else "refilled")
        self._printer.paper_out = out
        if not out and self._printer.paper_sheets == 0:
            self._printer.paper_sheets = None

    def _on_jam_toggled(self, jammed: bool) -> None:
        log.info("simulator: A4 paper %s", "jammed" if jammed else "cleared")
        self._printer.jam = jammed


class ServerSection(QGroupBox):
    """Switch the city's server off and on (the kiosk then sees it as unreachable)."""

    def __init__(self, center: SwitchableCenterLink) -> None:
        super().__init__("サーバー / City server")
        self.setObjectName("simServerSection")
        self._center = center
        self.down_switch = _switch("simServerDown", "停止 / Server down", self._on_down_toggled)
        self.down_switch.setChecked(center.down)
        layout = QVBoxLayout(self)
        layout.addWidget(self.down_switch)

    def refresh(self) -> None:
        """Show whether the server is switched off."""
        self.down_switch.setChecked(self._center.down)

    def _on_down_toggled(self, down: bool) -> None:
        log.info("simulator: server %s", "down" if down else "up")
        self._center.down = down


class SimulatorPanel(QWidget):
    """A separate window with one section per simulated device."""

    def __init__(self, devices: SimDevices, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("simulatorPanel")
        self.setWindowTitle("シミュレーター / Simulator")
        self.setStyleSheet(_PANEL_STYLE)
        self.card: CardSection | None = None
        self.coins: CoinSection | None = None
        self.a4: A4Section | None = None
        self.receipt: ReceiptSection | None = None
        self.server: ServerSection | None = None
        self.staff_pin_label: QLabel | None = None
        column = QVBoxLayout()
        if devices.card_reader is not None and devices.demo_cards:
            self.card = CardSection(devices.card_reader, devices.demo_cards)
            column.addWidget(self.card)
        if devices.staff_pin is not None:
            self.staff_pin_label = _label(
                "simStaffPinLabel",
                f"保守用暗証番号（デモ）/ staff PIN (demo): {devices.staff_pin}\n"
                "保守モード: ホーム画面の左上を5回タップ / maintenance mode: "
                "tap the home screen's top-left corner 5 times",
            )
            self.staff_pin_label.setWordWrap(True)
            column.addWidget(self.staff_pin_label)
        if devices.coin_acceptor is not None:
            self.coins = CoinSection(devices.coin_acceptor, devices.hoppers)
            column.addWidget(self.coins)
        if devices.receipt_printer is not None:
            self.receipt = ReceiptSection(devices.receipt_printer)
            column.addWidget(self.receipt)
        if devices.center is not None:
            self.server = ServerSection(devices.center)
            column.addWidget(self.server)
        column.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(column, 1)
        if devices.a4_printer is not None:
            self.a4 = A4Section(devices.a4_printer)
            layout.addWidget(self.a4, 1)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)

    def refresh(self) -> None:
        """Update every section from its device."""
        for section in (self.card, self.coins, self.a4, self.receipt, self.server):
            if section is not None:
                section.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        self.refresh()
        self._timer.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt API)
        self._timer.stop()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        self._timer.stop()
        super().closeEvent(event)


@dataclass(frozen=True)
class HintedPerson:
    """A demo card holder, labelled with what the server will make of them."""

    card: DemoPerson
    hint: str

    @property
    def person_label(self) -> str:
        """The name, age and hint."""
        return f"{self.card.person_label} — {self.hint}"

    @property
    def pin(self) -> str:
        """The card's PIN."""
        return self.card.pin

    def make_card(self) -> object:
        """A new virtual card for this person."""
        return self.card.make_card()


def demo_people(config: Config, today: dt.date | None = None) -> list[HintedPerson]:
    """The embedded server's fictitious card holders, each with a hint for the demo
    (resident, lives elsewhere with 本籍 here, under 15, moved out, deceased, revoked …)."""
    from issuance_server.demo_data import demo_cards, generate
    from kiosk_app.center.opening import embedded_server_settings

    day = today or dt.date.today()
    registry = generate()
    persons = {person.id: person for person in registry.persons}
    records = {record.serial: record for record in registry.cards}
    people = []
    for card in demo_cards(embedded_server_settings(config).data_dir):
        person, record = persons[card.person_id], records[card.serial]
        residence = person.residence
        hints = (
            (record.revoked, "証明書失効 / certificate revoked"),
            (record.not_after.date() <= day, "証明書期限切れ / certificate expired"),
            (person.deceased_on is not None, "死亡 / deceased"),
            (person.age_on(day) < 15, "15歳未満 / under 15"),
            (residence is None, "市外在住・本籍は市内 / lives elsewhere, 本籍 here"),
            (residence is not None and residence.move_out_filed, "転出届 / moved out"),
            (residence is not None and residence.dv_protected, "支援措置 / DV protection"),
            (person.koseki_id is None, "住民・本籍は市外 / resident, 本籍 elsewhere"),
        )
        hint = next((text for applies, text in hints if applies), "住民 / resident")
        people.append(HintedPerson(card, hint))
    return people


def open_simulator(
    services: DeviceServices, config: Config, desktop: bool = False
) -> SimulatorPanel | None:
    """The demo's panel for the ``sim:`` devices among ``services``, or None if none is.

    With an ``embedded:`` server it also wraps ``services.center`` in a SwitchableCenterLink
    (call it before the session flows run) and offers the demo residents' cards. On a desktop
    (registration and status only) it leaves out the coins and the printers. Otherwise, for a
    demo configuration, it creates the demo staff PIN if no staff PIN is set (call it before
    ``install_maintenance``) and shows it.
    """
    center: SwitchableCenterLink | None = None
    people: Sequence[DemoPerson] = ()
    if config.center.url.startswith("embedded:"):
        center = SwitchableCenterLink(services.center)
        services.center = center
        people = demo_people(config)
    reader = services.reader if isinstance(services.reader, SimCardReader) else None
    devices = SimDevices(card_reader=reader, demo_cards=people, center=center)
    if not desktop:
        acceptor = services.payment.acceptor
        devices.coin_acceptor = acceptor if isinstance(acceptor, SimCoinAcceptor) else None
        devices.hoppers = {
            yen: hopper
            for yen, hopper in services.payment.hoppers.items()
            if isinstance(hopper, SimHopper)
        }
        devices.a4_printer = services.a4 if isinstance(services.a4, SimA4Printer) else None
        receipt = services.receipt
        devices.receipt_printer = receipt if isinstance(receipt, SimReceiptPrinter) else None
        devices.staff_pin = ensure_demo_staff_pin(config)
    simulated = (
        reader if people else None,
        devices.coin_acceptor,
        devices.a4_printer,
        devices.receipt_printer,
    )
    if all(device is None for device in simulated):
        return None
    return SimulatorPanel(devices)
