"""The ``shomei-server`` command: the municipality's issuance server and its staff tools."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``shomei-server``."""
    parser = argparse.ArgumentParser(prog="shomei-server", description=__doc__)
    parser.add_subparsers(dest="command", required=True)
    parser.parse_args(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
