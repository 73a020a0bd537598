"""Kiosk-side values a session works with (kept apart from the server's and drivers' types)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from issuance_contract.certificates import CertificateType

#: The most copies of one certificate a person may order in one session.
MAX_COPIES = 10


@dataclass(frozen=True)
class OfferView:
    """What the server says this person may get now: fee per copy, or the reason why not."""

    certificate_type: CertificateType
    fee_yen: int
    available: bool
    reason_code: str | None = None
    #: The persons this certificate may cover: (id, name) pairs, personal data.
    members: tuple[tuple[str, str], ...] = ()
    individual_number_allowed: bool = False


@dataclass(frozen=True)
class MunicipalityView:
    """A municipality a store kiosk can serve, from the relay center's directory."""

    code: str
    name: str
    prefecture: str
    residence: bool  # 住所地 certificates
    honseki: bool  # 本籍地 certificates
    registration: bool  # 本籍地 利用登録


@dataclass(frozen=True)
class RouteChoice:
    """Which municipality a store kiosk's session is for: 住所地 (the card's) or a picked 本籍地."""

    honseki: bool
    code: str | None = None
    name: str = ""


class AuthResult(NamedTuple):
    """An opened server session: its token, this person's offers, the municipality serving."""

    token: str
    offers: list[OfferView]
    municipality_name: str = ""


@dataclass
class OrderLine:
    """One certificate type in the basket, with its options and number of copies."""

    certificate_type: CertificateType
    fee_yen: int
    options: dict[str, str | bool] = field(default_factory=dict)
    members: list[str] = field(default_factory=list)
    copies: int = 1

    @property
    def amount_yen(self) -> int:
        """Fee for all copies."""
        return self.fee_yen * self.copies


@dataclass
class DocumentView:
    """One issued document, bound to one request and one applicant (PDF kept in memory only)."""

    document_id: str
    certificate_type: CertificateType
    copies: int
    pdf: bytes
    page_codes: list[str]


@dataclass
class IssuanceView:
    """The server's answer to an order: the request id, the total fee and the documents."""

    request_id: str
    total_fee_yen: int
    documents: list[DocumentView]


@dataclass(frozen=True)
class PaymentProgress:
    """Money shown on the payment screen."""

    due_yen: int = 0
    credit_yen: int = 0
    remaining_yen: int = 0


@dataclass(frozen=True)
class PaymentResult:
    """How a payment ended, from the money journal: the coins put in (``inserted_yen``), the
    fee kept, the coins paid back (change or returned credit) and any refund owed (with its
    slip, opaque). A refund settles only part of a payment: its ``fee_kept_yen`` is then the
    fee given back, negative, and ``inserted_yen`` 0."""

    inserted_yen: int
    fee_kept_yen: int
    change_paid_yen: int
    refund_owed_yen: int
    refund_slip: object | None = None


@dataclass(frozen=True)
class PrintReport:
    """How printing ended: the copies of each document that came out whole (document id →
    copies; a copy with a sheet missing is not counted), the sheets, the fault if any, and the
    fee kept for what was printed (the fee is per copy; the one place it is computed: the
    services, from the order), with the copies it was kept for out of those ordered (the
    figures journaled and reported, for what the person is told)."""

    copies_printed: dict[str, int]
    sheets_printed: int
    completed: bool
    paper_out: bool = False
    reason: str = ""
    fee_kept_yen: int = 0
    copies_out: int = 0
    copies_ordered: int = 0


@dataclass(frozen=True)
class ReceiptInfo:
    """What the receipt shows: no personal data, only the request, items and money."""

    request_id: str
    lines: list[tuple[CertificateType, int, int]]
    total_yen: int  # the fees
    inserted_yen: int  # the coins put in (from the journal)
    change_yen: int  # the coins paid back
    refund_owed_yen: int  # change the hoppers could not pay (on a refund slip)
    issued_at: dt.datetime
    municipality: str = ""  # the issuing municipality (a store kiosk); empty: the kiosk's own


@dataclass(frozen=True)
class RegistrationEntry:
    """The usage-registration form as entered at the kiosk."""

    honseki_town: str
    honseki_banchi: str
    hittosha_reading: str
    phone: str
    birth_date: dt.date
    card_expiry: dt.date
    security_code: str
    municipality: str = ""  # a store kiosk: the 本籍地 chosen; empty: the kiosk's own city
