"""The outbox over the https link: a message no URL or header can carry does not stop the queue."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pytest

from issuance_contract.certificates import CertificateType
from issuance_contract.errors import UnsendableCallError
from issuance_contract.messages import Issuance, OrderItem, OutcomeReport
from issuance_server.demo_data import DemoCard
from issuance_server.embedded_link import EmbeddedCenterLink
from issuance_server.registry import Registry
from kiosk_app.outbox import FlushResult, Outbox
from tests.support.server import KIOSKS, Center, full_resident, sign

KIOSK = KIOSKS[0]


def _issue(center: Center, card: DemoCard, key: str) -> Issuance:
    """One 住民票 issued to ``card`` at the kiosk, its session ended (in the server's process)."""
    link = EmbeddedCenterLink(center.service, KIOSK)
    challenge = link.start_authentication()
    session = link.authenticate(
        challenge.challenge_id, card.keys().auth_certificate_der, sign(card, challenge.nonce)
    )
    issued = link.issue(session.token, [OrderItem(certificate_type=CertificateType.JUMINHYO)], key)
    link.end_session(session.token)
    return issued


LONG_ID = "R" * 70_000


def _long_report(outbox: Outbox) -> None:
    outbox.add_report(LONG_ID, OutcomeReport(fee_charged_yen=0))


UNSENDABLE: dict[str, tuple[Callable[[Outbox], None], list[tuple[str, str]]]] = {
    "a request id too long for a URL": (
        _long_report,
        [(LONG_ID, UnsendableCallError.__name__)],  # a report: kept aside
    ),
    "a key that is not ASCII": (lambda o: o.add_cancel_by_key("キー-1234"), []),
    "a key with a line break": (lambda o: o.add_cancel_by_key("key\r\nX-Forged: 1"), []),
}


@pytest.mark.parametrize(("add_unsendable", "kept"), UNSENDABLE.values(), ids=UNSENDABLE.keys())
def test_a_message_that_cannot_be_sent_over_https_is_dropped_and_the_others_go_on(
    add_unsendable: Callable[[Outbox], None],
    kept: list[tuple[str, str]],
    tmp_path: Path,
    center: Center,
    registry: Registry,
    cards: dict[str, DemoCard],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Before, a too long id raised httpx.InvalidURL and a non-ASCII key UnicodeEncodeError
    out of the flush, and a key with a line break was taken for the server being down: kept at
    the head of the queue for ever. Now each is refused by the link as unsendable (a report
    kept aside, a cancel logged) and the reports around it reach the municipality."""
    people = [full_resident(registry, skip=n) for n in (5, 6)]
    before, after = (
        _issue(center, cards[person.id], f"https-unsendable-{n}-{tmp_path.name[-12:]}")
        for n, person in enumerate(people)
    )
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    outbox.add_report(before.request_id, OutcomeReport.all_printed(before))
    add_unsendable(outbox)
    outbox.add_report(after.request_id, OutcomeReport.all_printed(after))
    link = center.link(KIOSK)
    try:
        with caplog.at_level(logging.ERROR, logger="kiosk_app.outbox"):
            assert outbox.flush(link) == FlushResult(sent=2, refused=1, left=0)
    finally:
        link.close()
    assert "cannot be sent (cannot be sent:" in caplog.text
    for request in (before, after):
        row = center.service.store.issuance(request.request_id)
        assert row is not None
        assert (row.status, row.fee_charged_yen) == ("printed", 200)
    assert [(r.request_id, r.reason) for r in outbox.refused_reports()] == kept
    outbox.close()
