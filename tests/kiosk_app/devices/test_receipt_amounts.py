"""The printed receipt and refund slip agree with the money journal, to the yen.

Whole issuances on sim: devices (the real flows, payment controller, journal, ccTalk and ESC/POS
drivers, the embedded server): the receipt printer's output is decoded from the ESC/POS bytes
the driver sent, and each amount is compared with the journal's entries for that request.
The process runs in UTC, as many Debian installs do: the times printed are still Tokyo's.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from drivers.printer.escpos_emulator import Ticket
from issuance_contract.certificates import CertificateType
from kiosk_app.clock import KioskClock
from kiosk_app.config import Config, load_demo_config
from kiosk_app.payment.journal import PaymentState
from kiosk_app.session.steps import Step
from tests.proof.harness import Applicant, ProofKiosk, Server, always_open, open_server

PIN = "1234"
#: 2026-12-06 23:49 UTC is 2026-12-07 08:49 in Tokyo: a UTC clock would print the day before.
UTC_MOMENT = dt.datetime(2026, 12, 6, 23, 49, tzinfo=dt.UTC)
AMOUNT = re.compile(r"^(?P<label>\S+)\s+(?P<yen>[\d,]+)円$")


@pytest.fixture(scope="module")
def work_dir() -> Iterator[Path]:
    """The server's and the kiosks' data."""
    with tempfile.TemporaryDirectory(prefix="receipts-") as name:
        yield Path(name)


@pytest.fixture(scope="module")
def base_config(work_dir: Path) -> Config:
    """The demo configuration, every certificate open now."""
    return always_open(load_demo_config(), work_dir / "kiosk")


@pytest.fixture(scope="module")
def server(base_config: Config, work_dir: Path) -> Iterator[Server]:
    """One embedded server for the module."""
    made = open_server(base_config, work_dir / "center", count=1)
    yield made
    made.service.store.close()


@pytest.fixture
def utc_system(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process's local zone is UTC (as on a default Debian install)."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def kiosk(
    server: Server,
    base_config: Config,
    work_dir: Path,
    request: pytest.FixtureRequest,
    utc_system: None,
) -> Iterator[ProofKiosk]:
    """A kiosk on sim: devices whose clock reads UTC_MOMENT."""
    name = re.sub(r"[^A-Za-z0-9]", "-", request.node.name)[:32]
    config = always_open(base_config, work_dir / "kiosks" / name, name)
    made = ProofKiosk(config, server)
    made.kiosk.clock = KioskClock(ZoneInfo(config.kiosk.time_zone), lambda: UTC_MOMENT)
    yield made
    made.shutdown()
    made.close()


def _amounts(ticket: Ticket) -> dict[str, int]:
    """The label → yen lines of a decoded ticket."""
    found: dict[str, int] = {}
    for line in ticket.lines:
        match = AMOUNT.match(line.text.strip())
        if match:
            found[match["label"]] = int(match["yen"].replace(",", ""))
    return found


def _printed_in_tokyo_now(ticket: Ticket) -> None:
    """The ticket's 発行日時 is Tokyo's time now (the payment's own clock, not the system's)."""
    [line] = [line.text for line in ticket.lines if line.text.startswith("発行日時")]
    found = re.search(r"(\d+)年(\d+)月(\d+)日 (\d+):(\d+)", line)
    assert found is not None, line
    year, month, day, hour, minute = (int(part) for part in found.groups())
    printed = dt.datetime(year, month, day, hour, minute, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert abs(printed - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=2), line


def _sign_in(k: ProofKiosk, applicant: Applicant) -> None:
    """Card, PIN, card removed: the menu."""
    k.kiosk.start_issuance()
    assert k.pump_until(lambda: k.step is Step.PLACE_CARD)
    k.reader.insert(applicant.make_card())
    assert k.pump_until(lambda: k.step is Step.PIN)
    k.type_pin(PIN)
    assert k.pump_until(lambda: k.step in (Step.REMOVE_CARD, Step.MENU))
    if k.step is Step.REMOVE_CARD:
        k.reader.remove()
    assert k.pump_until(lambda: k.step is Step.MENU)


def _add(k: ProofKiosk, copies: int, honseki: bool | None = None) -> None:
    """A 住民票 of ``copies`` copies (with 本籍 shown or not: another document)."""
    flow = k.flow
    if k.step is Step.CONFIRM:
        flow.add_more()
    assert flow.choose(CertificateType.JUMINHYO)
    if flow.step is Step.OPTIONS:
        if honseki is not None:
            assert flow.set_option("honseki", honseki)
        assert flow.options_done()
    assert flow.set_copies(copies)
    flow.copies_done()


def _pay(k: ProofKiosk, coins: list[int]) -> None:
    """Confirm and drop ``coins`` one by one, each counted before the next."""
    k.flow.confirm()
    payment = k.services.payment
    assert k.pump_until(lambda: k.step is Step.PAYING and payment.current is not None)
    for coin in coins:
        before = payment.current.credit_yen if payment.current else 0

        def counted(before: int = before) -> bool:
            current = payment.current
            return current is None or current.credit_yen > before

        assert k.insert_coin(coin), f"the slot refused a {coin} yen coin"
        assert k.pump_until(counted)
    assert k.pump_until(lambda: k.step in (Step.TAKE_ITEMS, Step.NOTICE))
    k.settle()


def _journal_of(k: ProofKiosk) -> PaymentState:
    """The one payment of the session, as the journal replays it."""
    [request_id] = k.center.request_ids
    states = [
        s for s in k.services.payment.journal.payments().values() if s.reference == request_id
    ]
    [state] = states
    assert state.closed or state.awaits_delivery
    return state


def _receipt_matches_journal(receipt: Ticket, state: PaymentState) -> None:
    amounts = _amounts(receipt)
    assert amounts["合計"] == state.fee_yen
    assert amounts["お預かり"] == state.credit_yen
    assert amounts["お釣り"] == state.change_yen
    assert amounts.get("お釣り（返金票）", 0) == state.refund_owed_yen
    assert (
        amounts["合計"] + amounts["お釣り"] + amounts.get("お釣り（返金票）", 0)
        == amounts["お預かり"]
    )


def _finish(k: ProofKiosk) -> list[Ticket]:
    """Take everything and go home; the receipt printer's tickets."""
    tickets = k.receipt.take_all()
    k.a4.take_all()
    flow = k.kiosk.flow
    if flow is not None:
        flow.acknowledge()
    assert k.pump_until(lambda: k.step is Step.HOME)
    k.settle()
    return tickets + k.receipt.take_all()


def test_overpayment_prints_what_went_in(kiosk: ProofKiosk, server: Server) -> None:
    k = kiosk
    _sign_in(k, server.applicants[0])
    _add(k, copies=2)
    _pay(k, [100, 500])
    assert k.step is Step.TAKE_ITEMS
    [receipt] = _finish(k)
    state = _journal_of(k)
    assert (state.credit_yen, state.fee_yen, state.change_yen) == (600, 400, 200)
    _receipt_matches_journal(receipt, state)
    assert "発行日時" in receipt.text
    assert "2026年12月7日 08:49" in receipt.text  # Tokyo's date, though the system runs in UTC
    assert k.services.payment.journal.balanced()


def test_exact_payment(kiosk: ProofKiosk, server: Server) -> None:
    k = kiosk
    _sign_in(k, server.applicants[0])
    _add(k, copies=1)
    _pay(k, [100, 100])
    [receipt] = _finish(k)
    state = _journal_of(k)
    assert (state.credit_yen, state.fee_yen, state.change_yen) == (200, 200, 0)
    _receipt_matches_journal(receipt, state)
    assert k.services.payment.journal.balanced()


def test_change_the_hoppers_cannot_pay_is_on_the_receipt_and_a_slip(
    kiosk: ProofKiosk, server: Server
) -> None:
    k = kiosk
    for hopper in k.hoppers.values():
        hopper.model.empty_after = 0
    _sign_in(k, server.applicants[0])
    _add(k, copies=2)
    _pay(k, [100, 500])
    tickets = _finish(k)
    slips = [t for t in tickets if "返金票" in t.lines[0].text]
    receipts = [t for t in tickets if "領収書" in t.lines[0].text]
    assert (len(slips), len(receipts)) == (1, 1)
    state = _journal_of(k)
    assert (state.credit_yen, state.fee_yen, state.change_yen, state.refund_owed_yen) == (
        600,
        400,
        0,
        200,
    )
    _receipt_matches_journal(receipts[0], state)
    slip = _amounts(slips[0])
    assert (slip["投入金額"], slip["手数料"], slip["払出済み"]) == (600, 400, 0)
    assert "返金額          200円" in slips[0].text
    _printed_in_tokyo_now(slips[0])
    assert k.services.payment.journal.balanced()


@pytest.mark.parametrize("hoppers_work", [True, False], ids=["coins back", "refund slip"])
@pytest.mark.parametrize("documents", [2, 1], ids=["second document", "second copy"])
def test_partial_refund_when_the_second_copy_is_not_printed(
    kiosk: ProofKiosk, server: Server, hoppers_work: bool, documents: int
) -> None:
    """Two copies of a 住民票 (as two documents, or one of two copies), 200 yen each: the paper
    runs out after the first. The fee is per copy: the first is paid, the second given back,
    and the receipt and refund slip say what was charged and returned, as the journal does."""
    k = kiosk
    if not hoppers_work:
        for hopper in k.hoppers.values():
            hopper.model.empty_after = 0
    _sign_in(k, server.applicants[0])
    if documents == 2:
        _add(k, copies=1, honseki=False)
        _add(k, copies=1, honseki=True)  # a second document
    else:
        _add(k, copies=2)
    k.a4.paper_sheets = 1  # the first copy's one sheet, then the paper runs out
    _pay(k, [100, 100, 100, 100])
    assert k.step is Step.NOTICE
    tickets = _finish(k)
    state = _journal_of(k)
    assert state.credit_yen == 400
    assert state.fee_yen == 200  # the second copy's fee was given back
    assert state.closed
    assert k.services.payment.journal.balanced()
    [receipt] = [t for t in tickets if "領収書" in t.lines[0].text]  # the copy paid for
    _receipt_matches_journal(receipt, state)
    assert "住民票の写し ×1" in receipt.text
    slips = [t for t in tickets if "返金票" in t.lines[0].text]
    if hoppers_work:
        assert (state.change_yen, state.refund_owed_yen, slips) == (200, 0, [])
    else:
        assert (state.change_yen, state.refund_owed_yen, len(slips)) == (0, 200, 1)
        slip = _amounts(slips[0])
        assert (slip["投入金額"], slip["手数料"], slip["払出済み"]) == (400, 200, 0)
        assert slip["投入金額"] == slip["手数料"] + slip["払出済み"] + state.refund_owed_yen
