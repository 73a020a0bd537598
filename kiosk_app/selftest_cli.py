"""The ``shomei-selftest`` command: one subcommand per device, each a driver's self-test."""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Protocol

from drivers.selftest import SelfTestResult, Status
from issuance_contract.logging_setup import configure_logging


class SelfTestModule(Protocol):
    """What a driver's ``selftest`` module provides."""

    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> SelfTestResult: ...


#: Subcommand name → (module implementing it, one-line help).
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "nfc": ("drivers.nfc.selftest", "card reader and My Number Card (no PIN try used)"),
    "printer": (
        "kiosk_app.printing.selftest",
        "A4 printer state and reasons, receipt printer status; --test-page prints",
    ),
    "coin": ("drivers.coin_acceptor.selftest", "coin acceptor and hoppers; --watch shows coins"),
    "voice": ("kiosk_app.voice.selftest", "prompt recordings and sound output; --play PROMPT"),
    "all": ("kiosk_app.selftest_all", "every device of the configured kiosk and the server link"),
}


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``shomei-selftest``; exits 0 ok, 1 warning, 2 critical, 3 unknown."""
    parser = argparse.ArgumentParser(prog="shomei-selftest", description=__doc__)
    parser.add_argument("--log-level", default="WARNING")
    commands = parser.add_subparsers(dest="command", required=True)
    modules: dict[str, SelfTestModule] = {}
    for name, (module_name, help_text) in SUBCOMMANDS.items():
        module: SelfTestModule = importlib.import_module(module_name)
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument("--json", action="store_true", help="print one JSON object")
        module.add_arguments(sub)
        modules[name] = module
    args = parser.parse_args(argv)
    configure_logging(args.log_level)
    try:
        result = modules[args.command].run(args)
    except Exception as exc:
        result = SelfTestResult(Status.UNKNOWN, {"error": str(exc)}, [f"self-test failed: {exc}"])
    print(result.as_json() if args.json else result.as_text())
    return int(result.status)


if __name__ == "__main__":
    sys.exit(main())
