"""The real kiosk (``kiosk_app.app.run``) on sim devices, driven to one step of an issuance.

Usage: ``python -m tests.kiosk_app.crash_harness CONFIG STOP``. It runs the kiosk as
``shomei-kiosk --config CONFIG`` does, and once the event loop runs it drives an issuance by
objectName with FLOW's scripted driver (scripts/screenshots.py) up to STOP, prints
``AT <stop>`` (after ``PERSON <label>``, the fictitious person whose card was used) and leaves
the kiosk there, for test_crash_recovery.py to ``kill -9`` it.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from drivers.coin_acceptor.sim import SimCoinAcceptor
from drivers.printer.a4_sim import SimA4Printer
from issuance_contract.logging_setup import configure_logging
from kiosk_app.app import run
from kiosk_app.config import Config, load_config
from kiosk_app.devices.services import DeviceServices
from kiosk_app.main_window import KioskWindow
from kiosk_app.session.steps import Step
from kiosk_app.simulator.panel import SimulatorPanel
from tests.support.card_holders import find_person

ROOT = Path(__file__).resolve().parents[2]
STOPS = ("pin", "menu", "paying", "printing", "take_items")


def _scripted_driver() -> ModuleType:
    """FLOW's screenshot script, whose Driver touches the kiosk's buttons by objectName."""
    spec = importlib.util.spec_from_file_location(
        "screenshots", ROOT / "scripts" / "screenshots.py"
    )
    if spec is None or spec.loader is None:
        raise RuntimeError("scripts/screenshots.py is missing")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def drive(config: Config, stop: str) -> None:
    """Drive the shown kiosk window through an issuance up to ``stop``."""
    shots = _scripted_driver()
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("no QApplication")
    window = next(w for w in app.topLevelWidgets() if isinstance(w, KioskWindow))
    deadline = time.monotonic() + 60
    while not window.kiosk.ready:  # the devices open on a worker thread after the home screen
        if time.monotonic() > deadline:
            raise RuntimeError("the devices did not open")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)
    services = window.kiosk.services
    if not isinstance(services, DeviceServices):
        raise RuntimeError("the kiosk window has no device services")
    out = Path(tempfile.mkdtemp(prefix="crash-harness-"))
    panel = next(w for w in app.topLevelWidgets() if isinstance(w, SimulatorPanel))
    driver = shots.Driver(
        app=app,
        window=window,
        services=services,
        panel=panel,
        out=out,
        catalog=shots.WidgetCatalog(),
    )
    who = find_person(config, resident=True).card
    _say(f"PERSON {who.person_label}")
    driver.tap("issueButton")
    driver.wait(Step.PLACE_CARD)
    driver.place_card(who)
    driver.wait(Step.PIN)
    driver.keys(who.pin[:2])
    if stop == "pin":
        return _say("AT pin")
    driver.keys(who.pin[2:])
    driver.tap("pinOkButton")
    driver.wait(Step.REMOVE_CARD)
    driver.reader.remove()
    driver.wait(Step.MENU)
    if stop == "menu":
        return _say("AT menu")
    driver.go("menu_juminhyo", Step.OPTIONS)
    driver.go("optionsNextButton", Step.COPIES)
    driver.go("copiesNextButton", Step.CONFIRM)
    driver.go("confirmButton", Step.PAYING)
    payment = services.payment
    acceptor = payment.acceptor
    a4 = services.a4
    if not isinstance(acceptor, SimCoinAcceptor) or not isinstance(a4, SimA4Printer):
        raise RuntimeError("the crash harness needs the sim: coin acceptor and A4 printer")
    driver.settle(lambda: payment.current is not None, "the payment to open")
    acceptor.insert_coin(100)
    driver.settle(lambda: payment.current is not None and payment.current.credit_yen > 0, "credit")
    if stop == "paying":
        return _say("AT paying")
    a4.sheet_seconds = 600.0  # the sheet is still being printed when the kill comes
    acceptor.insert_coin(500)
    driver.wait(Step.PRINTING)
    if stop == "printing":
        return _say("AT printing")
    a4.sheet_seconds = 0.0
    driver.wait(Step.TAKE_ITEMS)
    return _say("AT take_items")


def main(argv: list[str]) -> int:
    """Run the kiosk and drive it (see the module docstring)."""
    config_path, stop = Path(argv[0]), argv[1]
    if stop not in STOPS:
        raise SystemExit(f"STOP must be one of {', '.join(STOPS)}")
    configure_logging("INFO")
    config = load_config(config_path)
    app = QApplication(sys.argv[:1])

    def start() -> None:
        try:
            drive(config, stop)
        except Exception as exc:
            _say(f"FAILED {type(exc).__name__}: {exc}")
            os._exit(1)

    QTimer.singleShot(0, start)
    status = run(config, fullscreen=False)
    del app
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
