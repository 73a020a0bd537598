"""The messages between the kiosk and the issuance server (embedded or over HTTPS)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo

from issuance_contract.certificates import CertificateType
from issuance_contract.text_safety import unsafe_characters

_JSON_BYTES = ConfigDict(
    extra="forbid", frozen=True, ser_json_bytes="base64", val_json_bytes="base64"
)

MAX_CERTIFICATE_BYTES = 8192
MAX_SIGNATURE_BYTES = 1024
MAX_ITEMS = 5  # certificates in one order
MAX_COPIES = 10  # copies of one certificate


class _Message(BaseModel):
    model_config = _JSON_BYTES


class Challenge(_Message):
    """A single-use nonce for the card to sign."""

    challenge_id: str
    nonce: bytes


class Route(StrEnum):
    """Which municipality a store kiosk's session is for (chosen by the person)."""

    RESIDENCE = "residence"  # 住所地: the municipality the card belongs to
    HONSEKI = "honseki"  # 本籍地: the municipality the person picks


class RoutedChallengeRequest(_Message):
    """A store kiosk asks the relay center for a challenge of the municipality of ``route``.

    The center checks the card certificate and routes by it (住所地) or by the code (本籍地).
    """

    route: Route
    certificate_der: Annotated[bytes, Field(min_length=1, max_length=MAX_CERTIFICATE_BYTES)]
    municipality_code: Annotated[str | None, Field(pattern=r"^\d{6}$")] = None


class MunicipalityEntry(_Message):
    """One participating municipality as a store kiosk lists it (what it offers)."""

    code: str
    name: str
    prefecture: str
    residence: bool  # 住所地 certificates
    honseki: bool  # 本籍地 certificates
    registration: bool  # 本籍地 利用登録


class Directory(_Message):
    """The participating municipalities, for the 本籍地 choice."""

    municipalities: list[MunicipalityEntry]


class AuthenticationRequest(_Message):
    """The card's certificate and its signature over the nonce."""

    challenge_id: Annotated[str, Field(min_length=1, max_length=64)]
    certificate_der: Annotated[bytes, Field(min_length=1, max_length=MAX_CERTIFICATE_BYTES)]
    signature: Annotated[bytes, Field(min_length=1, max_length=MAX_SIGNATURE_BYTES)]


class Offer(_Message):
    """One certificate type as offered to the authenticated person."""

    certificate_type: CertificateType
    fee_yen: int
    available: bool
    reason_code: str | None = None
    options: dict[str, Any] = Field(default_factory=dict)


class AuthSession(_Message):
    """A short-lived session token bound to one kiosk and one person, with the offers.

    ``applicant_id`` is the opaque id every document of this session carries.
    """

    token: str
    offers: list[Offer]
    applicant_id: str = ""
    municipality_code: str = ""
    municipality_name: str = ""


class OrderItem(_Message):
    """One certificate in an order; ``options`` depend on the type (see issuance_server.options)."""

    certificate_type: CertificateType
    options: Annotated[dict[str, Any], Field(max_length=8)] = Field(default_factory=dict)
    copies: Annotated[int, Field(ge=1, le=MAX_COPIES)] = 1


class IssueRequest(_Message):
    """An order of one to five certificates.

    ``recipient_key`` (an ephemeral X25519 public key of the requesting kiosk session) asks the
    server to seal every PDF for it, so that a relay center passes on what it cannot read.
    """

    items: Annotated[list[OrderItem], Field(min_length=1, max_length=MAX_ITEMS)]
    recipient_key: Annotated[bytes | None, Field(min_length=32, max_length=32)] = None


class IssuedDocument(_Message):
    """One rendered certificate, bound to one request and one applicant."""

    request_id: str
    document_id: str
    applicant_id: str
    certificate_type: CertificateType
    copies: int
    pdf: bytes  # sealed (see issuance_contract.sealing) when the request gave a recipient_key
    page_codes: list[str]
    fee_yen: int = 0  # of all its copies


class Issuance(_Message):
    """The documents of one request; ``sealed_by`` is the server's ephemeral X25519 key when
    the PDFs are sealed for the request's ``recipient_key``."""

    request_id: str
    total_fee_yen: int
    documents: list[IssuedDocument]
    sealed_by: bytes | None = None


class OutcomeReport(_Message):
    """What the kiosk printed and charged for a request (the fee is per copy).

    ``printed_copies``: every document a copy of which came out whole, with how many of its
    copies did (a copy with a sheet missing is not a certificate: neither counted nor charged;
    a document not named printed nothing). ``printed_documents`` is the older shape, read only
    from older kiosks and from what a kiosk queued before copies were counted: the documents
    every copy of which came out. A kiosk of this version leaves it empty.
    """

    fee_charged_yen: Annotated[int, Field(ge=0, le=1_000_000)]
    printed_copies: Annotated[
        dict[str, Annotated[int, Field(ge=1, le=MAX_COPIES)]], Field(max_length=50)
    ] = Field(default_factory=dict)
    printed_documents: Annotated[list[str], Field(max_length=50)] = Field(default_factory=list)

    @classmethod
    def all_printed(cls, issuance: Issuance) -> OutcomeReport:
        """The report of a request every copy of which came out whole, its whole fee kept."""
        return cls(
            fee_charged_yen=issuance.total_fee_yen,
            printed_copies={d.document_id: d.copies for d in issuance.documents},
        )


#: Validation context for text read back from the database (checked when it was received).
STORED_TEXT = {"stored": True}


def _printable(text: str, info: ValidationInfo) -> str:
    if info.context is not None and info.context.get("stored"):
        return text
    unsafe = unsafe_characters(text)
    if unsafe:
        raise ValueError(f"control or format characters are not allowed: {' '.join(unsafe)}")
    return text


#: Text a person typed: no control, bidi or other invisible characters (also after NFKC).
PlainText = Annotated[str, AfterValidator(_printable)]


class RegistrationForm(_Message):
    """本籍地 利用登録申請: the items the seed lists (the card itself is the authenticated one)."""

    honseki: Annotated[PlainText, Field(min_length=1, max_length=200)]
    hittosha: Annotated[PlainText, Field(min_length=1, max_length=100)]
    hittosha_kana: Annotated[PlainText, Field(min_length=1, max_length=100)]
    phone: Annotated[str, Field(pattern=r"^[0-9-]{10,13}$")]
    birth_date: dt.date
    card_expiry: dt.date
    card_security_code: Annotated[str, Field(pattern=r"^[0-9]{4}$")]


class RegistrationState(StrEnum):
    """Where a usage registration stands."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    UNKNOWN = "unknown"


class RegistrationStatus(_Message):
    """A status lookup by 申請番号: no personal data at all."""

    number: str
    state: RegistrationState
    submitted_on: dt.date | None = None
    decided_on: dt.date | None = None


class SubmittedRegistration(_Message):
    """The 申請番号 given for a submitted registration."""

    number: str


class ErrorReply(_Message):
    """A refusal or error over HTTP."""

    reason_code: str
    detail: str = ""
