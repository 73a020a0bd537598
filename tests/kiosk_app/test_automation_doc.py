"""Every interactive widget has a stable objectName, and docs/automation.md lists it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk_app.app import build_window
from kiosk_app.automation import interactive_widgets, readout_labels
from kiosk_app.config import Config, Language
from kiosk_app.devices.opening import open_services
from kiosk_app.simulator.panel import open_simulator
from kiosk_app.simulator.switchable_link import center_wrapper
from kiosk_app.voice.prompter import RecordingPrompter

DOC = Path(__file__).resolve().parents[2] / "docs" / "automation.md"


def test_every_interactive_widget_is_named_and_documented(
    qtbot: QtBot, qapp: QApplication, demo_config: Config
) -> None:
    doc = DOC.read_text(encoding="utf-8")
    services = open_services(demo_config, wrap_center=center_wrapper(demo_config))
    panel = open_simulator(services, demo_config)
    window = build_window(qapp, demo_config, services=services, voice=RecordingPrompter())
    qtbot.addWidget(window)
    assert panel is not None
    qtbot.addWidget(panel)
    try:
        roots = [*window.build_every_screen(), panel]
        unnamed, undocumented = [], []
        for root in roots:
            assert root is not None
            assert f"## `{root.objectName()}`" in doc, root.objectName()
            for widget in [*interactive_widgets(root), *readout_labels(root)]:
                where = f"{root.objectName()}/{type(widget).__name__} {widget.objectName()!r}"
                if not widget.objectName():
                    unnamed.append(where)
                elif f"`{widget.objectName()}`" not in doc:
                    undocumented.append(where)
        assert unnamed == []
        assert undocumented == [], "run `make screenshots` to regenerate docs/automation.md"
    finally:
        panel.close()
        window.shutdown()
        window.languages.switch_to(Language.EN)
