"""A throw-away root for packaging/install.sh and a private mount namespace to inspect it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2]
PREFIX = Path("opt/shomei-kiosk")
_SOURCE_ITEMS = (
    "pyproject.toml",
    "README.md",
    "requirements.lock",
    "packaging",
    "resources",
    "issuance_contract",
    "kiosk_app",
    "drivers",
    "issuance_server",
)
_NOT_SOURCE = shutil.ignore_patterns("__pycache__", "*.pyc", "*.qm", "*.egg-info", "build")


def copy_source(dest: Path) -> Path:
    """Copy what install.sh needs from the checkout to ``dest`` (so builds never touch it)."""
    dest.mkdir(parents=True)
    for item in _SOURCE_ITEMS:
        path = SOURCE / item
        if path.is_dir():
            shutil.copytree(path, dest / item, ignore=_NOT_SOURCE)
        else:
            shutil.copy2(path, dest / item)
    return dest


def seed_root(root: Path, venv: bool = True) -> None:
    """Give ``root`` what a fresh Debian 12 system with the kiosk's packages has that we touch.

    Account files come from base-passwd's masters (what debootstrap starts from), login.defs and
    Debian's default cupsd.conf from the host's packages. The venv is made beforehand with a
    ``.pth`` to this checkout's venv: it stands for "the dependencies of requirements.lock are
    installed" (downloading PySide6 and friends again would take minutes); install.sh then
    installs the project's wheel into it with the lock as constraints, as on a kiosk.
    """
    etc = root / "etc"
    (etc / "cups").mkdir(parents=True)
    shutil.copy("/usr/share/base-passwd/passwd.master", etc / "passwd")
    shutil.copy("/usr/share/base-passwd/group.master", etc / "group")
    (etc / "shadow").write_text("")
    (etc / "gshadow").write_text("")
    shutil.copy("/etc/login.defs", etc / "login.defs")
    shutil.copy("/etc/cups/cupsd.conf", etc / "cups" / "cupsd.conf")
    if not venv:
        return
    path = root / PREFIX / "venv"
    subprocess.run(["/usr/bin/python3", "-m", "venv", str(path)], check=True)
    site = path / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}"
    (site / "site-packages" / "zz-locked-dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n"
    )


def run_install(
    src: Path, root: Path, *args: str, check: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run the copied packaging/install.sh with ``--root root`` and ``args``."""
    result = subprocess.run(
        [str(src / "packaging" / "install.sh"), "--root", str(root), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"install.sh failed:\n{result.stdout}\n{result.stderr}")
    return result


def account(root: Path, name: str, file: str = "passwd") -> list[str]:
    """The fields of ``name``'s line in the root's passwd (or group) file."""
    for line in (root / "etc" / file).read_text().splitlines():
        fields = line.split(":")
        if fields[0] == name:
            return fields
    raise KeyError(name)


def in_namespace(
    binds: dict[str, Path], argv: list[str], tmpfs: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """Run ``argv`` in a private mount namespace with ``binds`` (target → source) mounted.

    ``tmpfs`` directories are covered first, so bind targets under them can be created without
    touching the host.
    """
    script = ["set -e"]
    script += [f"mount -t tmpfs tmpfs '{path}'" for path in tmpfs]
    for target, source in binds.items():
        script.append(f"[ -e '{target}' ] || mkdir -p '{target}'")
        script.append(f"mount --bind '{source}' '{target}'")
    script.append('exec "$@"')
    unshare = ["unshare", "--mount", "--propagation", "private", "--"]
    return subprocess.run(
        [*unshare, "sh", "-c", "\n".join(script), "sh", *argv],
        capture_output=True,
        text=True,
        timeout=60,
    )
