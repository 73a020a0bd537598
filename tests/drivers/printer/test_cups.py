"""A4 printing through a real CUPS queue (cups:QUEUE) to ippeveprinter, with no job kept."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from drivers.printer.a4 import PrintResult, open_a4_printer
from drivers.printer.errors import PaperOutError
from tests.stacks.cups import CupsStack, wait_for_no_job_files
from tests.stacks.ippeveprinter import IppEveStack
from tests.support.sample_pdf import duplex_sheets, page_text

pytestmark = pytest.mark.integration


def test_the_kiosk_cups_settings_keep_no_job(cups: CupsStack) -> None:
    settings = cups.cupsd_conf.read_text().splitlines()
    assert "PreserveJobFiles No" in settings
    assert "PreserveJobHistory No" in settings
    checked = subprocess.run(
        ["cupsd", "-t", "-c", str(cups.cupsd_conf), "-s", str(cups.root / "etc/cups-files.conf")],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr


def test_prints_through_the_queue_and_leaves_nothing_behind(
    cups: CupsStack, ippeveprinter: IppEveStack
) -> None:
    pdf = duplex_sheets(2)
    result = open_a4_printer(cups.url).print_document(pdf, "cert-0101", lambda d, t: None, 60)

    assert result == PrintResult(2, True, "completed")
    [document] = ippeveprinter.received()
    text = subprocess.run(["pdftotext", str(document), "-"], capture_output=True, check=True)
    assert page_text(2) in text.stdout.decode()
    assert ippeveprinter.job_attributes(document)["IPP_SIDES"] == "two-sided-long-edge"
    assert wait_for_no_job_files(cups) == []
    assert not Path(cups.root / "state" / "job.cache").exists() or (
        "cert-0101" not in (cups.root / "state" / "job.cache").read_text(errors="replace")
    )


def test_paper_out_behind_the_queue_is_reported_and_nothing_counted(
    cups: CupsStack, ippeveprinter: IppEveStack
) -> None:
    ippeveprinter.stage_fault("media-empty", after_pages=1)
    pdf = duplex_sheets(2)
    with pytest.raises(PaperOutError) as caught:
        open_a4_printer(cups.url).print_document(pdf, "cert-0102", lambda d, t: None, 60)
    assert caught.value.sheets_printed == 0
    assert wait_for_no_job_files(cups) == []
