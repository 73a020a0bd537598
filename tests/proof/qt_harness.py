"""The proof kiosk inside the real window: screens, device bridge, inactivity timer (offscreen)."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from kiosk_app.app import build_window
from kiosk_app.config import Config
from kiosk_app.voice.prompter import RecordingPrompter
from tests.proof.harness import ProofKiosk, Server


class QtProofKiosk(ProofKiosk):
    """A ProofKiosk whose flows run under the KioskWindow, its bridge and its event loop."""

    def __init__(self, config: Config, server: Server, app: QApplication) -> None:
        self._open_devices(config, server)
        self.app = app
        self.voice = RecordingPrompter()
        self.window = build_window(app, config, services=self.services, voice=self.voice)
        self.window.resize(1280, 800)
        self.window.show()
        self.kiosk = self.window.kiosk

    def pump_until(self, condition: Callable[[], bool], timeout: float = 20.0) -> bool:
        """Run the event loop until ``condition`` holds (True) or ``timeout`` passes (False)."""
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                return False
            self.app.processEvents()
            # what the event loop does between events: objects given to deleteLater() go
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            if not condition():
                time.sleep(0.002)
        return True

    def settle(self) -> None:
        """Let running jobs finish and their results be delivered."""
        self.window.bridge.wait_for_jobs()
        self.app.processEvents()

    def shutdown(self) -> None:
        """End any session, wait for the jobs, close the devices (the window's own shutdown)."""
        self.window.shutdown()
        self.app.processEvents()

    def close(self) -> None:
        """Close the journal and the window, and delete the window."""
        super().close()
        self.window.close()
        self.window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
