"""The layering contracts (import-linter, pyproject.toml) hold, and each breaks on a wrong import.

The tree is copied to a temporary directory; a module with one deliberately wrong import is
added to the copy, and ``lint-imports`` must report exactly that contract broken.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1]
LINTER = tomllib.loads((SOURCE / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "importlinter"
]
PACKAGES: list[str] = LINTER["root_packages"]
CONTRACTS = len(LINTER["contracts"])
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint(root: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` on the tree at ``root`` (its packages first on the path; no cache)."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", "--config", str(root / "pyproject.toml")],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the packages and pyproject.toml that the tests may add wrong modules to."""
    root = tmp_path_factory.mktemp("layering")
    for package in PACKAGES:
        shutil.copytree(
            SOURCE / package, root / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy2(SOURCE / "pyproject.toml", root / "pyproject.toml")
    return root


def test_the_tree_keeps_every_contract(tree: Path) -> None:
    result = lint(tree)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Contracts: {CONTRACTS} kept, 0 broken." in result.stdout


WRONG_IMPORTS = {
    "a driver imports the kiosk": (
        "drivers/printer/wrong.py",
        "from kiosk_app.config import Config\n",
        "Drivers know nothing of the kiosk, the servers or Qt",
    ),
    "a driver imports the server inside a function": (
        "drivers/coin_acceptor/wrong.py",
        "def late() -> None:\n    import issuance_server.storage\n",
        "Drivers know nothing of the kiosk, the servers or Qt",
    ),
    "a driver test imports the kiosk": (
        "tests/drivers/printer/test_wrong.py",
        "from kiosk_app.printing.composer import compose_for_print\n",
        "Driver tests test the drivers only: no kiosk, server, center or Qt",
    ),
    "a driver test reaches the server through a shared test helper": (
        "tests/drivers/nfc/test_wrong.py",
        "from tests.support.server import sign\n",
        "Driver tests test the drivers only: no kiosk, server, center or Qt",
    ),
    "one device kind imports another": (
        "drivers/nfc/wrong.py",
        "from drivers.printer.errors import PrinterError\n",
        "Device kinds are independent of each other",
    ),
    "the server imports the kiosk": (
        "issuance_server/wrong.py",
        "from kiosk_app.center.https_link import HttpsCenterLink\n",
        "The issuance server never imports the kiosk (nor Qt)",
    ),
    "the contract imports the server": (
        "issuance_contract/wrong.py",
        "from issuance_server.storage import Store\n",
        "issuance_contract stands alone: no kiosk, server, driver or Qt",
    ),
    "the kiosk's session imports Qt": (
        "kiosk_app/session/wrong.py",
        "from PySide6.QtCore import QObject\n",
        "The kiosk's session flow is Qt-free",
    ),
    "the kiosk's devices import the server's storage": (
        "kiosk_app/devices/wrong.py",
        "from issuance_server.storage import Store\n",
        "The kiosk imports server code only to embed it",
    ),
}


@pytest.mark.parametrize("case", list(WRONG_IMPORTS))
def test_a_wrong_import_breaks_its_contract(tree: Path, case: str) -> None:
    path, code, contract = WRONG_IMPORTS[case]
    module = tree / path
    module.write_text(f'"""Deliberately wrong: {case}."""\n\n{code}', encoding="utf-8")
    try:
        result = lint(tree)
    finally:
        module.unlink()
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"Contracts: {CONTRACTS - 1} kept, 1 broken." in result.stdout
    broken = [line for line in result.stdout.splitlines() if " BROKEN" in line]
    assert len(broken) == 1, result.stdout
    assert broken[0].startswith(contract), result.stdout
    wrong_module = path.removesuffix(".py").replace("/", ".")
    assert wrong_module in result.stdout


def test_the_root_conftest_and_its_service_stacks_import_no_qt() -> None:
    """Driver and server tests need no Qt: only tests/kiosk_app and tests/proof load it."""
    code = (
        "import importlib.abc, sys\n"
        "class NoQt(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6', 'pytestqt'):\n"
        "            raise ModuleNotFoundError(name, name=name)\n"
        "sys.meta_path.insert(0, NoQt())\n"
        "import tests.conftest\n"
        "for plugin in tests.conftest.pytest_plugins:\n"
        "    __import__(plugin)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=SOURCE,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
