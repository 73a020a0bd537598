"""Where the kiosk finds its read-only resources (voice, translations, styles)."""

from __future__ import annotations

import os
from pathlib import Path


def resources_dir() -> Path:
    """The ``resources/`` tree: $SHOMEI_RESOURCES, else the one beside the packages."""
    override = os.environ.get("SHOMEI_RESOURCES")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "resources"
