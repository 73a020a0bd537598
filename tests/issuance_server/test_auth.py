"""Challenge–response authentication: single-use nonces, certificate checks, kiosk-bound tokens."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import msgspec
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID

from drivers.nfc.demo_ca import DemoJpkiCa
from issuance_contract.errors import CenterRefusedError
from issuance_contract.messages import AuthSession
from issuance_server.demo_data import DemoCard, demo_ca
from issuance_server.embedded_link import EmbeddedCenterLink
from issuance_server.registry import Registry
from issuance_server.service import IssuanceService, open_service
from issuance_server.settings import ServerSettings, demo_settings
from tests.support.people import demo_person
from tests.support.server import KIOSK, NOW, Clock, full_resident, sign


def _refused(call: Callable[[], object]) -> str:
    with pytest.raises(CenterRefusedError) as info:
        call()
    return info.value.reason_code


def test_a_good_signature_opens_a_session_with_offers(
    registry: Registry, login: Callable[[str], AuthSession]
) -> None:
    person = full_resident(registry)
    session = login(person.id)
    assert len(session.token) >= 32
    assert {o.certificate_type.value for o in session.offers} == {
        "juminhyo",
        "inkan",
        "koseki_zenbu",
        "koseki_kojin",
        "fuhyo",
    }
    assert all(o.available for o in session.offers)


def test_a_nonce_cannot_be_used_twice(
    registry: Registry, link: EmbeddedCenterLink, cards: dict[str, DemoCard]
) -> None:
    card = cards[full_resident(registry).id]
    challenge = link.start_authentication()
    der = card.keys().auth_certificate_der
    signature = sign(card, challenge.nonce)
    link.authenticate(challenge.challenge_id, der, signature)
    reason = _refused(lambda: link.authenticate(challenge.challenge_id, der, signature))
    assert reason == "replayed_nonce"


def test_unknown_expired_and_foreign_kiosk_challenges_are_refused(
    registry: Registry, service: IssuanceService, cards: dict[str, DemoCard], clock: Clock
) -> None:
    card = cards[full_resident(registry).id]
    der = card.keys().auth_certificate_der
    assert _refused(lambda: service.authenticate(KIOSK, "nope", der, b"x")) == "unknown_challenge"
    ch = service.start_authentication("OTHER-KIOSK")
    assert (
        _refused(lambda: service.authenticate(KIOSK, ch.challenge_id, der, sign(card, ch.nonce)))
        == "wrong_kiosk"
    )
    ch = service.start_authentication(KIOSK)
    clock.now += dt.timedelta(minutes=10)
    assert (
        _refused(lambda: service.authenticate(KIOSK, ch.challenge_id, der, sign(card, ch.nonce)))
        == "challenge_expired"
    )


def test_a_wrong_signature_is_refused(
    registry: Registry, link: EmbeddedCenterLink, cards: dict[str, DemoCard]
) -> None:
    a = cards[full_resident(registry).id]
    b = cards[full_resident(registry, skip=1).id]
    ch = link.start_authentication()
    reason = _refused(
        lambda: link.authenticate(ch.challenge_id, a.keys().auth_certificate_der, sign(b, ch.nonce))
    )
    assert reason == "bad_signature"


def test_garbage_and_untrusted_certificates_are_refused(
    registry: Registry, link: EmbeddedCenterLink, tmp_path: Path
) -> None:
    ch = link.start_authentication()
    assert _refused(lambda: link.authenticate(ch.challenge_id, b"\x30\x03abc", b"s")) == (
        "bad_certificate"
    )
    rogue = DemoJpkiCa.create("Rogue CA")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    serial = registry.cards[0].serial
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    der = rogue.issue_auth_certificate(key.public_key(), serial, now, now + dt.timedelta(days=3000))
    ch = link.start_authentication()
    signature = key.sign(ch.nonce, padding.PKCS1v15(), hashes.SHA256())
    assert _refused(lambda: link.authenticate(ch.challenge_id, der, signature)) == (
        "untrusted_certificate"
    )


@pytest.mark.parametrize(
    ("which", "reason"), [("revoked", "revoked_certificate"), ("expired", "expired_certificate")]
)
def test_revoked_and_expired_cards_are_refused(
    registry: Registry,
    login: Callable[[str], AuthSession],
    which: str,
    reason: str,
) -> None:
    now = dt.datetime(2026, 11, 27, tzinfo=dt.UTC)
    if which == "revoked":
        record = next(c for c in registry.cards if c.revoked and c.not_after > now)
    else:
        record = next(c for c in registry.cards if c.not_after < now and not c.revoked)
    assert _refused(lambda: login(record.person_id)) == reason


def test_revocation_after_issue_of_the_card_is_seen(
    registry: Registry, service: IssuanceService, login: Callable[[str], AuthSession]
) -> None:
    person = full_resident(registry)
    record = next(c for c in registry.cards if c.person_id == person.id)
    service.store.revoke_card(record.serial)
    assert _refused(lambda: login(person.id)) == "revoked_certificate"


def test_children_and_the_dead_are_refused(
    registry: Registry, login: Callable[[str], AuthSession]
) -> None:
    now = dt.datetime(2026, 11, 27, tzinfo=dt.UTC)
    usable = {c.person_id for c in registry.cards if not c.revoked and c.not_after > now}
    child = next(p for p in registry.persons if p.id in usable and p.age_on(now.date()) < 15)
    assert _refused(lambda: login(child.id)) == "under_15"
    dead = next(p for p in registry.persons if p.id in usable and p.deceased_on)
    assert _refused(lambda: login(dead.id)) == "deceased"
    protected = demo_person(registry, NOW, lambda p: bool(p.residence and p.residence.dv_protected))
    assert _refused(lambda: login(protected.id)) == "dv_protected"


def test_tokens_are_bound_to_their_kiosk_and_expire(
    registry: Registry,
    service: IssuanceService,
    login: Callable[[str], AuthSession],
    clock: Clock,
) -> None:
    token = login(full_resident(registry).id).token
    assert _refused(lambda: service.end_session("OTHER-KIOSK", token)) == "wrong_kiosk"
    assert _refused(lambda: service.end_session(KIOSK, "forged")) == "invalid_session"
    clock.now += dt.timedelta(seconds=service.settings.session_seconds + 1)
    assert _refused(lambda: service.end_session(KIOSK, token)) == "session_expired"


def test_an_ended_session_is_refused(
    registry: Registry, link: EmbeddedCenterLink, login: Callable[[str], AuthSession]
) -> None:
    token = login(full_resident(registry).id).token
    link.end_session(token)
    assert _refused(lambda: link.end_session(token)) == "invalid_session"


def test_tokens_are_stored_only_as_hashes(
    registry: Registry, service: IssuanceService, login: Callable[[str], AuthSession]
) -> None:
    token = login(full_resident(registry).id).token
    path = service.settings.database_url.removeprefix("sqlite:///")
    service.store.close()
    assert token.encode() not in Path(path).read_bytes()


def test_a_crl_from_the_jpki_ca_revokes_cards(
    registry: Registry,
    settings: ServerSettings,
    cards: dict[str, DemoCard],
    pki_dir: Path,
    tmp_path: Path,
) -> None:
    revoked, fine = full_resident(registry), full_resident(registry, skip=1)
    crl = tmp_path / "auth.crl"
    crl.write_bytes(demo_ca(pki_dir).crl_der([cards[revoked.id].serial]))
    service = open_service(msgspec.structs.replace(settings, jpki_crl=crl), clock=Clock())
    link = EmbeddedCenterLink(service, KIOSK)

    def log_in(person_id: str) -> object:
        card = cards[person_id]
        ch = link.start_authentication()
        der = card.keys().auth_certificate_der
        return link.authenticate(ch.challenge_id, der, sign(card, ch.nonce))

    try:
        assert _refused(lambda: log_in(revoked.id)) == "revoked_certificate"
        assert log_in(fine.id)
    finally:
        link.close()


def test_a_crl_not_signed_by_the_jpki_ca_is_rejected(
    settings: ServerSettings, tmp_path: Path
) -> None:
    crl = tmp_path / "rogue.crl"
    crl.write_bytes(DemoJpkiCa.create("Rogue CA").crl_der([1]))
    with pytest.raises(ValueError, match="not signed"):
        open_service(msgspec.structs.replace(settings, jpki_crl=crl))


def test_the_database_is_private_to_the_server(service: IssuanceService) -> None:
    path = Path(service.settings.database_url.removeprefix("sqlite:///"))
    assert path.stat().st_mode & 0o077 == 0


def test_a_certificate_that_is_not_for_user_authentication_is_refused(
    registry: Registry, link: EmbeddedCenterLink, pki_dir: Path
) -> None:
    ca = demo_ca(pki_dir)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "JP")]))
        .issuer_name(ca.certificate.subject)
        .public_key(key.public_key())
        .serial_number(registry.cards[0].serial)
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=1000))
        .sign(ca.key, hashes.SHA256())
    )
    ch = link.start_authentication()
    signature = key.sign(ch.nonce, padding.PKCS1v15(), hashes.SHA256())
    der = cert.public_bytes(serialization.Encoding.DER)
    assert _refused(lambda: link.authenticate(ch.challenge_id, der, signature)) == (
        "bad_certificate"
    )


def test_a_city_server_trusts_its_jpki_ca_and_makes_no_demo_keys(
    tmp_path: Path, pki_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    ca_file = tmp_path / "jpki-ca.pem"
    ca_file.write_bytes(demo_ca(pki_dir).certificate.public_bytes(serialization.Encoding.PEM))
    data = tmp_path / "data"
    (data / "pki").mkdir(parents=True)
    (data / "pki" / "ca-key.pem").write_text("left from a demo run", encoding="utf-8")
    settings = msgspec.structs.replace(
        demo_settings(data),
        demo_data=False,
        jpki_ca=ca_file,
        kiosks=["CITY-KIOSK"],
        database=f"sqlite:///{tmp_path / 'registry.sqlite3'}",
    )
    service = open_service(settings)
    service.store.close()
    assert sorted(p.name for p in (data / "pki").iterdir()) == ["ca-key.pem"]
    assert "ca-key.pem is a demo CA key, not trusted here" in caplog.text
