"""A4 printing through a real CUPS queue (cups:QUEUE) to ippeveprinter, with no job kept."""

from __future__ import annotations

import json
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.printer.a4 import PrintResult, open_a4_printer
from drivers.printer.errors import PaperOutError
from kiosk_app.printing.composer import compose_for_print
from kiosk_app.selftest_cli import main
from tests.drivers.printer.cups_stack import CupsStack, running_cupsd
from tests.kiosk_app.printing.sample import certificate_pdf, page_codes, page_text
from tests.stacks.ippeveprinter import IppEveStack

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def cups_module(ippeveprinter_stack: IppEveStack) -> Iterator[CupsStack]:
    """cupsd with a queue to the session's ippeveprinter, for this module.

    Its directory is outside pytest's private tmp tree: CUPS backends run as user lp.
    """
    with tempfile.TemporaryDirectory(prefix="shomei-cups-") as root:
        Path(root).chmod(0o755)
        with running_cupsd(Path(root), ippeveprinter_stack.url) as stack:
            yield stack


@pytest.fixture
def cups(cups_module: CupsStack, ippeveprinter: IppEveStack) -> CupsStack:
    """The module's cupsd, with the printer behind it reset."""
    return cups_module


#: How long cupsd may take to finish a job and remove its files (a bound on a hang only: a
#: loaded machine took more than 5 s).
CLEAN_UP_S = 60


def wait_for_no_job_files(stack: CupsStack) -> list[str]:
    """The job files left in the RequestRoot once cupsd has finished every job (its own state,
    ``lpstat -o`` empty) and removed their files, or after CLEAN_UP_S."""
    deadline = time.monotonic() + CLEAN_UP_S
    while (stack.active_jobs() or stack.job_files()) and time.monotonic() < deadline:
        time.sleep(0.05)
    return stack.job_files()


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
    pdf = compose_for_print(certificate_pdf(2), page_codes(2), "D-9")
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
    pdf = compose_for_print(certificate_pdf(2), page_codes(2), "D-9")
    with pytest.raises(PaperOutError) as caught:
        open_a4_printer(cups.url).print_document(pdf, "cert-0102", lambda d, t: None, 60)
    assert caught.value.sheets_printed == 0
    assert wait_for_no_job_files(cups) == []


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
