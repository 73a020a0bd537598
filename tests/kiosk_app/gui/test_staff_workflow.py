"""The demo's second workflow as a person and a clerk do it: the person reads their card's face
and their 本籍 from the simulator panel and registers at the kiosk; city staff approve it with
``shomei-server registrations`` in another process while the kiosk runs; the status check on the
kiosk then shows the approval."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from kiosk_app.app import build_window
from kiosk_app.config import Config, Language
from kiosk_app.devices.opening import open_services
from kiosk_app.screens.texts import Texts
from kiosk_app.screens.widgets import KANA_ROWS
from kiosk_app.session.steps import Step
from kiosk_app.simulator.panel import SimulatorPanel, open_simulator
from kiosk_app.simulator.switchable_link import center_wrapper
from kiosk_app.voice.prompter import RecordingPrompter
from tests.support.gui import KioskUnderTest

LIVES_ELSEWHERE = "lives elsewhere, 本籍 here"
SMALL_OF = dict(zip("ァィゥェォッャュョヮ", "アイウエオツヤユヨワ", strict=True))
MARKS = {"\u3099": "kana_dakuten", "\u309a": "kana_handakuten"}


class Demo(KioskUnderTest):
    """The kiosk with its simulator panel, as ``make run`` opens them."""

    panel: SimulatorPanel

    def read(self, name: str) -> str:
        """What the person reads on the panel."""
        label = self.panel.findChild(QLabel, name)
        assert label is not None, name
        return label.text()


@pytest.fixture
def demo(qtbot: QtBot, qapp: QApplication, kiosk_config: Config) -> Iterator[Demo]:
    services = open_services(kiosk_config, wrap_center=center_wrapper(kiosk_config))
    panel = open_simulator(services, kiosk_config)
    assert panel is not None
    window = build_window(qapp, kiosk_config, services=services, voice=RecordingPrompter())
    qtbot.addWidget(window)
    qtbot.addWidget(panel)
    window.resize(1280, 800)
    window.show()
    panel.show()
    kiosk = Demo(qtbot, window, services)
    kiosk.panel = panel
    yield kiosk
    panel.close()
    window.shutdown()
    window.languages.switch_to(Language.EN)


def staff(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``shomei-server registrations …`` on the demo kiosk's embedded server data."""
    command = [
        sys.executable,
        "-c",
        "import sys; from issuance_server.cli import main; sys.exit(main())",
        "registrations",
        *args,
        "--data-dir",
        str(data_dir),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def choose_person_living_elsewhere(demo: Demo) -> None:
    card = demo.panel.card
    assert card is not None
    for index in range(card.person_combo.count()):
        if card.person_combo.itemText(index).endswith(LIVES_ELSEWHERE):
            card.select(index)
            if demo.read("simPersonHittoshaReading") != "-":
                return
    raise LookupError("no demo person lives elsewhere with 本籍 here")


def type_reading(demo: Demo, reading: str) -> None:
    """The reading on the 50音 keyboard: base kana, then ゛ ゜ or 小 as a person would."""
    plain = set("".join(KANA_ROWS)) - {"　"}
    for char in reading:
        if char == "　":
            demo.tap("kana_space")
        elif char == "ー":
            demo.tap("kana_long")
        elif char in plain:
            demo.tap(f"kana_{ord(char):04X}")
        elif char in SMALL_OF:
            demo.tap(f"kana_{ord(SMALL_OF[char]):04X}")
            demo.tap("kana_small")
        else:
            base, mark = tuple(unicodedata.normalize("NFD", char))
            demo.tap(f"kana_{ord(base):04X}")
            demo.tap(MARKS[mark])


def register_from_the_panel(demo: Demo) -> str:
    """Register with what the panel shows; returns the 申請番号 the kiosk gives."""
    town, banchi = demo.read("simPersonHonseki").split(" ")
    demo.tap("registrationButton")
    demo.wait_step(Step.REG_TOWN)
    screen = demo.screen()

    def town_buttons() -> list[QPushButton]:
        return [
            b
            for b in screen.findChildren(QPushButton)
            if b.objectName().startswith("town_") and b.text() == town and b.isVisibleTo(screen)
        ]

    demo.qtbot.waitUntil(lambda: len(town_buttons()) == 1, timeout=20_000)
    demo.qtbot.mouseClick(town_buttons()[0], Qt.MouseButton.LeftButton)
    demo.wait_step(Step.REG_BANCHI)
    demo.type_keys(banchi)
    demo.tap("fieldNextButton")
    demo.wait_step(Step.REG_READING)
    type_reading(demo, demo.read("simPersonHittoshaReading"))
    assert demo.text("fieldValue") == demo.read("simPersonHittoshaReading")
    demo.tap("fieldNextButton")
    for step, keys in (
        (Step.REG_PHONE, "0466000000"),
        (Step.REG_BIRTH_DATE, demo.read("simCardBirthDate")),
        (Step.REG_CARD_EXPIRY, demo.read("simCardExpiry")),
        (Step.REG_SECURITY_CODE, demo.read("simCardSecurityCode")),
    ):
        demo.wait_step(step)
        demo.type_keys(keys)
        demo.tap("fieldNextButton")
    demo.wait_step(Step.PLACE_CARD)
    card = demo.panel.card
    assert card is not None
    demo.qtbot.mouseClick(card.tap_button, Qt.MouseButton.LeftButton)
    demo.wait_step(Step.PIN)
    demo.type_keys(card.pin_label.text().rsplit(" ", 1)[-1])
    demo.tap("pinOkButton")
    demo.wait_step(Step.REMOVE_CARD)
    demo.qtbot.mouseClick(card.remove_button, Qt.MouseButton.LeftButton)
    demo.wait_step(Step.REG_CONFIRM)
    demo.tap("registrationConfirmButton")
    demo.wait_step(Step.REG_DONE)
    number = demo.text("applicationNumber")
    demo.tap("doneButton")
    demo.wait_step(Step.HOME)
    return number


def test_register_with_the_panel_then_staff_approve_while_the_kiosk_runs(
    demo: Demo, kiosk_config: Config
) -> None:
    choose_person_living_elsewhere(demo)
    number = register_from_the_panel(demo)
    assert demo.check_status(number) == Texts().status("pending")
    center = kiosk_config.kiosk.data_dir / "center"
    listing = staff(center, "list")
    assert listing.returncode == 0, listing.stderr
    [line] = [row for row in listing.stdout.splitlines() if row.startswith(number)]
    # What was typed from the panel is what the koseki records.
    assert re.search(r"\bpending\b.*koseki match: yes", line), line
    approved = staff(center, "approve", number)  # as the slip prints it
    assert approved.returncode == 0, approved.stderr
    assert demo.check_status(number) == Texts().status("approved")
    assert staff(center, "reject", number, "--reason", "late").returncode == 1  # decided once
    assert demo.check_status(number) == Texts().status("approved")
