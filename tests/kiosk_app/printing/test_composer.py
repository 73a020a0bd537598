"""The print composer: two sides per sheet, page text kept, QR decodable, ids on the back."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from kiosk_app.printing.composer import ComposeError, compose_for_print, microtext_line
from kiosk_app.printing.panel import qr_matrix
from tests.support.sample_pdf import certificate_pdf, page_codes, page_text

DOCUMENT_ID = "D2026-000042"


@pytest.fixture(scope="module")
def composed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 3-page certificate composed into 3 duplex sheets, written for poppler."""
    path = tmp_path_factory.mktemp("composed") / "sheets.pdf"
    path.write_bytes(compose_for_print(certificate_pdf(3), page_codes(3), DOCUMENT_ID))
    return path


def pdftotext(path: Path, page: int) -> str:
    """The text of one page (1-based) as poppler extracts it."""
    result = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        check=True,
    )
    return result.stdout.decode()


def render(path: Path, page: int, dpi: int) -> Image.Image:
    """One page rendered in grey by poppler."""
    result = subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-gray", str(path)],
        capture_output=True,
        check=True,
    )
    return Image.open(io.BytesIO(result.stdout)).convert("L")


def test_two_a4_sides_per_sheet(composed: Path) -> None:
    reader = PdfReader(composed)
    assert len(reader.pages) == 6
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)


def test_fronts_hold_the_certificate_pages_in_order(composed: Path) -> None:
    for sheet in range(1, 4):
        front = pdftotext(composed, 2 * sheet - 1)
        assert page_text(sheet) in front
        assert "原本と相違ないことを証明する" in front
        for other in {1, 2, 3} - {sheet}:
            assert page_text(other) not in front


def test_backs_carry_document_id_and_page_number(composed: Path) -> None:
    for sheet in range(1, 4):
        back = pdftotext(composed, 2 * sheet)
        assert f"Document ID: {DOCUMENT_ID}" in back
        assert f"Page: {sheet}/3" in back
        assert page_text(sheet) not in back


def test_back_qr_decodes_to_that_pages_code(composed: Path) -> None:
    codes = page_codes(3)
    for sheet in range(1, 4):
        found = zxingcpp.read_barcodes(render(composed, 2 * sheet, 150))
        assert [barcode.text for barcode in found] == [codes[sheet - 1]]


def test_qr_matrix_is_the_qrcode_librarys_encoding() -> None:
    matrix = qr_matrix("SV1.example")
    assert len(matrix) == len(matrix[0]) == 21 + 8
    assert not any(matrix[0])
    assert not any(matrix[-1])
    assert all(matrix[4][4:11])  # the finder pattern's top edge
    assert all(matrix[10][4:11])  # and its bottom edge


def test_microtext_fills_the_line_with_phrase_and_document_id() -> None:
    line = microtext_line(DOCUMENT_ID, 500)
    assert line.count(DOCUMENT_ID) >= 20
    assert line.startswith("正規発行証明書" + DOCUMENT_ID)


def test_page_and_code_counts_must_match() -> None:
    with pytest.raises(ComposeError, match="2 certificate pages but 1"):
        compose_for_print(certificate_pdf(2), page_codes(1), DOCUMENT_ID)


@pytest.mark.parametrize("bad", [b"", b"not a pdf", b"%PDF-1.4\n%%EOF"])
def test_bad_pdf_is_a_typed_error(bad: bytes) -> None:
    with pytest.raises(ComposeError):
        compose_for_print(bad, page_codes(1), DOCUMENT_ID)


@pytest.mark.parametrize("document_id", ["", "a b", "x" * 65, "文書"])
def test_bad_document_id_is_refused(document_id: str) -> None:
    with pytest.raises(ComposeError, match="document id"):
        compose_for_print(certificate_pdf(1), page_codes(1), document_id)


def test_empty_code_is_refused() -> None:
    with pytest.raises(ComposeError, match="verification code"):
        compose_for_print(certificate_pdf(1), [""], DOCUMENT_ID)
