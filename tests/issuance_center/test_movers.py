"""Demo residents whose 本籍 is in another demo municipality, through the center."""

from __future__ import annotations

from issuance_contract.certificates import CertificateType
from issuance_contract.messages import AuthSession, Route
from issuance_server.demo_movers import movers
from tests.issuance_center.conftest import KIYOSHI, MIHON, Network, login

T = CertificateType


def _offers(session: AuthSession) -> dict[CertificateType, str | None]:
    return {o.certificate_type: None if o.available else o.reason_code for o in session.offers}


def test_a_mover_meets_where_they_live_by_the_card_and_their_honseki_by_choice(
    network: Network,
) -> None:
    from_kiyoshi = [m for m in movers() if m.honseki.code == KIYOSHI]
    assert [m.residence.code for m in from_kiyoshi] == [MIHON] * 3
    assert [m.registration.value if m.registration else None for m in from_kiyoshi] == [
        "approved",
        "pending",
        None,
    ]
    card = network.sites[KIYOSHI].cards  # the movers' cards are issued with 架空市's serials
    approved, pending, unregistered = (card[m.person.id] for m in from_kiyoshi)
    link = network.link()
    at_home = login(link, approved)  # 住所地: the center finds 見本町 by the card
    assert at_home.municipality_code == MIHON
    offers = _offers(at_home)
    assert offers[T.JUMINHYO] is None
    assert offers[T.KOSEKI_ZENBU] == "honseki_elsewhere"
    at_honseki = login(link, approved, Route.HONSEKI, KIYOSHI)
    assert at_honseki.municipality_code == KIYOSHI
    offers = _offers(at_honseki)
    assert offers[T.KOSEKI_ZENBU] is None  # registered and approved
    assert offers[T.JUMINHYO] == "not_resident"
    for waiting in (pending, unregistered):
        offers = _offers(login(link, waiting, Route.HONSEKI, KIYOSHI))
        assert offers[T.KOSEKI_ZENBU] == "honseki_elsewhere_unregistered"
