"""Maintenance mode on the real kiosk window (sim devices): gesture, staff PIN, panel, exit."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from drivers.printer.a4_sim import SimA4Printer
from drivers.printer.receipt_sim import SimReceiptPrinter
from issuance_contract.messages import OutcomeReport
from kiosk_app.app import build_window
from kiosk_app.config import Config
from kiosk_app.devices.opening import open_services
from kiosk_app.devices.services import DeviceServices
from kiosk_app.main_window import KioskWindow
from kiosk_app.maintenance.mode import CornerTaps, MaintenanceMode, install_maintenance
from kiosk_app.maintenance.staff_pin import write_staff_pin
from kiosk_app.session.steps import Step
from kiosk_app.voice.prompter import RecordingPrompter
from tests.kiosk_app.damaged_files import add_journal_entry

STAFF_PIN = "24681357"
WAIT_MS = 20_000


@dataclass
class MaintainedKiosk:
    """The window, its devices and its maintenance mode."""

    window: KioskWindow
    services: DeviceServices
    mode: MaintenanceMode


@pytest.fixture
def kiosk(qtbot: QtBot, qapp: QApplication, demo_config: Config) -> Iterator[MaintainedKiosk]:
    """The demo kiosk window with a staff PIN set and maintenance mode installed."""
    data = demo_config.kiosk.data_dir
    data.mkdir(parents=True)
    write_staff_pin(data / "staff-pin", bytearray(STAFF_PIN.encode()))
    services = open_services(demo_config)
    window = build_window(qapp, demo_config, services=services, voice=RecordingPrompter())
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    mode = install_maintenance(window, services, demo_config)
    assert mode is not None
    try:
        yield MaintainedKiosk(window, services, mode)
    finally:
        mode.close()
        window.shutdown()


def tap(window: QWidget, times: int, where: QPoint | None = None) -> None:
    """Tap the window ``times`` times at ``where`` (default: the top-left corner) through the
    platform: each press reaches the window's QWindow first, as a real one does."""
    handle = window.windowHandle()
    assert handle is not None
    for _ in range(times):
        QTest.mouseClick(
            handle,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            where or QPoint(10, 10),
        )


def press(qtbot: QtBot, parent: QWidget, name: str) -> None:
    """Click the button ``name`` under ``parent``."""
    button = parent.findChild(QPushButton, name)
    assert button is not None, name
    qtbot.waitUntil(button.isEnabled, timeout=WAIT_MS)
    QtBot.mouseClick(button, Qt.MouseButton.LeftButton)


def enter_pin(qtbot: QtBot, kiosk: MaintainedKiosk, pin: str) -> None:
    """Type ``pin`` on the staff keypad and confirm."""
    assert kiosk.mode.pad is not None
    for digit in pin:
        press(qtbot, kiosk.mode.pad, f"staffKey_{digit}")
    press(qtbot, kiosk.mode.pad, "staffPinOk")


def actions(kiosk: MaintainedKiosk) -> list[str]:
    """The audited actions so far."""
    return [entry.action for entry in kiosk.mode.log.entries()]


def test_five_corner_taps_at_home_open_the_staff_pin_pad(kiosk: MaintainedKiosk) -> None:
    tap(kiosk.window, 4)
    assert kiosk.mode.pad is None
    tap(kiosk.window, 1, QPoint(600, 400))  # elsewhere: the count starts again
    tap(kiosk.window, 4)
    assert kiosk.mode.pad is None
    tap(kiosk.window, 1)
    assert kiosk.mode.pad is not None
    assert kiosk.mode.pad.isVisible()
    assert actions(kiosk) == ["maintenance_gesture"]


def test_five_finger_taps_in_the_corner_open_the_staff_pin_pad(kiosk: MaintainedKiosk) -> None:
    """The kiosk's touchscreen: the home screen takes no touch, the platform's mouse presses
    made from the taps count."""
    finger = QPointingDevice(
        "touchscreen",
        1,
        QPointingDevice.DeviceType.TouchScreen,
        QPointingDevice.PointerType.Finger,
        QPointingDevice.Capability.Position,
        10,
        0,
    )
    for n in range(5):
        assert kiosk.mode.pad is None, n
        QTest.touchEvent(kiosk.window, finger).press(0, QPoint(20, 30)).commit()
        QTest.touchEvent(kiosk.window, finger).release(0, QPoint(20, 30)).commit()
    assert kiosk.mode.pad is not None
    assert actions(kiosk) == ["maintenance_gesture"]


class _CountingTaps(CornerTaps):
    """Counts the events handed to the gesture's Python filter."""

    filtered = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.filtered += 1
        return super().eventFilter(watched, event)


def test_repaints_barely_reach_the_gesture_filter(kiosk: MaintainedKiosk) -> None:
    """The gesture watches the kiosk window only: the screens' own events (an application-wide
    filter saw dozens a repaint, each a call into Python, all the kiosk's life) mostly do not
    reach it, and a tap still does."""
    taps = _CountingTaps(kiosk.window)
    try:
        for _ in range(20):
            kiosk.window.repaint()
        assert taps.filtered < 20
        tap(kiosk.window, 1)
        assert taps.filtered >= 1
    finally:
        taps.stop()
        taps.deleteLater()


def test_the_gesture_does_nothing_during_a_session(qtbot: QtBot, kiosk: MaintainedKiosk) -> None:
    press(qtbot, kiosk.window, "issueButton")
    qtbot.waitUntil(lambda: kiosk.window.kiosk.step is Step.PLACE_CARD, timeout=WAIT_MS)
    tap(kiosk.window, 5)
    assert kiosk.mode.pad is None
    assert actions(kiosk) == []


def test_wrong_pin_then_right_pin_opens_the_panel(qtbot: QtBot, kiosk: MaintainedKiosk) -> None:
    tap(kiosk.window, 5)
    enter_pin(qtbot, kiosk, "111111")
    assert kiosk.mode.pad is not None
    assert "Wrong PIN (2)" in kiosk.mode.pad.message.text()
    enter_pin(qtbot, kiosk, STAFF_PIN)
    assert kiosk.mode.pad is None
    assert kiosk.mode.panel is not None
    assert kiosk.mode.panel.isVisible()
    assert actions(kiosk) == [
        "maintenance_gesture",
        "staff_pin_wrong",
        "staff_pin_accepted",
        "maintenance_entered",
    ]


def test_three_wrong_pins_lock_the_pad(qtbot: QtBot, kiosk: MaintainedKiosk) -> None:
    tap(kiosk.window, 5)
    for _ in range(3):
        enter_pin(qtbot, kiosk, "999999")
    enter_pin(qtbot, kiosk, STAFF_PIN)
    assert kiosk.mode.panel is None
    assert kiosk.mode.pad is not None
    assert "Locked until" in kiosk.mode.pad.message.text()
    assert actions(kiosk)[-2:] == ["staff_pin_lock", "staff_pin_locked_out"]


def test_panel_actions_run_on_the_live_devices_and_are_audited(
    qtbot: QtBot, kiosk: MaintainedKiosk
) -> None:
    tap(kiosk.window, 5)
    enter_pin(qtbot, kiosk, STAFF_PIN)
    panel = kiosk.mode.panel
    assert panel is not None

    def shows(text: str) -> None:
        qtbot.waitUntil(lambda: text in panel.output.toPlainText(), timeout=WAIT_MS)

    press(qtbot, panel, "maintStatus")
    shows("center: OK")
    assert "card_reader: OK" in panel.output.toPlainText()
    press(qtbot, panel, "maintLevels")
    shows("100円:")
    panel.refill_count.setValue(30)
    press(qtbot, panel, "maintRefill_100")
    shows("100円 30枚 補充を記録しました")
    press(qtbot, panel, "maintTotals")
    shows("no payments")
    journal = kiosk.services.payment.journal
    add_journal_entry(journal.path, "d" * 32, "'refund'", "100", "'{}'")  # a damaged file's
    press(qtbot, panel, "maintTotals")
    shows(f"({'d' * 32}): kind: unknown")
    assert "読めない記録 / unreadable entry" in panel.output.toPlainText()
    press(qtbot, panel, "maintRefunds")
    shows("no refund slips")
    press(qtbot, panel, "maintRefused")
    shows("no refused reports")
    wrong = OutcomeReport(fee_charged_yen=400, printed_copies={"doc-gone": 2})
    kiosk.services.outbox.add_report("REQ-GONE", wrong)
    assert kiosk.services.outbox.flush(kiosk.services.center).refused == 1
    press(qtbot, panel, "maintRefused")
    shows("REQ-GONE: 400円 doc-gone 2通 (unknown_request)")
    a4, receipt = kiosk.services.a4, kiosk.services.receipt
    assert isinstance(a4, SimA4Printer)
    assert isinstance(receipt, SimReceiptPrinter)
    press(qtbot, panel, "maintA4Test")
    shows("A4: OK")
    assert len(a4.tray) == 1
    press(qtbot, panel, "maintReceiptTest")
    shows("receipt: OK")
    assert len(receipt.tray) == 1
    press(qtbot, panel, "maintExit")
    assert kiosk.mode.panel is None
    assert kiosk.window.kiosk.step is Step.HOME
    assert actions(kiosk)[3:] == [
        "device_status",
        "hopper_levels",
        "hopper_refill",
        "hopper_levels",
        "journal_totals",
        "journal_totals",
        "refund_slips",
        "refused_reports",
        "refused_reports",
        "a4_test_page",
        "receipt_test",
        "maintenance_exited",
    ]


def test_no_staff_pin_no_maintenance_mode(
    qapp: QApplication, demo_config: Config, caplog: pytest.LogCaptureFixture
) -> None:
    services = open_services(demo_config)
    window = build_window(qapp, demo_config, services=services, voice=RecordingPrompter())
    try:
        assert install_maintenance(window, services, demo_config) is None
        assert "maintenance mode is off: no staff PIN" in caplog.text
    finally:
        window.shutdown()
        window.close()


def test_the_kiosk_app_installs_maintenance_mode_once_devices_are_open(tmp_path: Path) -> None:
    """shomei-kiosk --demo without a staff PIN creates the demo one as devices open, and
    maintenance mode is on."""
    log = tmp_path / "kiosk.err"
    with log.open("wb") as stderr:
        kiosk = subprocess.Popen(
            [sys.executable, "-m", "kiosk_app", "--demo"],
            cwd=Path(__file__).resolve().parents[3],
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)},
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    try:
        deadline = time.monotonic() + 90
        while b"maintenance mode is on" not in log.read_bytes():
            assert kiosk.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.05)
        kiosk.send_signal(signal.SIGTERM)
        assert kiosk.wait(timeout=30) == 0
    finally:
        if kiosk.poll() is None:
            kiosk.kill()
            kiosk.wait()
    text = log.read_text()
    assert "devices open" in text
    pin_file = tmp_path / ".local" / "share" / "shomei-kiosk-demo" / "staff-pin"
    assert f"demo staff PIN created in {pin_file} (the simulator panel shows it)" in text
    assert stat.S_IMODE(pin_file.stat().st_mode) == 0o600
