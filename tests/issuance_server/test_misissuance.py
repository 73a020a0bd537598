"""Misissuance never happens: 50+ concurrent kiosks over HTTPS each get only their own documents.

On a loaded host some requests pass the server's time limit: those are cancelled whole (nothing
stored under their idempotency key, nothing returned), which is the other safe outcome.
"""

from __future__ import annotations

import io
import threading
import uuid

from pypdf import PdfReader

from issuance_contract.certificates import CertificateType
from issuance_contract.errors import CenterTimeoutError
from issuance_contract.messages import Issuance, OrderItem
from issuance_server.demo_data import DemoCard
from issuance_server.eras import wareki
from issuance_server.registry import Person, Registry
from issuance_server.verification import verify_page_code
from tests.support.people import demo_person
from tests.support.server import KIOSKS, NOW, Center, sign

CLIENTS = 50


def _eligible(registry: Registry) -> list[Person]:
    persons = []
    for n in range(CLIENTS):
        persons.append(
            demo_person(
                registry,
                NOW,
                lambda p: bool(
                    p.residence and not p.residence.dv_protected and not p.residence.move_out_filed
                ),
                skip=n,
            )
        )
    return persons


def test_fifty_concurrent_kiosks_each_get_only_their_own_documents(
    center: Center, registry: Registry, cards: dict[str, DemoCard]
) -> None:
    persons = _eligible(registry)
    assert len({p.id for p in persons}) == CLIENTS
    for p in persons:
        cards[p.id].keys()  # make the card keys before the race (slow RSA)
    barrier = threading.Barrier(CLIENTS)
    results: dict[str, Issuance] = {}
    cancelled: dict[str, tuple[str, str]] = {}  # person id: (kiosk id, idempotency key)
    errors: list[BaseException] = []

    def kiosk(n: int, person: Person) -> None:
        link = center.link(KIOSKS[n], timeout=60)
        try:
            card = cards[person.id]
            challenge = link.start_authentication()
            session = link.authenticate(
                challenge.challenge_id,
                card.keys().auth_certificate_der,
                sign(card, challenge.nonce),
            )
            items = [
                OrderItem(
                    certificate_type=CertificateType.JUMINHYO,
                    options={
                        "scope": "selected",
                        "members": [person.id],
                        "individual_number": True,
                    },
                )
            ]
            if person.koseki_id:
                items.append(OrderItem(certificate_type=CertificateType.KOSEKI_KOJIN))
            barrier.wait(timeout=60)
            key = uuid.uuid4().hex
            try:
                results[person.id] = link.issue(session.token, items, key)
            except CenterTimeoutError:
                cancelled[person.id] = (KIOSKS[n], key)
        except BaseException as exc:  # collected and re-raised by the test thread
            errors.append(exc)
            barrier.abort()
        finally:
            link.close()

    threads = [threading.Thread(target=kiosk, args=(n, p)) for n, p in enumerate(persons)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors[:3]
    assert results, "every request passed the time limit: nothing was checked"
    assert len(results) + len(cancelled) == CLIENTS
    for kiosk_id, key in cancelled.values():
        assert center.service.store.issuance_by_key(kiosk_id, key) is None
    public = center.service.signing_key.public_key()
    seen_documents: set[str] = set()
    for person in (p for p in persons if p.id in results):
        issuance = results[person.id]
        for document in issuance.documents:
            assert document.request_id == issuance.request_id
            assert document.applicant_id == person.id
            assert document.document_id not in seen_documents
            seen_documents.add(document.document_id)
            reader = PdfReader(io.BytesIO(document.pdf))
            subject = str(reader.metadata.subject if reader.metadata else "")
            assert f"applicant_id={person.id}" in subject
            assert f"request_id={issuance.request_id}" in subject
            text = "".join(page.extract_text() for page in reader.pages)
            if document.certificate_type is CertificateType.JUMINHYO:
                assert person.individual_number in text
            else:
                assert f"【生年月日】{wareki(person.birth_date)}" in text
            assert not any(p.individual_number in text for p in persons if p is not person)
            for code in document.page_codes:
                verdict = verify_page_code(code, public)
                assert verdict.valid
                assert verdict.claim is not None
                assert verdict.claim.document_id == document.document_id
                assert verdict.claim.request_id == issuance.request_id
                assert verdict.claim.issued_on == NOW.date()
        row = center.service.store.issuance(issuance.request_id)
        assert row is not None
        assert row.person_id == person.id
