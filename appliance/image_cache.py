"""Cache keys of the virtual kiosk PC's disk image: what its build reads, hashed."""

from __future__ import annotations

import hashlib
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

#: Files whose content decides the Debian base system (debootstrap + apt packages).
BASE_INPUTS = ("packaging/debian-packages.txt", "appliance/guest-packages.txt")
#: Bumped when the base stage of appliance/build-image.sh changes meaning.
BASE_RECIPE = "bookworm-minbase-1"
#: Tracked files that never reach the image: the tests, docs and benches, and the rig's host
#: side (appliance/*.py; its guest side, appliance/guest/ and build-image.sh, does). A change
#: there does not cost a rebuild.
NOT_IN_IMAGE = ("tests/", "docs/", "bench/")


def reaches_image(name: str) -> bool:
    """Whether tracked file ``name`` can change what the image build produces."""
    if name.startswith(NOT_IN_IMAGE):
        return False
    return not (name.startswith("appliance/") and name.endswith(".py"))


def default_cache_dir() -> Path:
    """Where images live between runs: $SHOMEI_APPLIANCE_CACHE or ~/.cache/shomei-appliance."""
    configured = os.environ.get("SHOMEI_APPLIANCE_CACHE")
    if configured:
        return Path(configured)
    return Path.home() / ".cache" / "shomei-appliance"


def _digest(parts: list[tuple[str, bytes]]) -> str:
    """One SHA-256 over named parts (names and lengths framed, so parts cannot run together)."""
    hasher = hashlib.sha256()
    for name, data in sorted(parts):
        hasher.update(f"{name}\0{len(data)}\0".encode())
        hasher.update(data)
    return hasher.hexdigest()[:16]


def tracked_files(source: Path) -> list[str]:
    """The checkout's tracked files (what install.sh copies), relative to ``source``."""
    listing = subprocess.run(
        ["git", "-C", str(source), "ls-files", "-z"], check=True, capture_output=True
    ).stdout
    return [name for name in listing.decode().split("\0") if name]


def voice_files(source: Path) -> list[str]:
    """The generated voice prompts (not tracked, but installed by install.sh)."""
    root = source / "resources" / "voice"
    return sorted(str(path.relative_to(source)) for path in root.rglob("*.wav"))


@dataclass(frozen=True)
class ImageKeys:
    """The base system's key and the whole image's key."""

    base: str
    image: str


def image_keys(source: Path, dependency_wheels: list[str]) -> ImageKeys:
    """Keys from file contents: the base from its package lists, the image from everything
    install.sh and the build script read (tracked sources that reach the image, voice prompts)
    and the names (with
    their versions) of the dependency wheels; the project's own wheel is made of the sources."""
    base_parts = [(name, (source / name).read_bytes()) for name in BASE_INPUTS]
    base_parts.append(("recipe", BASE_RECIPE.encode()))
    base = _digest(base_parts)
    parts = [("base", base.encode())]
    for name in [*filter(reaches_image, tracked_files(source)), *voice_files(source)]:
        path = source / name
        if path.is_file():
            parts.append((name, path.read_bytes()))
    parts.extend((f"wheel:{name}", b"") for name in dependency_wheels)
    return ImageKeys(base=base, image=_digest(parts))
