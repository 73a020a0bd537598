"""The issuance service: authentication, offers, issuance, outcomes and usage registrations.

Every call stands alone: it reads what it needs from the store, binds every document to one
request and one applicant, and keeps no mutable state shared between requests.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
import secrets
import time
import uuid
from collections.abc import Callable

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from issuance_contract.errors import CenterRefusedError, CenterTimeoutError
from issuance_contract.issuance_status import IssuanceStatus
from issuance_contract.messages import (
    MAX_ITEMS,
    AuthSession,
    Challenge,
    Issuance,
    IssuedDocument,
    OrderItem,
    OutcomeReport,
    RegistrationForm,
    RegistrationState,
    RegistrationStatus,
)
from issuance_contract.printed_copies import PrintedCopiesError, copies_printed
from issuance_server.auth import (
    check_card_certificate,
    load_crl,
    token_hash,
    verify_nonce_signature,
)
from issuance_server.database import DuplicateKeyError
from issuance_server.eligibility import Applicant, load_applicant, offers, person_refusal, refusal
from issuance_server.issuance_log import DocumentRow, IssuanceRow, fee_of_copies
from issuance_server.options import AnyOptions, parse_options
from issuance_server.rendering.documents import render_certificate
from issuance_server.rendering.layout import DocumentIds
from issuance_server.session_tables import SessionRow
from issuance_server.settings import TOKYO, ServerSettings
from issuance_server.storage import Store
from issuance_server.verification import PageClaim, sign_page_code

log = logging.getLogger(__name__)
Clock = Callable[[], dt.datetime]
_ASCII_NUMBER = re.compile(r"[0-9]{1,12}")


def _now() -> dt.datetime:
    return dt.datetime.now(TOKYO)


def format_registration_number(number: int) -> str:
    """The printed 申請番号 (8 digits)."""
    return f"{number:08d}"


def parse_registration_number(text: str) -> int | None:
    """The number of a 申請番号 (1 to 12 ASCII digits), or None if it is not one."""
    stripped = text.strip()
    if not _ASCII_NUMBER.fullmatch(stripped):
        return None
    return int(stripped)


def order_digest(items: list[OrderItem]) -> str:
    """SHA-256 of an order in a canonical form (key order and spacing do not count)."""
    canonical = json.dumps(
        [item.model_dump(mode="json") for item in items], sort_keys=True, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


class IssuanceService:
    """The municipality's issuance logic over a store, a trusted JPKI CA and a signing key."""

    def __init__(
        self,
        settings: ServerSettings,
        store: Store,
        ca_certificate: x509.Certificate,
        signing_key: Ed25519PrivateKey,
        clock: Clock = _now,
        crl_serials: frozenset[int] | None = None,
    ) -> None:
        self.settings = settings
        self.store = store
        self._ca = ca_certificate
        self._signing_key = signing_key
        self._clock = clock
        self._crl_serials = crl_serials or frozenset()

    @property
    def jpki_ca(self) -> x509.Certificate:
        """The JPKI CA whose cards this server trusts (the card directory names its issuer)."""
        return self._ca

    @property
    def signing_key(self) -> Ed25519PrivateKey:
        """The key that signs the page verification codes."""
        return self._signing_key

    def now(self) -> dt.datetime:
        """The service's clock (Japan time)."""
        return self._clock().astimezone(TOKYO)

    # -- authentication ---------------------------------------------------------------------
    def start_authentication(self, kiosk_id: str) -> Challenge:
        """A fresh single-use nonce bound to the kiosk."""
        now = self.now()
        self.store.purge_expired(now, now - dt.timedelta(seconds=self.settings.session_seconds))
        challenge_id = uuid.uuid4().hex
        nonce = secrets.token_bytes(32)
        expires = now + dt.timedelta(seconds=self.settings.challenge_seconds)
        self.store.add_challenge(challenge_id, kiosk_id, nonce, expires)
        return Challenge(challenge_id=challenge_id, nonce=nonce)

    def authenticate(
        self, kiosk_id: str, challenge_id: str, certificate_der: bytes, signature: bytes
    ) -> AuthSession:
        """Check the card's answer and open a short-lived session for its holder."""
        now = self.now()
        challenge = self.store.take_challenge(challenge_id)
        if challenge is None:
            raise CenterRefusedError("unknown_challenge")
        if challenge.used:
            raise CenterRefusedError("replayed_nonce")
        if challenge.kiosk_id != kiosk_id:
            raise CenterRefusedError("wrong_kiosk")
        if challenge.expires_at < now:
            raise CenterRefusedError("challenge_expired")
        cert = check_card_certificate(certificate_der, self._ca, now)
        verify_nonce_signature(cert, challenge.nonce, signature)
        card = self.store.card(cert.serial_number)
        if card is None:
            raise CenterRefusedError("unknown_card")
        if card.revoked or cert.serial_number in self._crl_serials:
            raise CenterRefusedError("revoked_certificate")
        applicant = load_applicant(self.store, card.person_id)
        if applicant is None:
            raise CenterRefusedError("unknown_card")
        barred = person_refusal(applicant.person, now.date())
        if barred:
            raise CenterRefusedError(barred)
        token = secrets.token_urlsafe(32)
        expires = now + dt.timedelta(seconds=self.settings.session_seconds)
        self.store.add_session(token_hash(token), kiosk_id, card.person_id, card.serial, expires)
        return AuthSession(
            token=token,
            offers=offers(applicant, self.settings, now),
            applicant_id=card.person_id,
            municipality_code=self.settings.municipality.code,
            municipality_name=self.settings.municipality.name,
        )

    def _session(self, kiosk_id: str, token: str) -> SessionRow:
        session = self.store.session(token_hash(token))
        if session is None or session.ended:
            raise CenterRefusedError("invalid_session")
        if session.kiosk_id != kiosk_id:
            raise CenterRefusedError("wrong_kiosk")
        if session.expires_at < self.now():
            raise CenterRefusedError("session_expired")
        return session

    def end_session(self, kiosk_id: str, token: str) -> None:
        """End the session; the token is refused from now on."""
        self._session(kiosk_id, token)
        self.store.end_session(token_hash(token))

    # -- issuance ---------------------------------------------------------------------------
    def issue(
        self,
        kiosk_id: str,
        token: str,
        items: list[OrderItem],
        idempotency_key: str,
        deadline: float | None = None,
    ) -> Issuance:
        """Render the ordered certificates for the session's person, or refuse them all.

        ``deadline`` (time.monotonic) cancels the whole request when passed: nothing is stored
        and nothing is returned. A repeated idempotency key with the same order returns the
        first reply; with another order it is refused (``idempotency_key_mismatch``).
        """
        if not 8 <= len(idempotency_key) <= 64:
            raise CenterRefusedError("bad_idempotency_key")
        if not 1 <= len(items) <= MAX_ITEMS:
            raise CenterRefusedError("bad_request", f"one to {MAX_ITEMS} items")
        session = self._session(kiosk_id, token)
        digest = order_digest(items)
        earlier = self.store.issuance_by_key(kiosk_id, idempotency_key)
        if earlier is not None:
            return self._replay(earlier, session, digest)
        now = self.now()
        applicant = load_applicant(self.store, session.person_id)
        if applicant is None:
            raise CenterRefusedError("unknown_card")
        request_id = uuid.uuid4().hex
        documents, rows, total = [], [], 0
        for item in items:
            reason = refusal(item.certificate_type, applicant, self.settings, now)
            if reason:
                raise CenterRefusedError(reason)
            options = parse_options(item.certificate_type, item.options)
            document, row = self._render(request_id, applicant, item, options, now)
            documents.append(document)
            rows.append(row)
            total += document.fee_yen
            self._check_deadline(deadline)
        issuance = Issuance(request_id=request_id, total_fee_yen=total, documents=documents)
        record = IssuanceRow(
            request_id=request_id,
            kiosk_id=kiosk_id,
            person_id=session.person_id,
            idempotency_key=idempotency_key,
            created_at=now,
            status=IssuanceStatus.ISSUED.value,
            total_fee_yen=total,
            fee_charged_yen=None,
            reply=issuance.model_dump_json().encode(),
            request_digest=digest,
        )
        self._check_deadline(deadline)
        try:
            self.store.record_issuance(record, rows)
        except DuplicateKeyError:
            earlier = self.store.issuance_by_key(kiosk_id, idempotency_key)
            if earlier is None:
                raise
            return self._replay(earlier, session, digest)
        log.info("issued request %s: %d document(s)", request_id, len(documents))
        return issuance

    @staticmethod
    def _check_deadline(deadline: float | None) -> None:
        if deadline is not None and time.monotonic() > deadline:
            raise CenterTimeoutError("the request took too long and was cancelled whole")

    @staticmethod
    def _replay(earlier: IssuanceRow, session: SessionRow, digest: str) -> Issuance:
        if earlier.person_id != session.person_id:
            raise CenterRefusedError("idempotency_key_reused")
        if earlier.status == IssuanceStatus.CANCELLED:
            raise CenterRefusedError("request_cancelled")
        if earlier.request_digest and earlier.request_digest != digest:
            raise CenterRefusedError("idempotency_key_mismatch", "another order with this key")
        if earlier.reply is None:
            raise CenterRefusedError("request_closed")
        return Issuance.model_validate_json(earlier.reply)

    def _render(
        self,
        request_id: str,
        applicant: Applicant,
        item: OrderItem,
        options: AnyOptions,
        now: dt.datetime,
    ) -> tuple[IssuedDocument, DocumentRow]:
        document_id = uuid.uuid4().hex
        ids = DocumentIds(
            request_id=request_id,
            document_id=document_id,
            applicant_id=applicant.person.id,
            issue_number=f"{int(document_id[:12], 16) % 10**10:010d}",
        )
        rendered, subjects = render_certificate(
            item.certificate_type,
            options,
            applicant,
            self.settings.municipality,
            ids,
            now.date(),
        )
        pages = len(rendered.page_digests)
        copy_fee_yen = self.settings.certificates[item.certificate_type].fee_yen
        codes = [
            sign_page_code(
                self._signing_key,
                PageClaim(
                    municipality_code=self.settings.municipality.code,
                    document_id=document_id,
                    request_id=request_id,
                    certificate_type=item.certificate_type.value,
                    page=n,
                    pages=pages,
                    issued_on=now.date(),
                    digest=digest,
                ),
            )
            for n, digest in enumerate(rendered.page_digests, start=1)
        ]
        document = IssuedDocument(
            request_id=request_id,
            document_id=document_id,
            applicant_id=applicant.person.id,
            certificate_type=item.certificate_type,
            copies=item.copies,
            pdf=rendered.pdf,
            page_codes=codes,
            fee_yen=copy_fee_yen * item.copies,
        )
        row = DocumentRow(
            document_id=document_id,
            request_id=request_id,
            applicant_id=applicant.person.id,
            certificate_type=item.certificate_type.value,
            copies=item.copies,
            pages=pages,
            subjects=",".join(subjects),
            copy_fee_yen=copy_fee_yen,
        )
        return document, row

    def _kiosk_request(self, kiosk_id: str, token: str, row: IssuanceRow | None) -> IssuanceRow:
        """A request this kiosk made, for closing it (outcome or cancel).

        Closing is the kiosk's duty, also after the person's session ended (a report retried
        from the kiosk's outbox, or sent at its start-up): the kiosk's identity is enough and
        ``token`` may be empty. A token of another person's session is refused.
        """
        if row is None or row.kiosk_id != kiosk_id:
            raise CenterRefusedError("unknown_request")
        session = self.store.session(token_hash(token)) if token else None
        if (
            session is not None
            and session.kiosk_id == kiosk_id
            and row.person_id
            and session.person_id != row.person_id
        ):
            raise CenterRefusedError("unknown_request")
        return row

    @staticmethod
    def _same_outcome(
        row: IssuanceRow,
        documents: list[DocumentRow],
        status: str,
        fee: int,
        copies: dict[str, int],
    ) -> bool:
        """Whether a closed request was closed with exactly this outcome (a repeated report)."""
        done = {d.document_id: d.copies_printed for d in documents}
        return (row.status, row.fee_charged_yen or 0, done) == (status, fee, copies)

    def report_outcome(
        self,
        kiosk_id: str,
        token: str,
        request_id: str,
        report: OutcomeReport,
    ) -> None:
        """Record what was printed and charged (the city's legal record of the issuance): per
        document, the copies that came out whole (see ``OutcomeReport``; an older kiosk's
        report of whole documents is read as every copy of each).

        The fee charged must be the fee of the copies printed (each document's fee of a copy,
        kept when it was ordered; a request ordered before that was kept is only bounded by its
        total), else the report is refused (``bad_fee``) and the request stays open.
        A request with at least one copy out is ``printed`` (its fee kept for those copies),
        else ``cancelled``. ``token`` may be empty or of an ended session (see
        ``_kiosk_request``). Repeating the report that closed the request is accepted and
        changes nothing; another outcome for a closed request is refused (``request_closed``).
        """
        row = self._kiosk_request(kiosk_id, token, self.store.issuance(request_id))
        fee_charged_yen = report.fee_charged_yen
        if fee_charged_yen > row.total_fee_yen:
            raise CenterRefusedError("bad_fee", "more than the request's fee")
        documents = self.store.documents(request_id)
        try:
            copies = copies_printed({d.document_id: d.copies for d in documents}, report)
        except PrintedCopiesError as exc:
            raise CenterRefusedError("unknown_document", str(exc)) from exc
        owed = fee_of_copies(documents, copies)
        if owed is not None and fee_charged_yen != owed:
            raise CenterRefusedError(
                "bad_fee", f"{fee_charged_yen} yen charged for copies whose fee is {owed} yen"
            )
        printed = any(copies.values())
        status = (IssuanceStatus.PRINTED if printed else IssuanceStatus.CANCELLED).value
        if row.status != IssuanceStatus.ISSUED:
            if self._same_outcome(row, documents, status, fee_charged_yen, copies):
                return
            raise CenterRefusedError("request_closed")
        self.store.close_issuance(request_id, status, fee_charged_yen, copies)

    def cancel(self, kiosk_id: str, token: str, request_id: str) -> None:
        """Cancel a whole request: its documents are void and its reply is dropped.

        Cancelling a cancelled request again is accepted; a printed one is refused.
        """
        row = self._kiosk_request(kiosk_id, token, self.store.issuance(request_id))
        self._close_cancelled(row)

    def cancel_by_key(self, kiosk_id: str, token: str, idempotency_key: str) -> None:
        """Cancel the request this kiosk made with ``idempotency_key`` (its reply never came).

        If no such request exists yet (the issue is still being rendered, or never arrived)
        a cancelled entry takes the key, so that a late issue with it is refused and nothing
        of it is stored.
        """
        if not 8 <= len(idempotency_key) <= 64:
            raise CenterRefusedError("bad_idempotency_key")
        row = self.store.issuance_by_key(kiosk_id, idempotency_key)
        if row is None:
            session = self.store.session(token_hash(token)) if token else None
            person = session.person_id if session and session.kiosk_id == kiosk_id else ""
            tombstone = IssuanceRow(
                request_id=uuid.uuid4().hex,
                kiosk_id=kiosk_id,
                person_id=person,
                idempotency_key=idempotency_key,
                created_at=self.now(),
                status=IssuanceStatus.CANCELLED.value,
                total_fee_yen=0,
                fee_charged_yen=0,
                reply=None,
            )
            try:
                self.store.record_issuance(tombstone, [])
                log.info("cancelled idempotency key before any request was stored")
                return
            except DuplicateKeyError:  # the request was stored meanwhile: cancel it
                row = self.store.issuance_by_key(kiosk_id, idempotency_key)
        self._close_cancelled(self._kiosk_request(kiosk_id, token, row))

    def _close_cancelled(self, row: IssuanceRow) -> None:
        if row.status == IssuanceStatus.CANCELLED:
            return
        if row.status != IssuanceStatus.ISSUED:
            raise CenterRefusedError("request_closed")
        self.store.close_issuance(row.request_id, IssuanceStatus.CANCELLED.value, 0, {})

    # -- usage registrations ----------------------------------------------------------------
    def submit_registration(self, kiosk_id: str, token: str, form: RegistrationForm) -> str:
        """File a 本籍地 利用登録申請 for the session's person; returns the 申請番号."""
        session = self._session(kiosk_id, token)
        person = self.store.person(session.person_id)
        card = self.store.card(session.card_serial)
        if person is None or card is None:
            raise CenterRefusedError("unknown_card")
        if person.residence is not None:
            raise CenterRefusedError("registration_not_needed")
        if form.birth_date != person.birth_date:
            raise CenterRefusedError("registration_mismatch", "birth date")
        if (
            form.card_expiry != card.not_after.date()
            or form.card_security_code != card.security_code
        ):
            raise CenterRefusedError("registration_mismatch", "card details")
        try:
            number = self.store.add_registration(
                person.id, card.serial, person.koseki_id, form, self.now()
            )
        except DuplicateKeyError as exc:
            raise CenterRefusedError("duplicate_registration") from exc
        return format_registration_number(number)

    def registration_status(self, number: str) -> RegistrationStatus:
        """The state of a registration by 申請番号; reveals no personal data."""
        parsed = parse_registration_number(number)
        row = self.store.registration(parsed) if parsed is not None else None
        if row is None:
            return RegistrationStatus(number=number[:20], state=RegistrationState.UNKNOWN)
        return RegistrationStatus(
            number=format_registration_number(row.number),
            state=row.state,
            submitted_on=row.submitted_at.astimezone(TOKYO).date(),
            decided_on=row.decided_at.astimezone(TOKYO).date() if row.decided_at else None,
        )


def open_service(settings: ServerSettings, clock: Clock = _now) -> IssuanceService:
    """The service for ``settings``: store opened (demo data loaded if empty), keys loaded."""
    from issuance_server.demo_data import demo_ca, generate
    from issuance_server.demo_municipalities import demo_place
    from issuance_server.verification import load_or_create_signing_key

    store = Store(settings.database_url, settings.database_connections)
    if settings.demo_data and store.is_empty():
        place = demo_place(settings.municipality)
        base = settings.demo_card_serial_base
        store.load_registry(generate(settings.demo_seed, card_serial_base=base, place=place))
    if settings.jpki_ca is not None:
        ca = x509.load_pem_x509_certificate(settings.jpki_ca.read_bytes())
        left_over = settings.data_dir / "pki" / "ca-key.pem"
        if not settings.demo_data and left_over.exists():
            log.warning("%s is a demo CA key, not trusted here: delete it", left_over)
    else:  # only a demo server gets here (ServerSettings refuses it otherwise)
        log.warning("demo: trusting the fictitious demo JPKI CA of %s", settings.data_dir)
        ca = demo_ca(settings.data_dir).certificate
    key = load_or_create_signing_key(settings.data_dir / "keys")
    revoked = load_crl(settings.jpki_crl, ca) if settings.jpki_crl else None
    return IssuanceService(settings, store, ca, key, clock, revoked)
