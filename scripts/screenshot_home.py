"""Save a screenshot of the kiosk's home screen (demo config) to the PNG path given."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk_app.app import build_window
from kiosk_app.config import load_demo_config


def main(out: Path) -> None:
    """Render the home screen offscreen at 1280×800 and save it."""
    app = QApplication(sys.argv[:1])
    window = build_window(app, load_demo_config())
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(out)):
        raise SystemExit(f"could not write {out}")
    window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/home.png"))
