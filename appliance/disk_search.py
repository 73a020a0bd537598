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


#: Bytes before or after a hit in a freed block that must occur, with it, in an allowed file for
#: the block to count as a stale copy of that file. One side is enough: the other may run into
#: another file's bytes at the block's edge, or into a SQLite WAL frame's header.
COPY_CONTEXT = 48


@dataclass(frozen=True)
class Hit:
    """One occurrence of a searched value: what, and the file holding it (or None: a freed
    block, data a deleted file left behind). ``copy_of``: for a freed block, the allowed file
    that holds the same bytes around the hit (an earlier copy of it, such as the registry's
    deleted SQLite WAL), or None."""

    label: str
    path: str | None
    copy_of: str | None = None

    @property
    def allowed(self) -> bool:
        """In a file where personal data belongs, or in a freed block that is provably an old
        copy of such a file's own bytes."""
        if self.path is None:
            return self.copy_of is not None
        return self.path.startswith(ALLOWED)

    @property
    def where(self) -> str:
        """The file, or the freed block (and what it copies) for the report."""
        if self.path is not None:
            return self.path
        return f"a freed copy of {self.copy_of}" if self.copy_of else "a freed block"


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


#: A hit with the bytes before it, and with the bytes after it (:data:`COPY_CONTEXT`, within
#: its block).
Context = tuple[bytes, bytes]


def find_blocks(image: Path, needles: dict[str, bytes]) -> dict[int, dict[str, list[Context]]]:
    """Disk blocks holding each needle (by label), with each occurrence's context."""
    size = block_size(image)
    blocks: dict[int, dict[str, list[Context]]] = {}
    with image.open("rb") as disk, mmap.mmap(disk.fileno(), 0, access=mmap.ACCESS_READ) as data:
        for label, needle in needles.items():
            for match in re.finditer(re.escape(needle), data):
                block = match.start() // size
                begin = max(block * size, match.start() - COPY_CONTEXT)
                end = min((block + 1) * size, match.end() + COPY_CONTEXT)
                contexts = blocks.setdefault(block, {}).setdefault(label, [])
                contexts.append(
                    (bytes(data[begin : match.end()]), bytes(data[match.start() : end]))
                )
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


def allowed_files(image: Path, into: Path) -> dict[str, bytes]:
    """The content of every file under the allowed directories, by path (debugfs rdump)."""
    files: dict[str, bytes] = {}
    for directory in ALLOWED:
        target = into / directory.strip("/").replace("/", "_")
        target.mkdir(parents=True, exist_ok=True)
        _debugfs(image, f"rdump {directory.rstrip('/')} {target}")
        for path in target.rglob("*"):
            if path.is_file():
                inside = path.relative_to(target / Path(directory.rstrip("/")).name)
                files[f"{directory}{inside}"] = path.read_bytes()
    return files


def copy_of(contexts: list[Context], files: dict[str, bytes]) -> str | None:
    """The allowed file holding every one of a freed block's hits with the bytes before or
    after it, or None."""
    for path, data in sorted(files.items()):
        if all(before in data or after in data for before, after in contexts):
            return path
    return None


def search(image: Path, needles: dict[str, bytes], scratch: Path) -> list[Hit]:
    """Every occurrence of the needles on the disk, with its file; a freed block's hits with
    the allowed file they are a copy of, if any (``scratch``: where the allowed files are
    dumped)."""
    blocks = find_blocks(image, needles)
    files = block_files(image, sorted(blocks))
    freed = [block for block in blocks if files[block] is None]
    allowed = allowed_files(image, scratch) if freed else {}
    hits: list[Hit] = []
    for block, labels in blocks.items():
        original = None
        if files[block] is None:
            original = copy_of([c for contexts in labels.values() for c in contexts], allowed)
        hits.extend(Hit(label, files[block], original) for label in labels)
    return hits
