"""The maintenance screens: the staff PIN pad and the maintenance panel (Japanese, for staff)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

PIN_MAX = 12


class StaffPinPad(QWidget):
    """An in-app keypad for the staff PIN (never a QLineEdit: the digits live in a bytearray)."""

    #: The PIN typed, as a bytearray the receiver checks and zeroes.
    entered = Signal(bytearray)
    #: The staff left without entering.
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staffPinPad")
        self.setAutoFillBackground(True)
        self._pin = bytearray()
        title = QLabel("保守モード：職員暗証番号 / Staff PIN")
        self._dots = QLabel()
        self._dots.setObjectName("staffPinDots")
        self.message = QLabel()
        self.message.setObjectName("staffPinMessage")
        keys = QGridLayout()
        for index, digit in enumerate("1234567890"):
            button = QPushButton(digit)
            button.setObjectName(f"staffKey_{digit}")
            button.clicked.connect(lambda _=False, d=digit: self._on_digit(d))
            keys.addWidget(button, index // 3, index % 3 if digit != "0" else 1)
        clear = QPushButton("訂正 / Clear")
        clear.setObjectName("staffPinClear")
        clear.clicked.connect(self.clear)
        ok = QPushButton("決定 / OK")
        ok.setObjectName("staffPinOk")
        ok.clicked.connect(self._on_ok)
        cancel = QPushButton("戻る / Back")
        cancel.setObjectName("staffPinCancel")
        cancel.clicked.connect(self._on_cancel)
        row = QHBoxLayout()
        for button in (clear, ok, cancel):
            row.addWidget(button)
        layout = QVBoxLayout(self)
        for widget in (title, self._dots, self.message):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(widget)
        layout.addLayout(keys)
        layout.addLayout(row)

    def clear(self) -> None:
        """Forget the digits typed so far (zeroed)."""
        self._pin[:] = bytes(len(self._pin))
        self._pin = bytearray()
        self._dots.setText("")

    def _on_digit(self, digit: str) -> None:
        if len(self._pin) < PIN_MAX:
            self._pin.append(ord(digit))
            self._dots.setText("●" * len(self._pin))

    def _on_ok(self) -> None:
        pin, self._pin = self._pin, bytearray()
        self._dots.setText("")
        self.entered.emit(pin)

    def _on_cancel(self) -> None:
        self.clear()
        self.cancelled.emit()


class MaintenancePanel(QWidget):
    """The staff's buttons and a text area for the results."""

    #: An action was asked for: its name ("status", "levels", "refill", …).
    action_requested = Signal(str)
    #: Leave maintenance mode.
    exit_requested = Signal()

    ACTIONS = (
        ("status", "maintStatus", "機器の状態 / Device status"),
        ("levels", "maintLevels", "釣銭残量 / Hopper levels"),
        ("totals", "maintTotals", "日別集計 / Totals per day"),
        ("refunds", "maintRefunds", "返金票 / Refund slips"),
        ("a4_test", "maintA4Test", "A4 試験印刷 / A4 test page"),
        ("receipt_test", "maintReceiptTest", "レシート試験印刷 / Receipt test"),
        ("refused", "maintRefused", "不受理の報告 / Refused reports"),
    )

    def __init__(self, hopper_coins: list[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("maintenancePanel")
        self.setAutoFillBackground(True)
        self.buttons: list[QPushButton] = []
        grid = QGridLayout()
        for index, (action, name, text) in enumerate(self.ACTIONS):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(lambda _=False, a=action: self.action_requested.emit(a))
            grid.addWidget(button, index // 3, index % 3)
            self.buttons.append(button)
        refill = QHBoxLayout()
        self.refill_count = QSpinBox()
        self.refill_count.setObjectName("maintRefillCount")
        self.refill_count.setRange(1, 2000)
        self.refill_count.setValue(50)
        refill.addWidget(QLabel("補充枚数 / Coins added"))
        refill.addWidget(self.refill_count)
        for coin in hopper_coins:
            button = QPushButton(f"{coin}円 補充 / refill")
            button.setObjectName(f"maintRefill_{coin}")
            button.clicked.connect(
                lambda _=False, c=coin: self.action_requested.emit(f"refill:{c}")
            )
            refill.addWidget(button)
            self.buttons.append(button)
        self.output = QPlainTextEdit()
        self.output.setObjectName("maintOutput")
        self.output.setReadOnly(True)
        self.output.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        leave = QPushButton("保守モード終了 / Exit")
        leave.setObjectName("maintExit")
        leave.clicked.connect(self.exit_requested.emit)
        self.buttons.append(leave)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("保守モード / Maintenance"))
        layout.addLayout(grid)
        layout.addLayout(refill)
        layout.addWidget(self.output)
        layout.addWidget(leave)

    def set_busy(self, busy: bool) -> None:
        """Disable the buttons while an action runs."""
        for button in self.buttons:
            button.setEnabled(not busy)

    def show_text(self, text: str) -> None:
        """Show an action's result."""
        self.output.setPlainText(text)
