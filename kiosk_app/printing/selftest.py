"""``shomei-selftest printer``: the printer drivers' self-test, printing the kiosk's test sheet."""

from __future__ import annotations

import argparse

from drivers.printer import selftest as printer_selftest
from drivers.selftest import SelfTestResult
from kiosk_app.printing.test_sheet import make_test_sheet


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The printer self-test's options."""
    printer_selftest.add_arguments(parser)


def run(args: argparse.Namespace) -> SelfTestResult:
    """The printer self-test; ``--test-page`` prints the kiosk's composed test sheet."""
    return printer_selftest.run(args, make_test_sheet)
