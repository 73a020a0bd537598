"""The built-in demo gets a demo staff PIN so that maintenance mode can be tried; nothing else."""

from __future__ import annotations

import logging
import stat
from pathlib import Path

import msgspec
import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk_app.app import build_window
from kiosk_app.config import Config
from kiosk_app.devices.opening import open_services
from kiosk_app.maintenance.demo_pin import DEMO_STAFF_PIN, ensure_demo_staff_pin, is_demo_config
from kiosk_app.maintenance.mode import install_maintenance
from kiosk_app.maintenance.staff_pin import read_staff_pin_hash, verify_pin, write_staff_pin
from kiosk_app.simulator.panel import open_simulator
from kiosk_app.voice.prompter import RecordingPrompter
from tests.kiosk_app.maintenance.test_mode import MaintainedKiosk, enter_pin, tap


def pin_file(config: Config) -> Path:
    """Where the demo's staff PIN hash goes."""
    return config.kiosk.data_dir / "staff-pin"


def test_the_demo_start_creates_the_pin_and_it_opens_maintenance_mode(
    qtbot: QtBot, qapp: QApplication, demo_config: Config, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    services = open_services(demo_config)
    panel = open_simulator(services, demo_config)
    window = build_window(qapp, demo_config, services=services, voice=RecordingPrompter())
    qtbot.addWidget(window)
    assert panel is not None
    qtbot.addWidget(panel)
    window.resize(1280, 800)
    window.show()
    mode = install_maintenance(window, services, demo_config)
    try:
        path = pin_file(demo_config)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        stored = read_staff_pin_hash(path)
        assert stored.startswith("scrypt$")
        assert verify_pin(bytearray(DEMO_STAFF_PIN.encode()), stored)
        assert sorted(p.name for p in path.parent.glob("*staff-pin*")) == ["staff-pin"]
        [created] = [r for r in caplog.records if r.getMessage().startswith("demo staff PIN")]
        assert created.getMessage() == (  # the file, never the PIN
            f"demo staff PIN created in {path} (the simulator panel shows it)"
        )
        assert mode is not None
        tap(window, 5)
        enter_pin(qtbot, MaintainedKiosk(window, services, mode), DEMO_STAFF_PIN)
        assert mode.panel is not None
        assert mode.panel.isVisible()
    finally:
        if mode is not None:
            mode.close()
        panel.close()
        window.shutdown()


@pytest.mark.parametrize(
    ("section", "field", "url"),
    [
        ("devices", "card_reader", "pcsc:"),
        ("devices", "coin_acceptor", "cctalk:///dev/ttyUSB0"),
        ("devices", "a4_printer", "ipp://printer.local/ipp/print"),
        ("devices", "receipt_printer", "escpos+tcp://192.0.2.1:9100"),
        ("devices", "hoppers", {"100": "cctalk:///dev/ttyUSB0?address=3"}),
        ("center", "url", "https://issuance.example.lg.jp:8443"),
    ],
)
def test_a_configuration_with_anything_real_never_gets_one(
    demo_config: Config, section: str, field: str, url: object
) -> None:
    part = msgspec.structs.replace(getattr(demo_config, section), **{field: url})
    config = msgspec.structs.replace(demo_config, **{section: part})
    assert not is_demo_config(config)
    assert ensure_demo_staff_pin(config) is None
    assert not pin_file(config).exists()


def test_an_existing_staff_pin_is_left_alone_and_not_shown(demo_config: Config) -> None:
    path = pin_file(demo_config)
    path.parent.mkdir(parents=True)
    write_staff_pin(path, bytearray(b"24681357"))
    before = path.read_bytes()
    assert ensure_demo_staff_pin(demo_config) is None
    assert path.read_bytes() == before


def test_the_demo_pin_of_an_earlier_start_is_kept_and_shown(demo_config: Config) -> None:
    assert ensure_demo_staff_pin(demo_config) == DEMO_STAFF_PIN
    before = pin_file(demo_config).read_bytes()
    assert ensure_demo_staff_pin(demo_config) == DEMO_STAFF_PIN
    assert pin_file(demo_config).read_bytes() == before


def test_an_unusable_staff_pin_file_is_kept_and_logged(
    demo_config: Config, caplog: pytest.LogCaptureFixture
) -> None:
    path = pin_file(demo_config)
    path.parent.mkdir(parents=True)
    path.write_text("not a hash\n")
    assert ensure_demo_staff_pin(demo_config) is None
    assert path.read_text() == "not a hash\n"
    assert "staff PIN file kept as it is" in caplog.text


def test_a_data_dir_that_cannot_be_written_gives_no_pin(
    demo_config: Config, caplog: pytest.LogCaptureFixture
) -> None:
    data = demo_config.kiosk.data_dir
    data.parent.mkdir(parents=True, exist_ok=True)
    data.write_text("a file where the data directory should be")
    assert ensure_demo_staff_pin(demo_config) is None
    assert "no demo staff PIN" in caplog.text
