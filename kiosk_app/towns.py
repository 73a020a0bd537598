"""The 町名 lists of municipalities (``resources/towns/<code>.txt``), for the 本籍 field."""

from __future__ import annotations

import logging
from pathlib import Path

from kiosk_app.paths import resources_dir

log = logging.getLogger(__name__)


def town_names(municipality_code: str, root: Path | None = None) -> list[str]:
    """A municipality's 町名 list from ``resources/towns/<code>.txt`` (empty if there is none)."""
    path = (root or resources_dir()) / "towns" / f"{municipality_code}.txt"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        log.warning("no town list for municipality %s", municipality_code)
        return []
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]
