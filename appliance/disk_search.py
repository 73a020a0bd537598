"""Personal data left on the kiosk PC's disk, searched from the host: the run's disk as a raw
ext4 image, each hit's block mapped to its file with debugfs."""

from __future__ import annotations

import mmap
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

#: Files where personal data belongs: the embedded municipality server's registry (on a real
#: kiosk it lives at the city, not on the kiosk PC).
ALLOWED = ("/var/lib/shomei-kiosk/center/",)


@dataclass(frozen=True)
class Hit:
    """One occurrence of a searched value: what, and the file holding it (or None: a freed
    block, data a deleted file left behind)."""

    label: str
    path: str | None

    @property
    def allowed(self) -> bool:
        """In a file where personal data belongs."""
        return self.path is not None and self.path.startswith(ALLOWED)


def raw_copy(overlay: Path, into: Path) -> Path:
    """The overlay (over the cached image) as one raw disk image."""
    subprocess.run(
        ["qemu-img", "convert", "-O", "raw", str(overlay), str(into)], check=True
    )  # fmt: skip
    return into


def block_size(image: Path) -> int:
    """The file system's block size."""
    for line in _debugfs(image, "stats").splitlines():
        if line.startswith("Block size:"):
            return int(line.split(":")[1])
    raise ValueError(f"no ext4 block size in {image}")


def find_blocks(image: Path, needles: dict[str, bytes]) -> dict[int, set[str]]:
    """Disk blocks holding each needle (by label)."""
    size = block_size(image)
    blocks: dict[int, set[str]] = {}
    with image.open("rb") as disk, mmap.mmap(disk.fileno(), 0, access=mmap.ACCESS_READ) as data:
        for label, needle in needles.items():
            for match in re.finditer(re.escape(needle), data):
                blocks.setdefault(match.start() // size, set()).add(label)
    return blocks


def _debugfs(image: Path, request: str) -> str:
    # -c (catastrophic mode: the bitmaps are not read): after a power cut the file system's
    # journal is not replayed and its bitmaps' checksums do not match; the inodes still map
    # blocks to files.
    done = subprocess.run(
        ["debugfs", "-c", "-R", request, str(image)], capture_output=True, text=True, check=True
    )
    return done.stdout


def block_files(image: Path, blocks: list[int]) -> dict[int, str | None]:
    """The file of each block (None for a block no file owns)."""
    if not blocks:
        return {}
    inodes: dict[int, int] = {}
    for line in _debugfs(image, "icheck " + " ".join(map(str, blocks))).splitlines()[1:]:
        block, _, inode = line.partition("\t")
        if inode.strip().isdigit():
            inodes[int(block)] = int(inode)
    paths: dict[int, str] = {}
    if inodes:
        listing = _debugfs(image, "ncheck " + " ".join(map(str, set(inodes.values()))))
        for line in listing.splitlines()[1:]:
            inode, _, path = line.partition("\t")
            if inode.strip().isdigit():
                paths[int(inode)] = path.strip()
    return {block: paths.get(inodes[block]) if block in inodes else None for block in blocks}


def search(image: Path, needles: dict[str, bytes]) -> list[Hit]:
    """Every occurrence of the needles on the disk, with its file."""
    blocks = find_blocks(image, needles)
    files = block_files(image, sorted(blocks))
    return [Hit(label, files[block]) for block, labels in blocks.items() for label in labels]
