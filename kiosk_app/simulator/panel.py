"""The simulator panel window: one section per simulated device, and how the demo opens it.

It drives only ``sim:`` devices and the center link, through their public APIs. A section whose
device is not simulated is left out. Its texts are fixed (Japanese / English): it is a
demonstration tool, not part of the kiosk's screens.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QHideEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from drivers.coin_acceptor.sim import SimCoinAcceptor, SimHopper
from drivers.nfc.sim import SimCardReader
from drivers.printer.a4_sim import SimA4Printer
from drivers.printer.receipt_sim import SimReceiptPrinter
from kiosk_app.config import Config
from kiosk_app.devices.services import DeviceServices
from kiosk_app.maintenance.demo_pin import ensure_demo_staff_pin
from kiosk_app.simulator.card_section import CardSection
from kiosk_app.simulator.coin_section import CoinSection
from kiosk_app.simulator.demo_people import DemoPerson, demo_people
from kiosk_app.simulator.server_section import ServerSection
from kiosk_app.simulator.switchable_link import EMBEDDED, SwitchableCenterLink
from kiosk_app.simulator.trays import A4Section, ReceiptSection
from kiosk_app.simulator.widgets import PANEL_STYLE, label

#: How often tray counts and hopper levels are refreshed while the panel is shown.
REFRESH_MS = 500


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


class SimulatorPanel(QWidget):
    """A separate window with one section per simulated device."""

    def __init__(self, devices: SimDevices, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("simulatorPanel")
        self.setWindowTitle("シミュレーター / Simulator")
        self.setStyleSheet(PANEL_STYLE)
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
            self.staff_pin_label = label(
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


def open_simulator(
    services: DeviceServices, config: Config, desktop: bool = False
) -> SimulatorPanel | None:
    """The demo's panel for the ``sim:`` devices among ``services``, or None if none is.

    With an ``embedded:`` server it offers the demo residents' cards, and the server switch when
    the services were opened with ``center_wrapper`` (their link is then a SwitchableCenterLink).
    On a desktop (registration and status only) it leaves out the coins and the printers.
    Otherwise, for a demo configuration, it creates the demo staff PIN if no staff PIN is set
    (call it before ``install_maintenance``) and shows it.
    """
    center = services.center if isinstance(services.center, SwitchableCenterLink) else None
    people: Sequence[DemoPerson] = ()
    if config.center.url.startswith(EMBEDDED):
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
