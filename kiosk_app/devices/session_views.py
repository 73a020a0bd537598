"""The server's wire messages as the session's model holds them, and back (member names stay in
the session)."""

from __future__ import annotations

from issuance_contract.messages import Issuance, Offer, OrderItem
from kiosk_app.payment.outcomes import PaymentOutcome
from kiosk_app.session.model import (
    DocumentView,
    IssuanceView,
    OfferView,
    OrderLine,
    PaymentResult,
)
from kiosk_app.session.options import MEMBERS, needs_members


def payment_result(outcome: PaymentOutcome) -> PaymentResult:
    """The session's view of a payment outcome."""
    return PaymentResult(
        inserted_yen=outcome.inserted_yen,
        fee_kept_yen=outcome.fee_kept_yen,
        change_paid_yen=outcome.change_paid_yen,
        refund_owed_yen=outcome.refund_owed_yen,
        refund_slip=outcome.refund_slip,
    )


def offer_view(offer: Offer) -> OfferView:
    """The kiosk's view of a server offer (member names kept only in the session)."""
    members = tuple(
        (str(m["id"]), str(m["name"]))
        for m in offer.options.get("members", [])
        if isinstance(m, dict) and "id" in m and "name" in m
    )
    return OfferView(
        certificate_type=offer.certificate_type,
        fee_yen=offer.fee_yen,
        available=offer.available,
        reason_code=offer.reason_code,
        members=members,
        individual_number_allowed=bool(offer.options.get("individual_number_allowed", False)),
    )


def order_item(line: OrderLine) -> OrderItem:
    """A basket line as the server's order item."""
    options: dict[str, object] = dict(line.options)
    if needs_members(line.certificate_type, line.options) and line.members:
        options[MEMBERS] = list(line.members)
    return OrderItem(certificate_type=line.certificate_type, options=options, copies=line.copies)


def issuance_view(issuance: Issuance) -> IssuanceView:
    """The server's issuance as the session holds it."""
    return IssuanceView(
        request_id=issuance.request_id,
        total_fee_yen=issuance.total_fee_yen,
        documents=[
            DocumentView(d.document_id, d.certificate_type, d.copies, d.pdf, list(d.page_codes))
            for d in issuance.documents
        ],
    )
