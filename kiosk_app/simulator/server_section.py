"""The panel's server section: switch the demo's embedded server off and on."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QGroupBox, QVBoxLayout

from kiosk_app.simulator.switchable_link import SwitchableCenterLink
from kiosk_app.simulator.widgets import switch

log = logging.getLogger(__name__)


class ServerSection(QGroupBox):
    """Switch the city's server off and on (the kiosk then sees it as unreachable)."""

    def __init__(self, center: SwitchableCenterLink) -> None:
        super().__init__("サーバー / City server")
        self.setObjectName("simServerSection")
        self._center = center
        self.down_switch = switch("simServerDown", "停止 / Server down", self._on_down_toggled)
        self.down_switch.setChecked(center.down)
        layout = QVBoxLayout(self)
        layout.addWidget(self.down_switch)

    def refresh(self) -> None:
        """Show whether the server is switched off."""
        self.down_switch.setChecked(self._center.down)

    def _on_down_toggled(self, down: bool) -> None:
        log.info("simulator: server %s", "down" if down else "up")
        self._center.down = down
