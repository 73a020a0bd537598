"""What the receipt printer prints: 領収書, 申請番号 slip, 返金票 (never personal data)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

#: Characters per line in font A on 80 mm paper (a full-width character takes two).
COLUMNS = 42
FS_SHIFT_JIS = b"\x1cC\x01"
FS_KANJI_ON = b"\x1c&"
FS_KANJI_OFF = b"\x1c."


@dataclass(frozen=True)
class ReceiptLine:
    """One item on a receipt: what (e.g. 住民票の写し), how many copies, and its fee in yen."""

    label: str
    copies: int
    fee_yen: int


@dataclass(frozen=True)
class Receipt:
    """The 領収書: municipality, time, items and money, kiosk and transaction ids."""

    municipality: str
    issued_at: dt.datetime
    lines: Sequence[ReceiptLine]
    total_yen: int  # 合計: the fees
    inserted_yen: int  # お預かり: the coins put in
    change_yen: int  # お釣り: the coins paid back
    kiosk_id: str
    transaction_id: str
    refund_owed_yen: int = 0  # 返金票: change the hoppers could not pay

    def __post_init__(self) -> None:
        """合計 + お釣り (+ 返金票) = お預かり on every receipt."""
        if self.total_yen + self.change_yen + self.refund_owed_yen != self.inserted_yen:
            raise ValueError(
                f"receipt amounts do not add up: {self.total_yen} + {self.change_yen} + "
                f"{self.refund_owed_yen} != {self.inserted_yen}"
            )


@dataclass(frozen=True)
class ApplicationSlip:
    """The slip handed out after a usage-registration application: its 申請番号 and a QR of it."""

    municipality: str
    application_number: str
    submitted_at: dt.datetime
    kiosk_id: str
    notes: Sequence[str] = field(
        default=(
            "審査には1～3開庁日かかります。",
            "審査状況は申請番号で確認できます。",
        )
    )


class RefundNotice(Protocol):
    """The least a 返金票 needs: the amount owed, the request, the kiosk and the time."""

    @property
    def amount_yen(self) -> int:
        """Money owed back to the user."""

    @property
    def reference(self) -> str:
        """The request id (never personal data)."""

    @property
    def kiosk_id(self) -> str:
        """The kiosk that owes the money."""

    @property
    def issued_at(self) -> dt.datetime:
        """When the refund became owed."""


@dataclass(frozen=True)
class RefundSlip:
    """The full 返金票 of a payment: what went in, the fee kept, what came back, what is owed.

    ``inserted_yen`` = ``fee_kept_yen`` + ``change_paid_yen`` + ``refund_owed_yen``.
    """

    slip_number: str  # the kiosk id and the journal's number for the debt
    kiosk_id: str
    reference: str  # the request id (never personal data)
    issued_at: dt.datetime
    inserted_yen: int  # coins put in
    fee_kept_yen: int  # fee kept (for documents delivered)
    change_paid_yen: int  # coins paid back (change or returned credit)
    refund_owed_yen: int  # money owed back to the person: this slip
    reason: str  # why the kiosk could not pay it (a reason code)


#: Refund reason codes as printed; an unknown code is printed as it is.
REFUND_REASONS = {
    "change_unavailable": "お釣りを払い出せませんでした。",
    "timeout": "時間切れで取引を終了しました。",
    "cancelled": "取引を取り消しました。",
    "restart": "端末が再起動しました。",
    "print_failed": "証明書を印刷できませんでした。",
    "not_printed": "証明書を印刷できませんでした。",
    "journal_failed": "取引を記録できないため、硬貨を払い出せませんでした。",
}


def display_width(text: str) -> int:
    """Columns ``text`` takes on the printer: a double-byte Shift_JIS character takes two."""
    return len(text.encode("cp932", errors="replace"))


def two_columns(left: str, right: str, columns: int = COLUMNS) -> str:
    """``left`` and ``right`` on one line, the right one flush right."""
    gap = max(1, columns - display_width(left) - display_width(right))
    return f"{left}{' ' * gap}{right}"


def yen(amount: int) -> str:
    """An amount as printed: 1,234円."""
    return f"{amount:,}円"


def timestamp(moment: dt.datetime) -> str:
    """A date and time as printed: 2026年11月27日 10:15."""
    return f"{moment.year}年{moment.month}月{moment.day}日 {moment:%H:%M}"


class _Writer:
    """Writes layouts through a python-escpos printer, Japanese text in Shift_JIS kanji mode."""

    def __init__(self, printer: Any) -> None:
        self.printer = printer

    def start(self) -> None:
        self.printer.hw("INIT")
        self.printer._raw(FS_SHIFT_JIS)

    def line(self, text: str = "", *, align: str = "left", big: bool = False) -> None:
        self.printer.set(
            align=align, bold=big, double_width=big, double_height=big, normal_textsize=not big
        )
        encoded = text.encode("cp932", errors="replace")
        self.printer._raw(FS_KANJI_ON + encoded + FS_KANJI_OFF + b"\n")

    def rule(self) -> None:
        self.line("-" * COLUMNS)

    def qr(self, data: str) -> None:
        self.printer.set(align="center", normal_textsize=True)
        self.printer.qr(data, native=True, size=6, ec=1)  # 1 = QR_ECLEVEL_M

    def finish(self) -> None:
        self.printer.cut()


def write_receipt(printer: Any, receipt: Receipt) -> None:
    """Lay out a 領収書 on ``printer`` (a python-escpos printer) and cut."""
    out = _Writer(printer)
    out.start()
    out.line("領収書", align="center", big=True)
    out.line(receipt.municipality, align="center")
    out.line()
    out.line(two_columns("発行日時", timestamp(receipt.issued_at)))
    out.rule()
    for item in receipt.lines:
        out.line(two_columns(f"{item.label} ×{item.copies}", yen(item.fee_yen)))
    out.rule()
    out.line(two_columns("合計", yen(receipt.total_yen)))
    out.line(two_columns("お預かり", yen(receipt.inserted_yen)))
    out.line(two_columns("お釣り", yen(receipt.change_yen)))
    if receipt.refund_owed_yen:
        out.line(two_columns("お釣り（返金票）", yen(receipt.refund_owed_yen)))
    out.rule()
    out.line(two_columns("端末番号", receipt.kiosk_id))
    out.line(two_columns("取引番号", receipt.transaction_id))
    out.line("上記の金額を証明書交付手数料として")
    out.line("領収しました。")
    out.finish()


def write_application_slip(printer: Any, slip: ApplicationSlip) -> None:
    """Lay out a 申請番号 slip with a QR code of the number, and cut."""
    out = _Writer(printer)
    out.start()
    out.line("利用登録申請 受付票", align="center", big=True)
    out.line(slip.municipality, align="center")
    out.line()
    out.line("申請番号", align="center")
    out.line(slip.application_number, align="center", big=True)
    out.qr(slip.application_number)
    out.line(two_columns("受付日時", timestamp(slip.submitted_at)))
    out.line(two_columns("端末番号", slip.kiosk_id))
    out.rule()
    for note in slip.notes:
        out.line(note)
    out.finish()


def write_refund_slip(printer: Any, slip: RefundSlip | RefundNotice) -> None:
    """Lay out a 返金票 for money the kiosk could not pay back, and cut."""
    out = _Writer(printer)
    out.start()
    out.line("返金票", align="center", big=True)
    out.line()
    if isinstance(slip, RefundSlip):
        out.line(two_columns("返金票番号", slip.slip_number))
    out.line(two_columns("発行日時", timestamp(slip.issued_at)))
    out.line(two_columns("端末番号", slip.kiosk_id))
    out.line(two_columns("取引番号", slip.reference))
    out.rule()
    if isinstance(slip, RefundSlip):
        out.line(two_columns("投入金額", yen(slip.inserted_yen)))
        out.line(two_columns("手数料", yen(slip.fee_kept_yen)))
        out.line(two_columns("払出済み", yen(slip.change_paid_yen)))
        owed, reason = slip.refund_owed_yen, REFUND_REASONS.get(slip.reason, f"理由: {slip.reason}")
    else:
        owed, reason = slip.amount_yen, REFUND_REASONS["change_unavailable"]
    out.line(two_columns("返金額", yen(owed), COLUMNS // 2), big=True)
    out.rule()
    out.line(reason)
    out.line("この票を市役所の窓口にお持ちください。")
    out.finish()
