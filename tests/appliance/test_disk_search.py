"""The host-side search for personal data on a disk image: hits mapped to files by debugfs."""

from __future__ import annotations

import subprocess
from pathlib import Path

from appliance.disk_search import Hit, search

NAME = "架空太郎".encode()
NUMBER = b"123456789018"


def _ext4(tmp_path: Path, files: dict[str, bytes]) -> Path:
    tree = tmp_path / "tree"
    for relative, data in files.items():
        path = tree / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    image = tmp_path / "disk.raw"
    subprocess.run(["mkfs.ext4", "-q", "-d", str(tree), str(image), "16M"], check=True)
    return image


def test_hits_in_the_registry_are_allowed_and_elsewhere_are_leaks(tmp_path: Path) -> None:
    image = _ext4(
        tmp_path,
        {
            "var/lib/shomei-kiosk/center/registry.sqlite3": b"x" * 5000 + NAME + NUMBER,
            "var/log/shomei-kiosk/kiosk.log": b"session ended for " + NAME,
            "var/lib/shomei-kiosk/money.sqlite3": b"fees only",
        },
    )
    hits = search(image, {"name": NAME, "number": NUMBER, "absent": b"nowhere-at-all"})
    assert sorted((hit.label, hit.path, hit.allowed) for hit in hits) == [
        ("name", "/var/lib/shomei-kiosk/center/registry.sqlite3", True),
        ("name", "/var/log/shomei-kiosk/kiosk.log", False),
        ("number", "/var/lib/shomei-kiosk/center/registry.sqlite3", True),
    ]


def test_a_freed_block_is_never_allowed() -> None:
    assert not Hit("name", None).allowed
    assert not Hit("name", "/var/lib/shomei-kiosk/centerfold").allowed
