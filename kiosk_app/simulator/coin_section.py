"""The panel's coins: drop coins, jam the slot, take the acceptor offline, see the hoppers."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from functools import partial

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout

from drivers.coin_acceptor.sim import SimCoinAcceptor, SimHopper
from kiosk_app.simulator.widgets import button, label, switch

log = logging.getLogger(__name__)

#: The coins the panel can drop, in yen.
COINS = (10, 50, 100, 500)
#: Replies the offline acceptor drops: every one, until switched back.
UNANSWERED = 2**31 - 1


class CoinSection(QGroupBox):
    """Drop coins into the acceptor, jam its slot, and watch the change hoppers."""

    def __init__(self, acceptor: SimCoinAcceptor, hoppers: Mapping[int, SimHopper]) -> None:
        super().__init__("硬貨 / Coins")
        self.setObjectName("simCoinSection")
        self._acceptor = acceptor
        self._hoppers = dict(sorted(hoppers.items()))
        self.coin_buttons: dict[int, QPushButton] = {}
        row = QHBoxLayout()
        for yen in COINS:
            coin = button(f"simCoin_{yen}", f"¥{yen}", partial(self.drop, yen))
            self.coin_buttons[yen] = coin
            row.addWidget(coin)
        self.jam_switch = switch("simCoinJam", "硬貨詰まり / Coin jam", self._on_jam_toggled)
        self.offline_switch = switch(
            "simCoinOffline", "硬貨投入口オフライン / Acceptor offline", self._on_offline_toggled
        )
        self.result_label = label("simCoinResultLabel")
        self.hopper_label = label("simHopperLabel")
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.jam_switch)
        layout.addWidget(self.offline_switch)
        layout.addWidget(self.result_label)
        layout.addWidget(self.hopper_label)
        self.refresh()

    def drop(self, yen: int) -> bool:
        """Drop one coin; True if the acceptor credited it."""
        accepted = self._acceptor.insert_coin(yen)
        verdict = "受け付け / accepted" if accepted else "返却 / returned"
        self.result_label.setText(f"¥{yen}: {verdict}")
        return accepted

    def refresh(self) -> None:
        """Show the coins left in each hopper."""
        levels = "  ".join(f"¥{yen}×{hopper.level}" for yen, hopper in self._hoppers.items())
        self.hopper_label.setText(f"つり銭 / change: {levels or '-'}")

    def _on_jam_toggled(self, jammed: bool) -> None:
        log.info("simulator: coin slot %s", "jammed" if jammed else "cleared")
        if jammed:
            self._acceptor.jam()
        else:
            self._acceptor.clear_jam()

    def _on_offline_toggled(self, offline: bool) -> None:
        """The acceptor stops answering (the kiosk finds it offline after a few polls) or
        answers again."""
        log.info("simulator: coin acceptor %s", "offline" if offline else "online")
        self._acceptor.faults.drop_replies = UNANSWERED if offline else 0
