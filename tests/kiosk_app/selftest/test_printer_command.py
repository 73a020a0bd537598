"""``shomei-selftest printer``: JSON report, exit codes, test prints on emulated printers."""

from __future__ import annotations

import json
import subprocess

import pytest

from drivers.printer.escpos_emulator import EscPosTcpEmulator
from kiosk_app.selftest_cli import main
from tests.stacks.cups import CupsStack, wait_for_no_job_files
from tests.stacks.ippeveprinter import IppEveStack


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, object]]:
    """Run the self-test with --json; its exit code and report."""
    code = main(["printer", "--json", *args])
    return code, json.loads(capsys.readouterr().out)


@pytest.mark.integration
def test_both_printers_ok_with_test_prints(
    capsys: pytest.CaptureFixture[str],
    ippeveprinter: IppEveStack,
    escpos_emulator: EscPosTcpEmulator,
) -> None:
    code, report = run(
        capsys, "--a4", ippeveprinter.url, "--receipt", escpos_emulator.url, "--test-page"
    )
    assert code == 0
    assert report["status"] == "ok"
    assert report["a4"] == {
        "url": ippeveprinter.url,
        "state": "idle",
        "reasons": [],
        "test_page": {"printed": True, "sheets": 1},
        "error": None,
        "encrypted": False,
    }
    receipt = report["receipt"]
    assert isinstance(receipt, dict)
    assert receipt["test_receipt"] == {"printed": True}
    assert receipt["status"]["paper"] == "ok"
    [document] = ippeveprinter.received()
    assert document.read_bytes().startswith(b"%PDF")
    [ticket] = escpos_emulator.device.wait_for_tickets(1)
    assert ticket.lines[1].text == "試験印刷 TEST"


def test_receipt_paper_end_is_critical(
    capsys: pytest.CaptureFixture[str], escpos_emulator: EscPosTcpEmulator
) -> None:
    escpos_emulator.device.paper_end = True
    code, report = run(capsys, "--receipt", escpos_emulator.url, "--test-page")
    assert code == 2
    assert report["status"] == "critical"
    assert report["a4"] is None
    assert escpos_emulator.device.tickets == []


def test_receipt_near_end_is_a_warning(
    capsys: pytest.CaptureFixture[str], escpos_emulator: EscPosTcpEmulator
) -> None:
    escpos_emulator.device.paper_near_end = True
    code, report = run(capsys, "--receipt", escpos_emulator.url)
    assert (code, report["status"]) == (1, "warning")


def test_sim_a4_test_page(capsys: pytest.CaptureFixture[str]) -> None:
    code, report = run(capsys, "--a4", "sim:", "--test-page")
    assert code == 0
    assert report["a4"] == {
        "url": "sim:",
        "state": "idle",
        "reasons": [],
        "test_page": {"printed": True, "sheets": 1},
        "error": None,
    }


def test_unreachable_a4_is_critical_and_bad_url_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    code, report = run(capsys, "--a4", "ipp://127.0.0.1:9/ipp/print")
    assert code == 2
    assert isinstance(report["a4"], dict)
    assert report["a4"]["error"]
    code, report = run(capsys, "--a4", "lpr://nowhere")
    assert code == 3


def test_no_printer_named_is_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    code, report = run(capsys)
    assert (code, report) == (
        3,
        {
            "status": "unknown",
            "a4": None,
            "receipt": None,
            "findings": ["give --a4 URL and/or --receipt URL"],
        },
    )


@pytest.mark.integration
def test_the_self_test_prints_its_test_page_through_the_queue(
    cups: CupsStack, ippeveprinter: IppEveStack, capsys: pytest.CaptureFixture[str]
) -> None:
    """``shomei-selftest printer --a4 cups:QUEUE --test-page`` through the current cupsd."""
    code = main(["printer", "--a4", cups.url, "--test-page", "--json"])

    report = json.loads(capsys.readouterr().out)
    # CUPS keeps the warnings of an earlier test's job on the idle queue: a WARNING, no more.
    assert code in (0, 1), report["findings"]
    assert all(reason.endswith("-warning") for reason in report["a4"]["reasons"])
    assert report["a4"]["test_page"] == {"printed": True, "sheets": 1}
    [document] = ippeveprinter.received()
    text = subprocess.run(["pdftotext", str(document), "-"], capture_output=True, check=True)
    assert "TEST PAGE" in text.stdout.decode()
    assert wait_for_no_job_files(cups) == []
