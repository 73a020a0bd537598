"""Every font of every PDF the project makes is embedded (pdffonts): certificates of every type
and variant, the composed print job, the self-test's test sheet. (Slips and receipts are ESC/POS
byte streams for the receipt printer, not PDFs.)"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from issuance_server.samples import samples, write_samples
from issuance_server.service import IssuanceService
from kiosk_app.printing.composer import compose_for_print
from kiosk_app.printing.test_sheet import make_test_sheet

#: pdffonts prints two header lines, then one line per font.
HEADER_LINES = 2


def fonts(pdf: Path) -> list[tuple[str, bool]]:
    """(font name, embedded) for every font ``pdffonts`` finds in ``pdf``."""
    listed = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    rows = listed.stdout.splitlines()[HEADER_LINES:]
    found = []
    for row in rows:
        columns = row.split()
        # name … emb sub uni object-number generation: "emb" is the fifth column from the end
        found.append((columns[0], columns[-5] == "yes"))
    return found


def test_pdffonts_sees_an_unembedded_standard_font(tmp_path: Path) -> None:
    """The check itself: a plain reportlab PDF names Helvetica, not embedded."""
    plain = tmp_path / "plain.pdf"
    canvas = Canvas(str(plain))
    canvas.drawString(72, 72, "x")
    canvas.save()
    assert ("Helvetica", False) in fonts(plain)


def test_every_pdf_embeds_every_font(service: IssuanceService, tmp_path: Path) -> None:
    written = write_samples(service, tmp_path / "certificates", dt.date(2026, 4, 1))
    certificates = [path for path in written if path.suffix == ".pdf"]
    assert len(certificates) == len(samples(service))
    job = tmp_path / "print-job.pdf"
    first = certificates[0].read_bytes()
    pages = len(PdfReader(certificates[0]).pages)
    job.write_bytes(compose_for_print(first, [f"SV1.TEST.{n}" for n in range(pages)], "D-1"))
    sheet = tmp_path / "test-sheet.pdf"
    sheet.write_bytes(make_test_sheet(dt.datetime(2026, 4, 1, 9, 0)))

    for pdf in [*certificates, job, sheet]:
        found = fonts(pdf)
        assert found, pdf.name
        assert [name for name, embedded in found if not embedded] == [], pdf.name
