"""Maintenance mode on the kiosk window: a hidden gesture, the staff PIN, then the staff panel.

The gesture is five taps in the top-left corner of the home screen within four seconds. The PIN
pad and the panel cover the kiosk window; device actions run on a worker thread and every one is
recorded in ``<data_dir>/maintenance.sqlite3``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRect, Signal
from PySide6.QtGui import QMouseEvent, QWindow
from PySide6.QtWidgets import QWidget

from kiosk_app.config import Config
from kiosk_app.devices.services import DeviceServices
from kiosk_app.main_window import KioskWindow
from kiosk_app.maintenance.actions import Maintenance
from kiosk_app.maintenance.audit import MaintenanceLog
from kiosk_app.maintenance.screens import MaintenancePanel, StaffPinPad
from kiosk_app.maintenance.staff_pin import (
    PinVerdict,
    StaffGate,
    StaffPinError,
    is_outdated,
    read_staff_pin_hash,
    staff_pin_file,
)
from kiosk_app.refused_reports import RefusedReport
from kiosk_app.session.steps import Step

log = logging.getLogger(__name__)

CORNER_PX = 120
TAPS = 5
TAP_WINDOW_S = 4.0


class CornerTaps(QObject):
    """Counts presses in the window's top-left corner; five in four seconds emit ``triggered``.

    It watches the kiosk window's own QWindow, where the platform delivers each press once, and
    not the application: an application filter passed every event of every object (paints,
    timers, layouts, queued signals) through Python for the whole life of the kiosk. Only the
    kiosk window's corner counts, so no other top-level window needs watching.
    """

    triggered = Signal()

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._times: list[float] = []
        window.winId()  # its QWindow now, if it was not shown yet (show() keeps the same one)
        handle = window.windowHandle()
        if handle is None:
            raise RuntimeError("the kiosk window has no QWindow")
        self._watched: QWindow | None = handle
        handle.installEventFilter(self)

    def stop(self) -> None:
        """Stop watching the window."""
        watched, self._watched = self._watched, None
        if watched is not None and shiboken6.isValid(watched):
            watched.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Watch the window's presses; never consume one."""
        if event.type() is QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            self._on_press(event)
        return False

    def _on_press(self, event: QMouseEvent) -> None:
        local = self._window.mapFromGlobal(event.globalPosition().toPoint())
        if not QRect(0, 0, CORNER_PX, CORNER_PX).contains(local):
            self._times.clear()
            return
        now = time.monotonic()
        self._times = [t for t in self._times if now - t <= TAP_WINDOW_S] + [now]
        if len(self._times) >= TAPS:
            self._times.clear()
            self.triggered.emit()


class MaintenanceMode(QObject):
    """Opens the PIN pad on the gesture (at the home screen only), then the maintenance panel."""

    #: (action name, text to show) from the worker thread, delivered on the GUI thread.
    _done = Signal(str, str)

    def __init__(
        self, window: KioskWindow, services: DeviceServices, gate: StaffGate, log: MaintenanceLog
    ) -> None:
        super().__init__(window)
        self.window = window
        self.log = log
        self.gate = gate
        self.actions = Maintenance(services, log)
        self.taps = CornerTaps(window)
        self.taps.triggered.connect(self._on_gesture)
        self.pad: StaffPinPad | None = None
        self.panel: MaintenancePanel | None = None
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="maintenance")
        self._done.connect(self._on_done)

    @property
    def active(self) -> bool:
        """True while the PIN pad or the panel is shown."""
        return self.pad is not None or self.panel is not None

    def close(self) -> None:
        """Leave maintenance mode if in it, and stop the worker."""
        if self.panel is not None:
            self._on_exit()
        if self.pad is not None:
            self._close_pad()
        self.taps.stop()
        self._worker.shutdown(wait=True)
        self.log.close()

    def _cover(self, widget: QWidget) -> None:
        widget.setParent(self.window)
        widget.setGeometry(self.window.rect())
        widget.show()
        widget.raise_()

    def _on_gesture(self) -> None:
        if self.active or self.window.kiosk.step is not Step.HOME:
            return
        self.log.record("maintenance_gesture")
        self.pad = StaffPinPad()
        self.pad.entered.connect(self._on_pin)
        self.pad.cancelled.connect(self._close_pad)
        self._cover(self.pad)

    def _close_pad(self) -> None:
        if self.pad is not None:
            self.pad.clear()
            self.pad.deleteLater()
            self.pad = None

    def _on_pin(self, pin: bytearray) -> None:
        attempt = self.gate.attempt(pin)
        if self.pad is None:
            return
        if attempt.verdict is PinVerdict.OPEN:
            self._close_pad()
            self._open_panel()
        elif attempt.verdict is PinVerdict.WRONG:
            self.pad.message.setText(f"暗証番号が違います / Wrong PIN ({attempt.tries_left})")
        else:
            locked_until = attempt.locked_until
            clock = self.actions.services.clock
            until = clock.local(locked_until).strftime("%H:%M") if locked_until else ""
            self.pad.message.setText(f"ロック中 / Locked until {until}")

    def _open_panel(self) -> None:
        coins = sorted(self.actions.services.payment.hoppers)
        self.panel = MaintenancePanel(coins)
        self.panel.action_requested.connect(self._on_action)
        self.panel.exit_requested.connect(self._on_exit)
        self._cover(self.panel)
        self.log.record("maintenance_entered")

    def _on_exit(self) -> None:
        if self.panel is None:
            return
        self.panel.deleteLater()
        self.panel = None
        self.log.record("maintenance_exited")
        self.window.go_home()

    def _on_action(self, action: str) -> None:
        if self.panel is None:
            return
        self.panel.set_busy(True)
        job = self._job(action, self.panel.refill_count.value())
        self._worker.submit(self._run, action, job)

    def _run(self, action: str, job: Callable[[], str]) -> None:
        try:
            text = job()
        except Exception as exc:
            self.log.record("action_failed", button=action, error=type(exc).__name__)
            text = f"失敗 / failed: {exc}"
        self._done.emit(action, text)

    def _on_done(self, _action: str, text: str) -> None:
        if self.panel is not None:
            self.panel.show_text(text)
            self.panel.set_busy(False)

    def _job(self, action: str, count: int) -> Callable[[], str]:
        """The work behind one button, returning the text to show."""
        actions = self.actions

        def status() -> str:
            return "\n".join(
                f"{line.device}: {line.status.name} — {line.detail}"
                for line in actions.device_status()
            )

        def levels() -> str:
            return "\n".join(
                f"{line.coin_yen}円: {'?' if line.coins is None else line.coins}枚 ({line.detail})"
                for line in actions.hopper_levels()
            )

        def totals() -> str:
            days = _listing(
                (
                    f"{t.day}: 投入 {t.inserted}円 手数料 {t.fees}円 釣銭 {t.change}円"
                    f" 返金票 {t.refunds_owed}円 ({len(t.payments)}件)"
                    for t in actions.totals_per_day()
                ),
                "記録なし / no payments",
            )
            unreadable = (
                f"読めない記録 / unreadable entry {u.seq} ({u.payment_id or '?'}): {u.fault}"
                for u in actions.unreadable_entries()
            )
            return "\n".join([days, *unreadable])

        def refunds() -> str:
            return _listing(
                (
                    f"{s.slip_number}: {s.amount_yen}円 ({s.reason}) {s.at}"
                    for s in actions.refund_slips()
                ),
                "返金票なし / no refund slips",
            )

        def refused() -> str:
            return _listing(
                (
                    f"{r.request_id}: {r.fee_yen}円 {_copies_out(r)} ({r.reason}) {r.refused_at}"
                    for r in actions.refused_reports()
                ),
                "不受理の報告なし / no refused reports",
            )

        def a4_test() -> str:
            line = actions.a4_test_page()
            return f"A4: {line.status.name} — {line.detail}"

        def receipt_test() -> str:
            line = actions.receipt_test()
            return f"receipt: {line.status.name} — {line.detail}"

        if action.startswith("refill:"):
            coin = int(action.split(":")[1])

            def refill() -> str:
                actions.refill(coin, count)
                return f"{coin}円 {count}枚 補充を記録しました / refill recorded\n" + levels()

            return refill
        jobs: dict[str, Callable[[], str]] = {
            "status": status,
            "levels": levels,
            "totals": totals,
            "refunds": refunds,
            "refused": refused,
            "a4_test": a4_test,
            "receipt_test": receipt_test,
        }
        return jobs[action]


def _listing(lines: Iterable[str], none: str) -> str:
    """One line each, or ``none`` when there is none."""
    return "\n".join(lines) or none


def _copies_out(report: RefusedReport) -> str:
    """The copies a refused report said came out, as staff read them."""
    counted = [f"{document_id} {copies}通" for document_id, copies in report.copies]
    whole = [f"{document_id} 全通 / all copies" for document_id in report.document_ids]
    return ", ".join(counted + whole) or "0通"


def install_maintenance(
    window: KioskWindow, services: DeviceServices, config: Config
) -> MaintenanceMode | None:
    """Maintenance mode on ``window``, or None (logged) when no staff PIN is set."""
    path = staff_pin_file(config)
    try:
        stored = read_staff_pin_hash(path)
    except StaffPinError as exc:
        log.warning("maintenance mode is off: no staff PIN (%s)", exc)
        return None
    if is_outdated(stored):
        log.warning("the staff PIN hash is of the old, weaker kind: set a new staff PIN")
    data_dir = config.kiosk.data_dir.expanduser()
    audit = MaintenanceLog(data_dir / "maintenance.sqlite3")
    gate = StaffGate(stored, audit, lockout_path=data_dir / "staff-pin-lockout.json")
    mode = MaintenanceMode(window, services, gate, audit)
    log.info("maintenance mode is on (staff PIN hash in %s)", path)
    return mode
