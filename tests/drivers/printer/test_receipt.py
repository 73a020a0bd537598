"""Receipts and slips over ESC/POS: bytes parsed by the emulator and checked field by field."""

from __future__ import annotations

import datetime as dt
import socket
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from escpos.printer import Dummy

from drivers.printer.errors import (
    CoverOpenError,
    PaperJamError,
    PaperOutError,
    PrinterOfflineError,
    PrinterUrlError,
)
from drivers.printer.escpos_emulator import (
    EmulatedReceiptPrinter,
    EscPosStream,
    EscPosTcpEmulator,
    PrintedLine,
    PrintedQr,
)
from drivers.printer.receipt import PaperLevel, open_receipt_printer
from drivers.printer.receipt_sim import SimReceiptPrinter
from drivers.printer.slips import ApplicationSlip, Receipt, ReceiptLine, RefundSlip, two_columns

WHEN = dt.datetime(2026, 11, 27, 10, 15)
REFUND = RefundSlip(
    slip_number="KIOSK-07-00000012",
    kiosk_id="KIOSK-07",
    reference="R-2026-000124",
    issued_at=WHEN,
    inserted_yen=1000,
    fee_kept_yen=300,
    change_paid_yen=580,
    refund_owed_yen=120,
    reason="change_unavailable",
)
RECEIPT = Receipt(
    municipality="架空市",
    issued_at=WHEN,
    lines=[ReceiptLine("住民票の写し", 1, 300), ReceiptLine("印鑑登録証明書", 2, 600)],
    total_yen=900,
    inserted_yen=1000,
    change_yen=100,
    kiosk_id="KIOSK-07",
    transaction_id="R-2026-000123",
)


def test_receipt_fields_one_by_one(escpos_emulator: EscPosTcpEmulator) -> None:
    open_receipt_printer(escpos_emulator.url).print_receipt(RECEIPT)

    [ticket] = escpos_emulator.device.wait_for_tickets(1)
    assert ticket.cut
    lines = ticket.lines
    assert lines[0] == PrintedLine("領収書", "center", True, True, True)
    assert lines[1] == PrintedLine("架空市", "center")
    assert lines[3].text == two_columns("発行日時", "2026年11月27日 10:15")
    assert lines[4].text == "-" * 42
    assert lines[5].text == two_columns("住民票の写し ×1", "300円")
    assert lines[6].text == two_columns("印鑑登録証明書 ×2", "600円")
    assert lines[8].text == two_columns("合計", "900円")
    assert lines[9].text == two_columns("お預かり", "1,000円")
    assert lines[10].text == two_columns("お釣り", "100円")
    assert lines[12].text == two_columns("端末番号", "KIOSK-07")
    assert lines[13].text == two_columns("取引番号", "R-2026-000123")
    assert all(not line.double_width for line in lines[1:])
    assert ticket.qr_codes == []
    assert escpos_emulator.device.unknown_commands == []
    assert escpos_emulator.device.status_requests == [1, 2, 3, 4]


def test_every_layout_fits_the_paper() -> None:
    printer = SimReceiptPrinter()
    printer.print_receipt(RECEIPT)
    printer.print_refund_slip(REFUND)
    printer.print_application_slip(ApplicationSlip("架空市", "A-2026-0042", WHEN, "KIOSK-07"))
    assert len(printer.tray) == 3
    for line in (line for ticket in printer.tray for line in ticket.lines):
        width = len(line.text.encode("cp932"))
        assert width <= (21 if line.double_width else 42), line.text


def test_application_slip_carries_number_and_its_qr(escpos_emulator: EscPosTcpEmulator) -> None:
    slip = ApplicationSlip("架空市", "A-2026-0042", WHEN, "KIOSK-07")
    open_receipt_printer(escpos_emulator.url).print_application_slip(slip)

    [ticket] = escpos_emulator.device.wait_for_tickets(1)
    assert ticket.lines[0] == PrintedLine("利用登録申請 受付票", "center", True, True, True)
    assert PrintedLine("A-2026-0042", "center", True, True, True) in ticket.lines
    assert ticket.qr_codes == [PrintedQr("A-2026-0042", 6, "M")]
    qr_index = ticket.items.index(ticket.qr_codes[0])
    assert ticket.items[qr_index - 1] == PrintedLine("A-2026-0042", "center", True, True, True)
    assert two_columns("受付日時", "2026年11月27日 10:15") in ticket.text
    assert "審査には1～3開庁日かかります。" in ticket.text


def test_refund_slip_fields(escpos_emulator: EscPosTcpEmulator) -> None:
    refund = REFUND
    open_receipt_printer(escpos_emulator.url).print_refund_slip(refund)

    [ticket] = escpos_emulator.device.wait_for_tickets(1)
    lines = ticket.lines
    assert lines[0] == PrintedLine("返金票", "center", True, True, True)
    assert lines[2].text == two_columns("返金票番号", "KIOSK-07-00000012")
    assert lines[3].text == two_columns("発行日時", "2026年11月27日 10:15")
    assert lines[4].text == two_columns("端末番号", "KIOSK-07")
    assert lines[5].text == two_columns("取引番号", "R-2026-000124")
    assert lines[7].text == two_columns("投入金額", "1,000円")
    assert lines[8].text == two_columns("手数料", "300円")
    assert lines[9].text == two_columns("払出済み", "580円")
    assert lines[10] == PrintedLine(two_columns("返金額", "120円", 21), "left", True, True, True)
    assert lines[12].text == "お釣りを払い出せませんでした。"


@dataclass(frozen=True)
class Notice:
    """The short form of a refund: amount, request, kiosk, time."""

    amount_yen: int
    reference: str
    kiosk_id: str
    issued_at: dt.datetime


def test_short_refund_notice_prints_the_amount() -> None:
    printer = SimReceiptPrinter()
    printer.print_refund_slip(Notice(80, "R-2026-000125", "KIOSK-07", WHEN))
    [ticket] = printer.tray
    assert ticket.lines[0] == PrintedLine("返金票", "center", True, True, True)
    assert ticket.lines[2].text == two_columns("発行日時", "2026年11月27日 10:15")
    assert PrintedLine(two_columns("返金額", "80円", 21), "left", True, True, True) in ticket.lines
    assert two_columns("取引番号", "R-2026-000125") in ticket.text


def test_no_personal_data_fields_exist_on_a_receipt() -> None:
    assert set(Receipt.__dataclass_fields__) == {
        "municipality",
        "issued_at",
        "lines",
        "total_yen",
        "inserted_yen",
        "change_yen",
        "refund_owed_yen",
        "kiosk_id",
        "transaction_id",
    }


def test_paper_end_refuses_before_printing(escpos_emulator: EscPosTcpEmulator) -> None:
    escpos_emulator.device.paper_end = True
    printer = open_receipt_printer(escpos_emulator.url)
    status = printer.status()
    assert status.paper is PaperLevel.END
    assert not status.online
    assert not status.ready
    with pytest.raises(PaperOutError):
        printer.print_receipt(RECEIPT)
    assert escpos_emulator.device.tickets == []
    assert escpos_emulator.device.dropped_bytes == 0


def test_near_end_still_prints(escpos_emulator: EscPosTcpEmulator) -> None:
    escpos_emulator.device.paper_near_end = True
    printer = open_receipt_printer(escpos_emulator.url)
    assert printer.status().paper is PaperLevel.NEAR_END
    assert printer.status().ready
    printer.print_receipt(RECEIPT)
    assert len(escpos_emulator.device.wait_for_tickets(1)) == 1


def test_cover_open_and_cutter_jam_are_told_apart() -> None:
    printer = SimReceiptPrinter()
    printer.cover_open = True
    assert printer.status().cover_open
    with pytest.raises(CoverOpenError):
        printer.print_receipt(RECEIPT)
    printer.cover_open = False
    printer.jam = True
    with pytest.raises(PaperJamError):
        printer.print_receipt(RECEIPT)
    printer.jam = False
    printer.print_receipt(RECEIPT)
    assert len(printer.take_all()) == 1
    assert printer.tray == []


def test_unreachable_printer_is_offline() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(PrinterOfflineError, match="cannot open"):
        open_receipt_printer(f"escpos+tcp://127.0.0.1:{port}").status()


@pytest.fixture
def mute_listener() -> Iterator[int]:
    """A TCP port that accepts connections but never answers."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        yield server.getsockname()[1]


def test_printer_that_never_answers_status_is_offline(mute_listener: int) -> None:
    printer = open_receipt_printer(f"escpos+tcp://127.0.0.1:{mute_listener}?timeout=0.2")
    with pytest.raises(PrinterOfflineError):
        printer.print_receipt(RECEIPT)


def test_parser_handles_any_split_of_the_stream() -> None:
    dummy = Dummy()
    dummy.hw("INIT")
    dummy._raw(b"\x1cC\x01")
    dummy.set(align="right", bold=True)
    dummy._raw(b"\x1c&" + "金額 300円".encode("cp932") + b"\x1c.\n")
    dummy.qr("A-1", native=True, size=4)
    dummy.cut()
    data = dummy.output
    device = EmulatedReceiptPrinter()
    stream = EscPosStream(device)
    for index in range(len(data)):
        assert stream.feed(data[index : index + 1]) == b""
    [ticket] = device.tickets
    assert ticket.items == [PrintedLine("金額 300円", "right", True), PrintedQr("A-1", 4, "L")]


def test_status_bytes_follow_the_dle_eot_bit_layout() -> None:
    device = EmulatedReceiptPrinter()
    stream = EscPosStream(device)
    assert stream.feed(b"\x10\x04\x01\x10\x04\x02\x10\x04\x03\x10\x04\x04") == bytes(
        [0x12, 0x12, 0x12, 0x12]
    )
    device.paper_end = True
    device.cover_open = True
    assert stream.feed(b"\x10\x04\x01\x10\x04\x02\x10\x04\x04") == bytes(
        [0x12 | 0x08, 0x12 | 0x04 | 0x20, 0x12 | 0x0C | 0x60]
    )


@pytest.mark.parametrize(
    "url",
    ["escpos+tcp://", "escpos+usb://zz:01", "lpt:/dev/lp0", "escpos+tcp://h:1?timeout=x"],
)
def test_bad_urls_are_typed_errors(url: str) -> None:
    with pytest.raises(PrinterUrlError):
        open_receipt_printer(url)


def test_usb_and_serial_urls_make_printers_that_report_missing_devices() -> None:
    for url in ("escpos+serial:///dev/nonexistent-tty?baudrate=38400", "escpos+usb://04b8:0e15"):
        with pytest.raises(PrinterOfflineError):
            open_receipt_printer(url).status()
