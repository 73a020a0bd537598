"""The one object that holds every personal datum of a session, and its wipe."""

from __future__ import annotations

from dataclasses import dataclass, field

from issuance_contract.logging_setup import SESSION_SECRETS
from kiosk_app.session.model import (
    IssuanceView,
    MunicipalityView,
    OfferView,
    OrderLine,
    PaymentProgress,
    RegistrationEntry,
    RouteChoice,
)
from kiosk_app.session.pin import PinBuffer
from kiosk_app.session.steps import Notice


@dataclass
class RegistrationDraft:
    """The registration form while it is being typed (text fields as the keypads fill them)."""

    honseki_town: str = ""
    honseki_banchi: str = ""
    hittosha_reading: str = ""
    phone: str = ""
    birth_date: str = ""
    card_expiry: str = ""
    security_code: str = ""
    entry: RegistrationEntry | None = None
    application_number: str = ""


@dataclass
class SessionData:
    """Everything a session knows about its person; ``wipe()`` forgets all of it."""

    pin: PinBuffer = field(default_factory=PinBuffer)
    tries_left: int | None = None
    pin_error: Notice | None = None
    token: str | None = None
    #: a store kiosk: the municipality chosen (a 本籍地 says where the person's 本籍 is)
    route: RouteChoice | None = None
    municipalities: list[MunicipalityView] = field(default_factory=list)
    prefecture: str = ""
    municipality_name: str = ""
    offers: list[OfferView] = field(default_factory=list)
    basket: list[OrderLine] = field(default_factory=list)
    editing: OrderLine | None = None
    issuance: IssuanceView | None = None
    payment: PaymentProgress = field(default_factory=PaymentProgress)
    change_yen: int = 0
    sheets_done: int = 0
    sheets_total: int = 0
    registration: RegistrationDraft = field(default_factory=RegistrationDraft)
    status_number: str = ""
    status_result: str = ""
    notice: Notice | None = None
    asking_more_time: bool = False

    def remember_secret(self, *values: str) -> None:
        """Register personal values so that the logs mask them while the session lives."""
        SESSION_SECRETS.add(*values)

    def wipe(self) -> None:
        """Zero the PIN, drop PDFs, tokens, the form and everything else personal."""
        self.pin.clear()
        if self.issuance is not None:
            for document in self.issuance.documents:
                document.pdf = b""
                document.page_codes.clear()
            self.issuance.documents.clear()
        self.issuance = None
        self.tries_left = None
        self.pin_error = None
        self.token = None
        self.route = None
        self.municipalities.clear()
        self.prefecture = ""
        self.municipality_name = ""
        self.offers.clear()
        self.basket.clear()
        self.editing = None
        self.payment = PaymentProgress()
        self.change_yen = 0
        self.sheets_done = self.sheets_total = 0
        self.registration = RegistrationDraft()
        self.status_number = ""
        self.status_result = ""
        self.notice = None
        self.asking_more_time = False
        SESSION_SECRETS.clear()
