"""Benchmark: the kiosk's own time for one 住民票 issuance, and its memory over 200 sessions.

The whole kiosk runs (offscreen window, screens, bridge, flows) on ``sim:`` devices and the
embedded server; a script plays the person. Machine time is the sum of the intervals from each
action of the person or each device event to the next step that waits for the person or a
device: reading the card, card signature and server check, menus, download (server rendering),
printing (composition and the sim printer) and the wipe at home; waiting for coins is excluded.
Baseline, in the same run: one A4 page rendered with reportlab and an embedded Japanese font.
Memory: RSS after 20 warm-up sessions and after the last one. Goals: ≤ 300 ms; growth ≤ 10 MB.
``python bench/kiosk_sessions.py [--sessions N]`` prints markdown tables.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import msgspec

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from drivers.coin_acceptor.sim import SimCoinAcceptor
from drivers.nfc.sim import SimCardReader
from drivers.nfc.virtual_card import VirtualMyNumberCard
from drivers.printer.a4_sim import SimA4Printer
from drivers.printer.receipt_sim import SimReceiptPrinter
from issuance_server.demo_data import DemoCard
from kiosk_app.app import build_window
from kiosk_app.config import Config, load_demo_config
from kiosk_app.devices.opening import open_services
from kiosk_app.main_window import KioskWindow
from kiosk_app.memory import one_malloc_arena
from kiosk_app.session.steps import Step
from kiosk_app.voice.prompter import RecordingPrompter
from tests.support.card_holders import find_person

GOAL_MS = 300.0
GOAL_GROWTH_MB = 10.0
WARMUP = 20


def rss_mb() -> float:
    """This process's resident set size."""
    for line in Path("/proc/self/status").read_text(encoding="utf-8").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def render_baseline(runs: int = 30) -> float:
    """Seconds to render one A4 page with reportlab and an embedded TTF (median)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from issuance_contract.fonts import GOTHIC, font_file

    pdfmetrics.registerFont(TTFont("BenchGothic", str(font_file(GOTHIC))))
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        pdf = canvas.Canvas(io.BytesIO(), pagesize=A4)
        pdf.setFont("BenchGothic", 11)
        for row in range(40):
            pdf.drawString(60, 780 - row * 18, f"住民票の写し　見本行 {row:02d}　架空市本町一丁目")
        pdf.showPage()
        pdf.save()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def always_open(config: Config, data_dir: Path) -> Config:
    """Every certificate available at any hour and day."""
    certificates = {
        kind: msgspec.structs.replace(c, hours="00:00-24:00", weekdays_only=False)
        for kind, c in config.certificates.items()
    }
    kiosk = msgspec.structs.replace(config.kiosk, closed_days=[], data_dir=data_dir)
    return msgspec.structs.replace(config, certificates=certificates, kiosk=kiosk)


class Player:
    """Plays one person through the screens and records when each step began."""

    def __init__(self, window: KioskWindow, card: DemoCard) -> None:
        self.window = window
        self.card = card
        self.entered: dict[Step, float] = {}
        window.kiosk.subscribe(self._on_change)
        services = window.kiosk.services
        self.reader = getattr(services, "reader")  # noqa: B009 - DeviceServices attribute
        self.payment = getattr(services, "payment")  # noqa: B009
        self.a4 = getattr(services, "a4")  # noqa: B009
        self.receipt = getattr(services, "receipt")  # noqa: B009
        assert isinstance(self.reader, SimCardReader)
        assert isinstance(self.payment.acceptor, SimCoinAcceptor)
        assert isinstance(self.a4, SimA4Printer)
        assert isinstance(self.receipt, SimReceiptPrinter)

    def _on_change(self) -> None:
        self.entered.setdefault(self.window.kiosk.step, time.perf_counter())

    def wait(self, done: Callable[[], bool], timeout: float = 30.0) -> None:
        """Run the event loop until ``done()``."""
        loop = QEventLoop()
        timer = QTimer()
        deadline = time.monotonic() + timeout

        def check() -> None:
            if done() or time.monotonic() > deadline:
                loop.quit()

        timer.timeout.connect(check)
        timer.start(1)
        if not done():
            loop.exec()
        timer.stop()
        if not done():
            raise TimeoutError(f"stuck at {self.window.kiosk.step}")

    def step_is(self, step: Step) -> Callable[[], bool]:
        """A check that the kiosk is at ``step``."""
        return lambda: self.window.kiosk.step is step

    def click(self, name: str) -> float:
        """Touch a button of the current screen; the time of the touch."""
        screen = self.window.current_screen()
        assert screen is not None
        buttons = [b for b in screen.findChildren(QPushButton, name) if b.isVisibleTo(screen)]
        touched = time.perf_counter()
        buttons[0].click()
        return touched

    def issuance(self) -> dict[str, float]:
        """One 住民票: the kiosk's busy intervals, in seconds, by phase."""
        self.entered.clear()
        busy: dict[str, float] = {}
        self.click("issueButton")
        self.wait(self.step_is(Step.PLACE_CARD))
        card = self.card.make_card()
        assert isinstance(card, VirtualMyNumberCard)
        placed = time.perf_counter()
        self.reader.insert(card)
        self.wait(self.step_is(Step.PIN))
        busy["read card"] = self.entered[Step.PIN] - placed
        for digit in "1234":
            self.click(f"key_{digit}")
        typed = self.click("pinOkButton")
        self.wait(self.step_is(Step.REMOVE_CARD))
        busy["sign + server check"] = self.entered[Step.REMOVE_CARD] - typed
        removed = time.perf_counter()
        self.reader.remove()
        self.wait(self.step_is(Step.MENU))
        busy["card removed → menu"] = self.entered[Step.MENU] - removed
        chosen = self.click("menu_juminhyo")
        self.wait(self.step_is(Step.OPTIONS))
        self.click("optionsNextButton")
        self.wait(self.step_is(Step.COPIES))
        self.click("copiesNextButton")
        self.wait(self.step_is(Step.CONFIRM))
        busy["menu, options, copies"] = self.entered[Step.CONFIRM] - chosen
        confirmed = self.click("confirmButton")
        self.wait(self.step_is(Step.PAYING))
        busy["download (server renders)"] = self.entered[Step.PAYING] - confirmed
        self.wait(lambda: self.payment.current is not None)
        self.payment.acceptor.insert_coin(100)
        self.payment.acceptor.insert_coin(100)
        self.wait(self.step_is(Step.TAKE_ITEMS))
        busy["print + receipt"] = self.entered[Step.TAKE_ITEMS] - self.entered[Step.PRINTING]
        self.a4.take_all()
        self.receipt.take_all()
        done = self.click("doneButton")
        self.wait(self.step_is(Step.HOME))
        busy["wipe, home"] = self.entered[Step.HOME] - done
        return busy


def main() -> int:
    """Play the sessions, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=200)
    args = parser.parse_args()
    one_malloc_arena()  # as the kiosk does before its threads start (kiosk_app.app.run)
    app = QApplication([])
    baseline = render_baseline()
    with tempfile.TemporaryDirectory() as data_dir:
        config = always_open(load_demo_config(), Path(data_dir))
        services = open_services(config)
        window = build_window(app, config, services=services, voice=RecordingPrompter())
        window.resize(1280, 800)
        window.show()
        player = Player(window, find_person(config, resident=True).card)
        runs = []
        rss_warm = 0.0
        for session in range(args.sessions):
            runs.append(player.issuance())
            if session + 1 == min(WARMUP, args.sessions):
                rss_warm = rss_mb()
        rss_end = rss_mb()
        window.shutdown()
        window.close()
    measured = runs[min(WARMUP, len(runs) - 1) :] or runs
    phases = {name: statistics.median(r[name] for r in measured) for name in measured[0]}
    total = sum(phases.values())
    print("## Kiosk: machine time of one 住民票 issuance\n")
    print("| measure | kiosk | baseline: one A4 page, reportlab | ratio | goal |")
    print("|---|---|---|---|---|")
    verdict = "met" if total * 1000 <= GOAL_MS else "NOT met"
    print(
        f"| sum of busy intervals (median of {len(measured)} sessions) | {total * 1000:.0f} ms "
        f"| {baseline * 1000:.1f} ms | {total / baseline:.0f}x | ≤ {GOAL_MS:.0f} ms ({verdict}) |"
    )
    print("\n| phase | median |")
    print("|---|---|")
    for name, seconds in phases.items():
        print(f"| {name} | {seconds * 1000:.1f} ms |")
    growth = rss_end - rss_warm
    print(f"\n## Kiosk: memory over {args.sessions} sessions\n")
    print("| measure | after the last session | baseline: after warm-up | growth | goal |")
    print("|---|---|---|---|---|")
    verdict = "met" if growth <= GOAL_GROWTH_MB else "NOT met"
    print(
        f"| RSS | {rss_end:.1f} MB | {rss_warm:.1f} MB (after {min(WARMUP, args.sessions)}) "
        f"| {growth:+.1f} MB | ≤ {GOAL_GROWTH_MB:.0f} MB ({verdict}) |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
