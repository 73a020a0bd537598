"""The panel's printer trays: take the A4 sheets (pages shown with QtPdf) and the receipts,
and switch paper-out and paper jam."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPlainTextEdit, QVBoxLayout, QWidget

from drivers.printer.a4_sim import SimA4Printer
from drivers.printer.receipt_sim import SimReceiptPrinter
from kiosk_app.simulator.widgets import button, label, switch

log = logging.getLogger(__name__)


class _TraySection(QGroupBox):
    """A printer's output tray: how much waits in it, a take button, a paper-out switch."""

    def __init__(self, title: str, prefix: str) -> None:
        super().__init__(title)
        self.setObjectName(f"sim{prefix}Section")
        self.tray_label = label(f"sim{prefix}TrayLabel")
        self.take_button = button(f"simTake{prefix}Button", "取る / Take", self.take)
        self.paper_out_switch = switch(
            f"sim{prefix}PaperOut", "用紙切れ / Paper out", self._on_paper_out_toggled
        )
        row = QHBoxLayout()
        row.addWidget(self.tray_label, 1)
        row.addWidget(self.take_button)
        self.switches = QHBoxLayout()
        self.switches.addWidget(self.paper_out_switch)
        self.body = QVBoxLayout(self)
        self.body.addLayout(row)
        self.body.addLayout(self.switches)

    def take(self) -> int:
        """Take everything from the tray and show it; returns how much there was."""
        raise NotImplementedError

    def _on_paper_out_toggled(self, out: bool) -> None:
        raise NotImplementedError


class ReceiptSection(_TraySection):
    """The receipt printer's tray (take what was printed) and its paper-out switch."""

    def __init__(self, printer: SimReceiptPrinter) -> None:
        self._printer = printer
        super().__init__("レシート / Receipt printer", "Receipt")
        self.taken_view = QPlainTextEdit()
        self.taken_view.setObjectName("simReceiptView")
        self.taken_view.setReadOnly(True)
        self.taken_view.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.body.addWidget(self.taken_view)
        self.refresh()

    def take(self) -> int:
        """Take every ticket from the tray, show them, and return how many there were."""
        tickets = self._printer.take_all()
        parts = []
        for ticket in tickets:
            qr = "".join(f"\n[QR {len(code.data)} bytes]" for code in ticket.qr_codes)
            parts.append(ticket.text + qr)
        self.taken_view.setPlainText("\n\n✂ - - - - - - - - - -\n\n".join(parts))
        self.refresh()
        return len(tickets)

    def refresh(self) -> None:
        """Show how many tickets wait in the tray."""
        waiting = len(self._printer.tray)
        self.tray_label.setText(f"トレイ / tray: {waiting}")
        self.take_button.setEnabled(waiting > 0)

    def _on_paper_out_toggled(self, out: bool) -> None:
        log.info("simulator: receipt paper %s", "out" if out else "refilled")
        self._printer.paper_out = out


class PdfPages(QWidget):
    """Shows the pages of taken PDF documents with QtPdf (QPdfDocument + QPdfView)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.documents: list[QPdfDocument] = []
        self._buffers: list[QBuffer] = []
        self._views = QVBoxLayout(self)
        self._views.setContentsMargins(0, 0, 0, 0)

    def show_documents(self, pdfs: Sequence[bytes]) -> None:
        """Replace what is shown with ``pdfs`` (each laid out page after page)."""
        self.clear()
        for pdf in pdfs:
            buffer = QBuffer(self)
            buffer.setData(QByteArray(pdf))
            buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            document = QPdfDocument(self)
            document.load(buffer)
            view = QPdfView()
            view.setObjectName("simPdfView")
            view.setPageMode(QPdfView.PageMode.MultiPage)
            view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            view.setDocument(document)
            view.setMinimumHeight(320)
            self._views.addWidget(view)
            self.documents.append(document)
            self._buffers.append(buffer)

    def render_page(self, document: int, page: int, width: int = 420) -> QImage:
        """One page as it looks on paper: an image ``width`` pixels wide, on white."""
        size = self.documents[document].pagePointSize(page)
        height = round(width * size.height() / size.width()) if size.width() else width
        ink = self.documents[document].render(page, QSize(width, height))
        paper = QImage(ink.size(), QImage.Format.Format_RGB32)
        paper.fill(Qt.GlobalColor.white)
        painter = QPainter(paper)
        painter.drawImage(0, 0, ink)
        painter.end()
        return paper

    def clear(self) -> None:
        """Drop every document shown."""
        while (item := self._views.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        for document in self.documents:
            document.close()
            document.deleteLater()
        for buffer in self._buffers:
            buffer.close()
            buffer.deleteLater()
        self.documents, self._buffers = [], []


class A4Section(_TraySection):
    """The A4 printer's output tray (take the sheets and see them) and its fault switches."""

    def __init__(self, printer: SimA4Printer) -> None:
        self._printer = printer
        super().__init__("A4 プリンター / A4 printer", "A4")
        self.jam_switch = switch("simA4Jam", "紙詰まり / Paper jam", self._on_jam_toggled)
        self.switches.addWidget(self.jam_switch)
        self.pages = PdfPages("simA4Pages")
        self.body.addWidget(self.pages, 1)
        self.refresh()

    def take(self) -> int:
        """Take every printed job from the tray, show its pages, return how many sheets."""
        jobs = self._printer.take_all()
        self.pages.show_documents([job.pdf for job in jobs])
        self.refresh()
        return sum(job.sheets_printed for job in jobs)

    def refresh(self) -> None:
        """Show how many sheets wait in the tray, and the switches' state."""
        sheets = sum(job.sheets_printed for job in self._printer.tray)
        self.tray_label.setText(f"トレイ / tray: {sheets} 枚 / sheets")
        self.take_button.setEnabled(sheets > 0)
        self.paper_out_switch.setChecked(self._printer.paper_out)
        self.jam_switch.setChecked(self._printer.jam)

    def _on_paper_out_toggled(self, out: bool) -> None:
        log.info("simulator: A4 paper %s", "out" if out else "refilled")
        self._printer.paper_out = out
        if not out and self._printer.paper_sheets == 0:
            self._printer.paper_sheets = None

    def _on_jam_toggled(self, jammed: bool) -> None:
        log.info("simulator: A4 paper %s", "jammed" if jammed else "cleared")
        self._printer.jam = jammed
