"""The ``shomei-kiosk`` command: parse options, load the configuration, run the kiosk."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from issuance_contract.logging_setup import configure_logging
from issuance_contract.toml_schema import ConfigError
from kiosk_app.config import DEFAULT_CONFIG_PATH, Config, load_config, load_demo_config


def add_config_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``--config PATH`` / ``--demo`` choice shared by the kiosk's commands."""
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--config", type=Path, help=f"configuration file (default {DEFAULT_CONFIG_PATH})"
    )
    source.add_argument(
        "--demo", action="store_true", help="built-in demo: simulated devices, embedded server"
    )
    source.add_argument(
        "--store-demo",
        action="store_true",
        help="built-in store-kiosk demo: simulated devices, an embedded relay center with "
        "three fictitious municipalities",
    )


def add_logging_arguments(parser: argparse.ArgumentParser) -> None:
    """The logging options shared by the kiosk's commands."""
    parser.add_argument("--log-level", default="INFO", help="DEBUG, INFO, WARNING or ERROR")
    parser.add_argument("--log-json", action="store_true", help="JSON lines (for journald)")


def config_from_arguments(args: argparse.Namespace) -> Config:
    """Load the configuration the arguments name; raises ConfigError."""
    if args.demo:
        return load_demo_config()
    if getattr(args, "store_demo", False):
        return load_demo_config(relay=True)
    return load_config(args.config or DEFAULT_CONFIG_PATH)


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``shomei-kiosk``."""
    parser = argparse.ArgumentParser(prog="shomei-kiosk", description=__doc__)
    add_config_arguments(parser)
    add_logging_arguments(parser)
    parser.add_argument("--fullscreen", action="store_true", help="fill the screen, hide cursor")
    parser.add_argument(
        "--desktop",
        action="store_true",
        help="a normal window on a PC with a USB card reader: usage registration and status only",
    )
    args = parser.parse_args(argv)
    configure_logging(args.log_level, args.log_json)
    try:
        config = config_from_arguments(args)
    except ConfigError as exc:
        print(f"shomei-kiosk: {exc}", file=sys.stderr)
        return 2
    from kiosk_app.app import run  # Qt is imported only once the configuration is good

    return run(config, fullscreen=args.fullscreen, desktop=args.desktop)


if __name__ == "__main__":
    sys.exit(main())
