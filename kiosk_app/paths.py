"""Where the kiosk finds its read-only resources (voice, translations, styles)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

#: A checkout (or editable install): ``resources/`` beside the packages.
_BESIDE_PACKAGES = Path(__file__).resolve().parent.parent / "resources"


def resources_dir() -> Path:
    """The ``resources/`` tree: $SHOMEI_RESOURCES, else the checkout's, else the installed one.

    packaging/install.sh puts the venv and the resources side by side (``/opt/shomei-kiosk/venv``
    and ``/opt/shomei-kiosk/resources``), so a command run by hand from the installed venv finds
    them without the variable the systemd units set.
    """
    override = os.environ.get("SHOMEI_RESOURCES")
    if override:
        return Path(override)
    if _BESIDE_PACKAGES.is_dir():
        return _BESIDE_PACKAGES
    return Path(sys.prefix).parent / "resources"
