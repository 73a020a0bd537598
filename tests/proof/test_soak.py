"""Fifty sessions of mixed flows on one kiosk window: nothing grows, the money balances.

The 1,000-session run is bench/soak_sessions.py.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from tests.proof.soak import MIX, soaking

#: RSS growth allowed between the baseline and the end (the issue's goal for 1,000 sessions).
RSS_GROWTH_KIB = 10 * 1024


def test_fifty_sessions_leak_nothing_and_balance(qapp: QApplication, tmp_path: Path) -> None:
    with soaking(qapp, tmp_path) as soak:
        soak.run(len(MIX))
        baseline = soak.sample()
        soak.run(50 - len(MIX))
        final = soak.sample()
        assert soak.problems() == []
        assert soak.sessions == 50
        assert set(soak.kinds) == {name for name, _at, _inject in MIX}
    assert final.python_threads <= baseline.python_threads
    assert final.fds - final.server_db_fds <= baseline.fds - baseline.server_db_fds
    assert final.server_db_fds <= baseline.server_db_fds
    assert final.qtimers <= baseline.qtimers
    assert final.qobjects <= baseline.qobjects
    assert final.rss_kib - baseline.rss_kib <= RSS_GROWTH_KIB
