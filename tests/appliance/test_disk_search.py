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
    hits = search(
        image, {"name": NAME, "number": NUMBER, "absent": b"nowhere-at-all"}, tmp_path / "dump"
    )
    assert sorted((hit.label, hit.path, hit.allowed) for hit in hits) == [
        ("name", "/var/lib/shomei-kiosk/center/registry.sqlite3", True),
        ("name", "/var/log/shomei-kiosk/kiosk.log", False),
        ("number", "/var/lib/shomei-kiosk/center/registry.sqlite3", True),
    ]


def _delete(image: Path, path: str) -> None:
    """Delete ``path`` in the image as a file system does: its blocks freed, not wiped."""
    subprocess.run(["debugfs", "-w", "-R", f"rm {path}", str(image)], check=True,
                   capture_output=True)  # fmt: skip


def test_a_freed_block_counts_only_as_a_copy_of_an_allowed_file(tmp_path: Path) -> None:
    """The registry's deleted WAL held the registry's own bytes: allowed. A deleted log with
    the name, or the registry's name with other bytes on both sides of it: leaks."""
    row = (
        b'{"id":"K0001","honseki":"fictitious-town 1-2","family_name":"'
        + NAME
        + b'","events":[{"kind":"birth","fields":[["date","1942-04-01"]]}]}'
    )
    image = _ext4(
        tmp_path,
        {
            "var/lib/shomei-kiosk/center/registry.sqlite3": b"\0" * 5000 + row + b"\0" * 100,
            # Two copies of the row in WAL frames; the second is cut by the next frame's header
            # right after the name: the bytes before it still show whose it is.
            "var/lib/shomei-kiosk/center/registry.sqlite3-wal": b"\1" * 24
            + row
            + b"\0\0\0\x19"
            + b"\7" * 20
            + row[: row.index(NAME) + len(NAME)]
            + b"\0\0\0\x1a"
            + b"\10" * 20,
            "var/log/shomei-kiosk/kiosk.log": b"printing for " + NAME + b" now",
            "var/lib/shomei-kiosk/outbox.sqlite3-wal": b"\2" * 60 + row[-40:] + NAME + b"x" * 60,
        },
    )
    for deleted in ("/var/lib/shomei-kiosk/center/registry.sqlite3-wal",
                    "/var/log/shomei-kiosk/kiosk.log",
                    "/var/lib/shomei-kiosk/outbox.sqlite3-wal"):  # fmt: skip
        _delete(image, deleted)
    hits = search(image, {"name": NAME}, tmp_path / "dump")
    freed = sorted((hit.where, hit.allowed) for hit in hits if hit.path is None)
    assert freed == [
        ("a freed block", False),
        ("a freed block", False),
        ("a freed copy of /var/lib/shomei-kiosk/center/registry.sqlite3", True),
    ]


def test_a_freed_block_of_unknown_origin_is_never_allowed() -> None:
    assert not Hit("name", None).allowed
    assert Hit("name", None, "/var/lib/shomei-kiosk/center/registry.sqlite3").allowed
    assert not Hit("name", "/var/lib/shomei-kiosk/centerfold").allowed
