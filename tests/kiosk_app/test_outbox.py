"""The kiosk's outbox: reports and cancels survive a server outage and a restart, sent once."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from issuance_contract.certificates import CertificateType
from issuance_contract.errors import (
    BadReplyError,
    CenterUnavailableError,
    MunicipalityUnavailableError,
)
from issuance_contract.messages import AuthSession, Issuance, OrderItem, OutcomeReport
from issuance_server.embedded_link import EmbeddedCenterLink
from issuance_server.registry import Registry
from issuance_server.service import IssuanceService
from kiosk_app.outbox import FlushResult, Outbox, OutboxError
from kiosk_app.outbox_rows import MessageKind
from tests.kiosk_app.damaged_files import write_outbox_row
from tests.kiosk_app.payment.rig import build_rig
from tests.kiosk_app.small_disk import SmallDisk, mounted_small_disk
from tests.support.server import full_resident

JUMINHYO = [OrderItem(certificate_type=CertificateType.JUMINHYO)]


class FlakyLink(EmbeddedCenterLink):
    """The embedded center, switched off at will, or losing the reply after doing the work."""

    def __init__(self, service: IssuanceService, kiosk_id: str) -> None:
        super().__init__(service, kiosk_id)
        self.down = False
        #: As a relay center answers while the municipality behind it cannot be reached.
        self.municipality_down = False
        self.lose_replies = 0
        self.reports_taken = 0

    def _gate(self, call: Callable[[], None]) -> None:
        if self.down:
            raise CenterUnavailableError("switched off")
        if self.municipality_down:
            raise MunicipalityUnavailableError("999991 架空市")
        call()
        if self.lose_replies:
            self.lose_replies -= 1
            raise BadReplyError("the reply was lost")

    def report_outcome(self, token: str, request_id: str, report: OutcomeReport) -> None:
        def call() -> None:
            super(FlakyLink, self).report_outcome(token, request_id, report)
            self.reports_taken += 1

        self._gate(call)

    def cancel(self, token: str, request_id: str) -> None:
        self._gate(lambda: super(FlakyLink, self).cancel(token, request_id))

    def cancel_by_key(self, token: str, idempotency_key: str) -> None:
        self._gate(lambda: super(FlakyLink, self).cancel_by_key(token, idempotency_key))


@pytest.fixture
def flaky(service: IssuanceService, link: EmbeddedCenterLink) -> FlakyLink:
    """The same kiosk's link to the same service, but switchable."""
    return FlakyLink(service, link._kiosk_id)


@pytest.fixture
def two_copies(
    registry: Registry, link: EmbeddedCenterLink, login: Callable[[str], AuthSession]
) -> Issuance:
    """One 住民票 of two copies (200 yen each) issued in a resident's ended session."""
    session = login(full_resident(registry).id)
    order = [OrderItem(certificate_type=CertificateType.JUMINHYO, copies=2)]
    issuance = link.issue(session.token, order, "outbox-key-2")
    link.end_session(session.token)
    return issuance


@pytest.fixture
def issued(
    registry: Registry, link: EmbeddedCenterLink, login: Callable[[str], AuthSession]
) -> tuple[AuthSession, Issuance]:
    """A resident's session, ended, and one 住民票 issued in it."""
    session = login(full_resident(registry).id)
    issuance = link.issue(session.token, JUMINHYO, "outbox-key-1")
    link.end_session(session.token)
    return session, issuance


def _status(service: IssuanceService, request_id: str) -> tuple[str, int | None]:
    row = service.store.issuance(request_id)
    assert row is not None
    return row.status, row.fee_charged_yen


def test_server_down_then_up_after_a_restart_reports_exactly_once(
    tmp_path: Path,
    service: IssuanceService,
    flaky: FlakyLink,
    issued: tuple[AuthSession, Issuance],
) -> None:
    _session, issuance = issued
    document = issuance.documents[0].document_id
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    outbox.add_report(issuance.request_id, OutcomeReport.all_printed(issuance))
    flaky.down = True
    assert outbox.flush(flaky) == FlushResult(sent=0, refused=0, left=1)
    assert outbox.flush(flaky) == FlushResult(sent=0, refused=0, left=1)
    assert _status(service, issuance.request_id) == ("issued", None)
    outbox.close()  # the kiosk restarts

    outbox = Outbox(tmp_path / "outbox.sqlite3")
    [message] = outbox.pending()
    assert (message.kind, message.copies, message.document_ids, message.attempts) == (
        MessageKind.REPORT,
        ((document, 1),),
        (),
        2,
    )
    flaky.down = False
    assert outbox.flush(flaky) == FlushResult(sent=1, refused=0, left=0)
    assert outbox.flush(flaky) == FlushResult(sent=0, refused=0, left=0)
    assert flaky.reports_taken == 1
    assert _status(service, issuance.request_id) == ("printed", 200)
    outbox.close()


@pytest.fixture
def reported(tmp_path: Path, issued: tuple[AuthSession, Issuance]) -> tuple[Outbox, Issuance]:
    """An outbox holding the report of the issued request (200 yen, its one document)."""
    _session, issuance = issued
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    outbox.add_report(issuance.request_id, OutcomeReport.all_printed(issuance))
    return outbox, issuance


def test_a_municipality_behind_the_center_down_keeps_the_message_until_it_is_back(
    service: IssuanceService, flaky: FlakyLink, reported: tuple[Outbox, Issuance]
) -> None:
    """A relay center's "municipality unavailable" is a refusal of the moment, not a verdict."""
    outbox, issuance = reported
    outbox.add_cancel_by_key("outbox-never-sent")
    flaky.municipality_down = True
    assert outbox.flush(flaky) == FlushResult(sent=0, refused=0, left=2)
    assert _status(service, issuance.request_id) == ("issued", None)
    flaky.municipality_down = False
    assert outbox.flush(flaky) == FlushResult(sent=2, refused=0, left=0)
    assert _status(service, issuance.request_id) == ("printed", 200)
    outbox.close()


def test_a_lost_reply_is_sent_again_and_the_server_takes_the_repeat(
    service: IssuanceService, flaky: FlakyLink, reported: tuple[Outbox, Issuance]
) -> None:
    outbox, issuance = reported
    flaky.lose_replies = 1
    assert outbox.flush(flaky).left == 1  # done at the server, but the kiosk cannot know
    assert outbox.flush(flaky) == FlushResult(sent=1, refused=0, left=0)
    assert flaky.reports_taken == 2  # the repeat was accepted as the same outcome
    assert _status(service, issuance.request_id) == ("printed", 200)
    outbox.close()


def test_messages_go_in_order_and_a_refusal_is_dropped(
    tmp_path: Path,
    registry: Registry,
    service: IssuanceService,
    link: EmbeddedCenterLink,
    login: Callable[[str], AuthSession],
) -> None:
    session = login(full_resident(registry).id)
    cancelled = link.issue(session.token, JUMINHYO, "outbox-order-1")
    link.issue(session.token, JUMINHYO, "outbox-order-2")  # its reply "never arrived"
    link.end_session(session.token)
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    outbox.add_cancel(cancelled.request_id)
    outbox.add_cancel(cancelled.request_id)  # the same message twice is queued once
    outbox.add_report("no-such-request", OutcomeReport(fee_charged_yen=0))
    outbox.add_cancel_by_key("outbox-order-2")
    assert [m.kind for m in outbox.pending()] == [
        MessageKind.CANCEL,
        MessageKind.REPORT,
        MessageKind.CANCEL_BY_KEY,
    ]
    assert outbox.flush(link) == FlushResult(sent=2, refused=1, left=0)
    lost = service.store.issuance_by_key(link._kiosk_id, "outbox-order-2")
    assert lost is not None
    assert (lost.status, lost.reply) == ("cancelled", None)
    assert _status(service, cancelled.request_id) == ("cancelled", 0)
    outbox.close()


def test_two_flushes_at_once_send_each_message_once(
    flaky: FlakyLink, reported: tuple[Outbox, Issuance]
) -> None:
    outbox, _issuance = reported
    results: list[FlushResult] = []
    threads = [threading.Thread(target=lambda: results.append(outbox.flush(flaky))) for _ in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.sent for r in results) == [0, 1]
    assert flaky.reports_taken == 1
    outbox.close()


def test_settled_payments_become_reports_with_what_was_delivered(tmp_path: Path) -> None:
    path = tmp_path / "money.sqlite3"
    first = build_rig(path, {10: 20, 50: 20, 100: 20})
    first.controller.open(330, "REQ-OUT-1", awaits_delivery=True)
    first.drop(500)
    first.controller.record_delivery("REQ-OUT-1", "doc-a", 1, 2, 100)
    first.acceptor.insert_coin(100)  # a stray coin: no request at the server
    first.poll()
    first.journal.close()  # killed while printing the second document

    restarted = build_rig(path, {10: 20, 50: 20, 100: 20})
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    assert outbox.add_settlements(restarted.controller.settle_open_payments()) == 1
    [message] = outbox.pending()
    assert (message.request_id, message.document_ids, message.copies, message.fee_yen) == (
        "REQ-OUT-1",
        (),
        (("doc-a", 1),),
        100,
    )
    outbox.close()
    restarted.journal.close()


def _sends_the_whole_document_in_the_older_shape(
    outbox: Outbox, link: FlakyLink, service: IssuanceService, two_copies: Issuance
) -> None:
    """The one queued report names the document of two copies whole, for 400 yen; the server
    takes it as both copies printed."""
    document = two_copies.documents[0].document_id
    [message] = outbox.pending()
    assert (message.document_ids, message.copies, message.fee_yen) == ((document,), (), 400)
    assert outbox.flush(link) == FlushResult(sent=1, refused=0, left=0)
    assert _status(service, two_copies.request_id) == ("printed", 400)
    [row] = service.store.documents(two_copies.request_id)
    assert row.copies_printed == 2
    outbox.close()


def test_a_document_journaled_whole_before_copies_were_counted_is_reported_in_the_older_shape(
    tmp_path: Path, service: IssuanceService, flaky: FlakyLink, two_copies: Issuance
) -> None:
    """The previous version journaled a delivered document at once (copy 0: every copy, how
    many unknown to the kiosk); a restart after the upgrade settles it and reports it as the
    documents every copy of which came out, which the server reads as both copies."""
    path = tmp_path / "money.sqlite3"
    document = two_copies.documents[0].document_id
    first = build_rig(path, {10: 20, 50: 20, 100: 20})
    first.controller.open(400, two_copies.request_id, awaits_delivery=True)
    first.drop(500)
    payment_id = first.journal.open_payments()[0].payment_id
    first.journal.close()
    db = sqlite3.connect(path)
    db.execute(
        "INSERT INTO entries (at, payment_id, kind, amount_yen, detail) VALUES (?, ?, ?, ?, ?)",
        ("t", payment_id, "delivered", 400, f'{{"document_id": "{document}"}}'),
    )
    db.commit()
    db.close()

    restarted = build_rig(path, {10: 20, 50: 20, 100: 20})
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    assert outbox.add_settlements(restarted.controller.settle_open_payments()) == 1
    _sends_the_whole_document_in_the_older_shape(outbox, flaky, service, two_copies)
    restarted.journal.close()


def test_a_refused_report_is_kept_for_the_field_engineer_and_never_sent_again(
    tmp_path: Path, service: IssuanceService, flaky: FlakyLink, two_copies: Issuance
) -> None:
    """The municipality refuses the kiosk's fee (bad_fee: the fee of two copies for the one
    out). The request stays open there; the report is kept aside with the reason code, once
    however often it was refused, across a restart, and never sent again."""
    document = two_copies.documents[0].document_id
    path = tmp_path / "outbox.sqlite3"
    outbox = Outbox(path)
    wrong = OutcomeReport(fee_charged_yen=400, printed_copies={document: 1})
    outbox.add_report(two_copies.request_id, wrong)
    outbox.add_cancel("no-such-request")  # refused too, but a cancel holds no money
    assert outbox.flush(flaky) == FlushResult(sent=0, refused=2, left=0)
    assert _status(service, two_copies.request_id) == ("issued", None)
    outbox.add_report(two_copies.request_id, wrong)  # queued again (a restart's settlement)
    assert outbox.flush(flaky) == FlushResult(sent=0, refused=1, left=0)
    outbox.close()  # the kiosk restarts

    outbox = Outbox(path)
    [kept] = outbox.refused_reports()
    assert (kept.request_id, kept.fee_yen, kept.copies, kept.document_ids, kept.reason) == (
        two_copies.request_id,
        400,
        ((document, 1),),
        (),
        "bad_fee",
    )
    assert outbox.flush(flaky) == FlushResult(sent=0, refused=0, left=0)
    assert flaky.reports_taken == 0
    assert _status(service, two_copies.request_id) == ("issued", None)
    outbox.close()


def test_the_file_holds_no_personal_data_and_bad_input_is_typed(tmp_path: Path) -> None:
    Outbox(tmp_path / "outbox.sqlite3").close()
    db = sqlite3.connect(tmp_path / "outbox.sqlite3")
    columns = {row[1] for row in db.execute("PRAGMA table_info(outbox)")}
    refused = {row[1] for row in db.execute("PRAGMA table_info(refused_reports)")}
    db.close()
    assert refused == {
        "seq",
        "refused_at",
        "request_id",
        "fee_yen",
        "copies",
        "document_ids",
        "reason",
    }
    assert columns == {
        "seq",
        "queued_at",
        "kind",
        "request_id",
        "idempotency_key",
        "document_ids",
        "fee_yen",
        "attempts",
        "copies",
    }
    (tmp_path / "not-a-dir").write_text("")
    with pytest.raises(OutboxError):
        Outbox(tmp_path / "not-a-dir" / "outbox.sqlite3")


# --- a full disk: a real 512 KiB tmpfs (the tests run as root, as the set-up and CI do) ---


@dataclass
class DiskCase:
    """An outbox on a small disk, the switchable server link and a request issued there."""

    disk: SmallDisk
    outbox: Outbox
    service: IssuanceService
    link: FlakyLink
    issuance: Issuance

    def status(self) -> tuple[str, int | None]:
        """The request's status and fee charged in the server's log."""
        return _status(self.service, self.issuance.request_id)

    def reopen(self) -> None:
        """The kiosk restarts: the outbox is opened again from its file."""
        self.outbox.close()
        self.outbox = Outbox(self.disk.path / "outbox.sqlite3")


@pytest.fixture
def case(
    tmp_path: Path,
    service: IssuanceService,
    flaky: FlakyLink,
    issued: tuple[AuthSession, Issuance],
) -> Iterator[DiskCase]:
    """An outbox on a real 512 KiB file system, unmounted after the test."""
    with mounted_small_disk(tmp_path / "data") as disk:
        made = DiskCase(disk, Outbox(disk.path / "outbox.sqlite3"), service, flaky, issued[1])
        yield made
        made.outbox.close()


def test_a_cancel_the_full_disk_cannot_take_waits_in_memory_and_is_sent(
    case: DiskCase, caplog: pytest.LogCaptureFixture
) -> None:
    request_id, outbox, link = case.issuance.request_id, case.outbox, case.link
    case.disk.fill()
    with caplog.at_level(logging.ERROR, logger="kiosk_app.outbox"):
        outbox.add_cancel(request_id)  # never raises: the cancel must not be lost
    assert f"a cancel of {request_id} cannot be written" in caplog.text
    assert "waits in memory" in caplog.text
    assert outbox.unwritten == 1
    outbox.add_cancel(request_id)  # the same cancel again: still one
    assert [m.kind for m in outbox.pending()] == [MessageKind.CANCEL]
    link.down = True
    assert outbox.flush(link) == FlushResult(sent=0, refused=0, left=1)
    assert case.status() == ("issued", None)
    link.down = False
    assert outbox.flush(link) == FlushResult(sent=1, refused=0, left=0)
    assert case.status()[0] == "cancelled"
    assert outbox.unwritten == 0


def test_a_message_that_waited_is_written_when_space_returns_and_outlives_a_restart(
    case: DiskCase,
) -> None:
    document = case.issuance.documents[0].document_id
    case.disk.fill()
    case.outbox.add_report(case.issuance.request_id, OutcomeReport.all_printed(case.issuance))
    case.link.down = True
    assert case.outbox.flush(case.link).left == 1
    case.disk.free()
    assert case.outbox.flush(case.link).left == 1  # the server is still down; the file took it
    assert case.outbox.unwritten == 0
    case.reopen()
    assert [(m.kind, m.copies) for m in case.outbox.pending()] == [
        (MessageKind.REPORT, ((document, 1),))
    ]
    case.link.down = False
    assert case.outbox.flush(case.link) == FlushResult(sent=1, refused=0, left=0)
    assert case.status() == ("printed", 200)


def test_a_message_sent_but_not_deleted_from_the_full_file_is_sent_once(
    case: DiskCase, caplog: pytest.LogCaptureFixture
) -> None:
    outbox, link = case.outbox, case.link
    outbox.add_report(case.issuance.request_id, OutcomeReport.all_printed(case.issuance))
    case.disk.fill()
    with caplog.at_level(logging.WARNING, logger="kiosk_app.outbox"):
        assert outbox.flush(link) == FlushResult(sent=1, refused=0, left=0)
    assert "cannot be updated" in caplog.text  # taken, but still in the full file
    assert outbox.flush(link) == FlushResult(sent=0, refused=0, left=0)
    assert link.reports_taken == 1
    case.disk.free()
    outbox.flush(link)  # now it is deleted
    case.reopen()
    assert case.outbox.pending() == []
    assert case.status() == ("printed", 200)


def test_a_report_of_a_document_cut_short_survives_a_restart_and_reaches_the_log(
    tmp_path: Path, service: IssuanceService, flaky: FlakyLink, two_copies: Issuance
) -> None:
    """One copy of two came out whole: the report says so, with the fee of one copy."""
    document = two_copies.documents[0].document_id
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    one_copy = OutcomeReport(fee_charged_yen=200, printed_copies={document: 1})
    outbox.add_report(two_copies.request_id, one_copy)
    outbox.add_report(two_copies.request_id, one_copy)  # the same: queued once
    flaky.down = True
    assert outbox.flush(flaky).left == 1
    outbox.close()  # the kiosk restarts

    outbox = Outbox(tmp_path / "outbox.sqlite3")
    [message] = outbox.pending()
    assert (message.document_ids, message.copies, message.fee_yen) == ((), ((document, 1),), 200)
    flaky.down = False
    assert outbox.flush(flaky) == FlushResult(sent=1, refused=0, left=0)
    assert _status(service, two_copies.request_id) == ("printed", 200)
    [row] = service.store.documents(two_copies.request_id)
    assert (row.copies_printed, row.copies) == (1, 2)
    outbox.close()


def test_an_outbox_written_before_copies_were_counted_is_read_and_sent(
    tmp_path: Path, service: IssuanceService, flaky: FlakyLink, two_copies: Issuance
) -> None:
    """The previous version's file (no ``copies`` column) with a report of a whole document:
    after the upgrade it is sent as it was meant, every copy printed."""
    document = two_copies.documents[0].document_id
    path = tmp_path / "outbox.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, queued_at TEXT NOT NULL,"
        " kind TEXT NOT NULL CHECK (kind IN ('report', 'cancel', 'cancel_by_key')),"
        " request_id TEXT NOT NULL, idempotency_key TEXT NOT NULL,"
        " document_ids TEXT NOT NULL, fee_yen INTEGER NOT NULL CHECK (fee_yen >= 0),"
        " attempts INTEGER NOT NULL DEFAULT 0);"
    )
    db.execute(
        "INSERT INTO outbox (queued_at, kind, request_id, idempotency_key, document_ids, fee_yen)"
        " VALUES ('t', 'report', ?, '', ?, 400)",
        (two_copies.request_id, f'["{document}"]'),
    )
    db.commit()
    db.close()

    outbox = Outbox(path)
    _sends_the_whole_document_in_the_older_shape(outbox, flaky, service, two_copies)


# --- a damaged row: set aside for the field engineer, never in the way of the rows behind it ---

FIFTY_ONE = "[" + ", ".join(f'"doc-{n}"' for n in range(51)) + "]"


@dataclass(frozen=True)
class DamagedCase:
    """A row written past the outbox (SQL expressions per column), the reason it is kept
    under, the fault the log names, and the request id as it can be read."""

    columns: dict[str, str]
    reason: str
    fault: str
    request_id: str = "REQ-DAMAGED"


DAMAGED = {
    "51 documents": DamagedCase(
        {"document_ids": f"'{FIFTY_ONE}'"}, "invalid_report", "printed_documents: too_long"
    ),
    "11 copies of one document": DamagedCase(
        {"copies": """'{"doc-x": 11}'"""}, "invalid_report", "printed_copies.doc-x: less_than"
    ),
    "copies that do not parse": DamagedCase(
        {"copies": """'{"doc-x": 1'"""}, "unreadable_row", "copies: not JSON"
    ),
    "copies as a list": DamagedCase(
        {"copies": "'[1, 2]'"}, "unreadable_row", "copies: not copies per document"
    ),
    "copies as bytes": DamagedCase({"copies": "X'00ff'"}, "unreadable_row", "copies: not text"),
    "a request id that is not UTF-8": DamagedCase(
        {"request_id": "CAST(X'5245512dff' AS TEXT)"},
        "unreadable_row",
        "request_id: not UTF-8",
        request_id="REQ-\\xff",
    ),
    "a fee that is text": DamagedCase(
        {"fee_yen": "'two hundred'"}, "unreadable_row", "fee_yen: not an integer"
    ),
    "an unknown kind": DamagedCase({"kind": "'refund'"}, "unreadable_row", "kind: unknown"),
}


@pytest.mark.parametrize("damage", DAMAGED.values(), ids=DAMAGED.keys())
def test_a_damaged_row_between_two_good_ones_is_set_aside_and_the_others_reach_the_server(
    damage: DamagedCase,
    tmp_path: Path,
    service: IssuanceService,
    flaky: FlakyLink,
    issued: tuple[AuthSession, Issuance],
    two_copies: Issuance,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The row cannot be sent: it is kept among the refused reports with what could be read
    of it (listed in maintenance mode), an ERROR log names its request id and what is wrong
    (never the content), and the reports before and after it reach the municipality. After a
    restart it is neither sent nor kept again."""
    path = tmp_path / "outbox.sqlite3"
    first = issued[1]
    outbox = Outbox(path)
    outbox.add_report(first.request_id, OutcomeReport.all_printed(first))
    write_outbox_row(path, damage.columns)
    outbox.add_report(two_copies.request_id, OutcomeReport.all_printed(two_copies))
    with caplog.at_level(logging.ERROR, logger="kiosk_app.outbox"):
        assert outbox.flush(flaky) == FlushResult(sent=2, refused=0, left=0, set_aside=1)
    assert _status(service, first.request_id) == ("printed", 200)
    assert _status(service, two_copies.request_id) == ("printed", 400)
    assert flaky.reports_taken == 2
    [error] = [r for r in caplog.records if r.levelno == logging.ERROR]
    message = error.getMessage()
    assert f"of {damage.request_id} cannot be sent ({damage.reason}: {damage.fault}" in message
    assert "set aside" in message
    outbox.close()  # the kiosk restarts

    outbox = Outbox(path)
    assert outbox.pending() == []
    assert outbox.flush(flaky) == FlushResult(sent=0, refused=0, left=0)
    [kept] = outbox.refused_reports()
    assert (kept.request_id, kept.reason) == (damage.request_id, damage.reason)
    outbox.close()
    db = sqlite3.connect(path)
    assert db.execute("SELECT COUNT(*) FROM outbox").fetchone() == (0,)
    db.close()


def test_what_can_be_read_of_a_damaged_report_is_kept(tmp_path: Path) -> None:
    """A report the contract refuses is kept whole; of an unreadable one, what still reads."""
    path = tmp_path / "outbox.sqlite3"
    Outbox(path).close()
    write_outbox_row(path, DAMAGED["11 copies of one document"].columns)
    write_outbox_row(path, DAMAGED["a fee that is text"].columns)
    outbox = Outbox(path)
    assert outbox.pending() == []
    kept = [(r.request_id, r.fee_yen, r.copies, r.reason) for r in outbox.refused_reports()]
    assert kept == [
        ("REQ-DAMAGED", 200, (("doc-x", 11),), "invalid_report"),
        ("REQ-DAMAGED", 0, (("doc-x", 1),), "unreadable_row"),  # the fee is unknown
    ]
    outbox.close()


def test_a_damaged_row_on_a_full_disk_is_kept_once_and_leaves_the_queue_when_it_can(
    case: DiskCase,
) -> None:
    """The report behind the damaged row is sent on a full disk; the damaged row is kept
    once, and leaves the queue once the file takes writes again."""
    path = case.disk.path / "outbox.sqlite3"
    write_outbox_row(path, DAMAGED["copies that do not parse"].columns)
    case.outbox.add_report(case.issuance.request_id, OutcomeReport.all_printed(case.issuance))
    case.disk.fill()
    assert case.outbox.flush(case.link) == FlushResult(sent=1, refused=0, left=0, set_aside=1)
    assert case.outbox.flush(case.link) == FlushResult(sent=0, refused=0, left=0)
    assert case.status() == ("printed", 200)
    case.disk.free()
    case.outbox.flush(case.link)
    case.reopen()
    assert case.outbox.pending() == []
    [kept] = case.outbox.refused_reports()
    assert (kept.request_id, kept.reason) == ("REQ-DAMAGED", "unreadable_row")
    assert case.link.reports_taken == 1


def test_a_damaged_row_that_cannot_be_kept_aside_stays_in_the_file_until_the_next_start(
    tmp_path: Path, flaky: FlakyLink, issued: tuple[AuthSession, Issuance]
) -> None:
    """Not lost: while the refused reports cannot be written, the row stays in the file,
    skipped by every flush (the report behind it is sent), and is set aside after a restart."""
    path = tmp_path / "outbox.sqlite3"
    outbox = Outbox(path)
    write_outbox_row(path, DAMAGED["a fee that is text"].columns)
    db = sqlite3.connect(path)
    db.execute(
        "CREATE TRIGGER no_room BEFORE INSERT ON refused_reports"
        " BEGIN SELECT RAISE(ABORT, 'no room'); END"
    )
    db.commit()
    outbox.add_report(issued[1].request_id, OutcomeReport.all_printed(issued[1]))
    assert outbox.flush(flaky) == FlushResult(sent=1, refused=0, left=0, set_aside=1)
    assert outbox.flush(flaky) == FlushResult(sent=0, refused=0, left=0)  # counted once
    assert outbox.refused_reports() == []
    assert db.execute("SELECT request_id FROM outbox").fetchall() == [("REQ-DAMAGED",)]
    db.execute("DROP TRIGGER no_room")
    db.commit()
    db.close()
    outbox.close()  # the kiosk restarts

    outbox = Outbox(path)
    assert outbox.pending() == []
    [kept] = outbox.refused_reports()
    assert (kept.request_id, kept.fee_yen, kept.reason) == ("REQ-DAMAGED", 0, "unreadable_row")
    assert flaky.reports_taken == 1
    outbox.close()


def test_a_queue_that_cannot_be_read_is_logged_and_what_waits_in_memory_is_sent(
    tmp_path: Path,
    service: IssuanceService,
    flaky: FlakyLink,
    issued: tuple[AuthSession, Issuance],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The file's queue is gone from under the outbox (a damaged file): adding and flushing
    still work from memory, and nothing raises."""
    path = tmp_path / "outbox.sqlite3"
    outbox = Outbox(path)
    db = sqlite3.connect(path)
    db.execute("ALTER TABLE outbox RENAME TO outbox_elsewhere")
    db.commit()
    db.close()
    request_id = issued[1].request_id
    with caplog.at_level(logging.ERROR, logger="kiosk_app.outbox"):
        outbox.add_report(request_id, OutcomeReport.all_printed(issued[1]))
        assert outbox.unwritten == 1
        assert outbox.flush(flaky) == FlushResult(sent=1, refused=0, left=0)
    assert "cannot read the outbox" in caplog.text
    assert _status(service, request_id) == ("printed", 200)
    outbox.close()


def test_a_settlement_the_contract_cannot_report_is_kept_aside_and_the_others_are_queued(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A journal that names 11 copies of one document out (the contract allows 10): the
    restart settles the payment as journaled, keeps its report aside for the field engineer
    and queues the report of the other payment; nothing raises."""
    path = tmp_path / "money.sqlite3"
    first = build_rig(path, {10: 20, 50: 20, 100: 20})
    first.controller.open(110, "REQ-ELEVEN", awaits_delivery=True)
    first.drop(100, 10)
    for copy in range(1, 12):
        first.controller.record_delivery("REQ-ELEVEN", "doc-a", copy, 11, 10)
    first.controller.open(100, "REQ-ONE", awaits_delivery=True)
    first.drop(100)
    first.controller.record_delivery("REQ-ONE", "doc-b", 1, 1, 100)
    first.journal.close()  # killed before either payment closed

    restarted = build_rig(path, {10: 20, 50: 20, 100: 20})
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    with caplog.at_level(logging.ERROR, logger="kiosk_app.outbox"):
        assert outbox.add_settlements(restarted.controller.settle_open_payments()) == 1
    assert "of REQ-ELEVEN cannot be sent (invalid_report: printed_copies.doc-a" in caplog.text
    assert [(m.request_id, m.copies, m.fee_yen) for m in outbox.pending()] == [
        ("REQ-ONE", (("doc-b", 1),), 100)
    ]
    [kept] = outbox.refused_reports()
    assert (kept.request_id, kept.fee_yen, kept.copies, kept.reason) == (
        "REQ-ELEVEN",
        110,
        (("doc-a", 11),),
        "invalid_report",
    )
    assert restarted.journal.open_payments() == []
    assert restarted.journal.balanced()
    outbox.close()
    restarted.journal.close()
