"""No money is taken when the printer cannot print, and the home screen says what it can serve.

The kiosk window on ``sim:`` devices: the A4 printer's switches (as on the simulator panel) and
a coin acceptor that stops answering its ccTalk polls.
"""

from __future__ import annotations

from unittest import mock

from issuance_server.embedded_link import EmbeddedCenterLink
from kiosk_app.availability import Device, DeviceState, Problem
from kiosk_app.payment.journal import EntryKind
from kiosk_app.screens.texts import Texts
from kiosk_app.session.steps import Ending, Notice, NoticeKind, Step
from tests.kiosk_app.gui.test_issuance import sign_in
from tests.kiosk_app.small_disk import FullDiskConnection
from tests.support.card_holders import CardHolder
from tests.support.gui import WAIT_MS, KioskUnderTest


def _payments(kiosk: KioskUnderTest) -> list[str]:
    """The payments the money journal holds."""
    entries = kiosk.services.payment.journal.entries()
    return [e.payment_id for e in entries if e.kind is EntryKind.OPENED]


def _orders(kiosk: KioskUnderTest) -> int:
    """The requests the (embedded) server's issuance log holds."""
    center = kiosk.services.center
    assert isinstance(center, EmbeddedCenterLink)
    return center.service.store.issuance_count()


def _issue_offered(kiosk: KioskUnderTest) -> bool:
    return kiosk.step is Step.HOME and kiosk.window.home.issue_button.isEnabled()


def _back_home(kiosk: KioskUnderTest) -> None:
    kiosk.tap("noticeOkButton")
    kiosk.wait_step(Step.HOME)
    assert kiosk.window.kiosk.last_ending is Ending.ERROR


def test_paper_out_before_a_session_refuses_before_the_pin(
    kiosk: KioskUnderTest, resident: CardHolder
) -> None:
    kiosk.a4.paper_out = True
    kiosk.place_card(resident)  # the card is already on the reader: it is not read
    # the reader's event thread tells the kiosk: wait until it knows, or the notice (computed
    # when the printer check fails on a worker) may come before and not ask for the card back
    kiosk.qtbot.waitUntil(lambda: kiosk.window.kiosk.card_on_reader, timeout=WAIT_MS)
    kiosk.tap("issueButton")
    kiosk.wait_step(Step.NOTICE)
    notice = Notice(NoticeKind.PAPER_OUT, take_card=True, before_payment=True)
    assert kiosk.text("noticeMessage") == Texts().notice(notice)
    assert "料金はいただいていません" in kiosk.text("noticeMessage")  # nothing was charged
    assert kiosk.card is not None
    assert kiosk.card.tries_left == 3
    assert _payments(kiosk) == []
    assert _orders(kiosk) == 0
    kiosk.remove_card()
    _back_home(kiosk)
    home = kiosk.window.home
    assert not home.issue_button.isEnabled()
    assert home.issue_button.text() == "証明書の交付：休止中\n（プリンターの用紙切れ）"
    assert home.registration_button.isEnabled()
    assert home.status_button.isEnabled()


def test_paper_out_between_pin_and_confirm_orders_nothing(
    kiosk: KioskUnderTest, resident: CardHolder
) -> None:
    sign_in(kiosk, resident)
    kiosk.tap("menu_juminhyo")
    kiosk.wait_step(Step.OPTIONS)
    kiosk.tap("optionsNextButton")
    kiosk.wait_step(Step.COPIES)
    kiosk.tap("copiesNextButton")
    kiosk.wait_step(Step.CONFIRM)
    kiosk.a4.paper_out = True
    kiosk.tap("confirmButton")
    kiosk.wait_step(Step.NOTICE)
    expected = Texts().notice(Notice(NoticeKind.PAPER_OUT, before_payment=True))
    assert kiosk.text("noticeMessage") == expected
    assert _orders(kiosk) == 0  # no request ordered at the server
    assert _payments(kiosk) == []  # no payment opened
    assert kiosk.services.payment.current is None
    assert kiosk.a4.tray == []
    _back_home(kiosk)
    assert not kiosk.window.home.issue_button.isEnabled()


def test_fixed_printer_is_offered_again_after_the_recheck(kiosk: KioskUnderTest) -> None:
    window = kiosk.window
    kiosk.a4.jam = True
    window.check_printers()  # what the timer does every 30 s
    kiosk.qtbot.waitUntil(lambda: not window.home.issue_button.isEnabled(), timeout=WAIT_MS)
    assert window.home.issue_button.text() == "証明書の交付：休止中\n（プリンターの不具合）"
    assert window.home.issuance_blocker == DeviceState(Device.A4_PRINTER, Problem.FAULT)
    kiosk.a4.jam = False
    window.printer_check_timer.setInterval(50)  # instead of 30 s
    kiosk.qtbot.waitUntil(lambda: _issue_offered(kiosk), timeout=WAIT_MS)
    assert window.home.issue_button.text() == "証明書の交付\n（マイナンバーカード）"
    assert window.home.issuance_blocker is None


def test_coin_acceptor_offline_takes_issuance_out_of_service(kiosk: KioskUnderTest) -> None:
    window = kiosk.window
    acceptor = kiosk.acceptor
    acceptor.poll_interval = 0.02
    acceptor.link.retries = 0
    with kiosk.qtbot.waitSignal(window.bridge.device_state, timeout=WAIT_MS):
        acceptor.faults.drop_replies = 1_000_000  # no answer to any poll: offline
    kiosk.qtbot.waitUntil(lambda: not window.home.issue_button.isEnabled(), timeout=WAIT_MS)
    assert window.home.issue_button.text() == "証明書の交付：休止中\n（硬貨投入口が使用できません）"
    # registration and the status check need no coins: still offered
    kiosk.tap("registrationButton")
    kiosk.wait_step(Step.REG_TOWN)
    kiosk.tap("cancelButton")
    kiosk.qtbot.waitUntil(lambda: kiosk.step in (Step.NOTICE, Step.HOME), timeout=WAIT_MS)
    if kiosk.step is Step.NOTICE:
        kiosk.tap("noticeOkButton")
    kiosk.wait_step(Step.HOME)
    assert not window.home.issue_button.isEnabled()
    assert window.home.registration_button.isEnabled()
    acceptor.faults.drop_replies = 0  # it answers again: online
    kiosk.qtbot.waitUntil(lambda: _issue_offered(kiosk), timeout=WAIT_MS)
    assert window.home.issue_button.text() == "証明書の交付\n（マイナンバーカード）"


def test_a_journal_that_cannot_be_written_takes_issuance_out_of_service(
    kiosk: KioskUnderTest,
) -> None:
    window, payment, acceptor = kiosk.window, kiosk.services.payment, kiosk.acceptor
    journal = payment.journal
    payment.journal_retry_s = 0.05
    acceptor.poll_interval = 0.02
    acceptor.link.retries = 0
    disk_full = [True]
    with mock.patch.object(journal, "_db", FullDiskConnection(journal._db, lambda: disk_full[0])):
        acceptor.faults.drop_replies = 1_000_000  # offline: an alert the journal cannot take
        journal_fault = DeviceState(Device.MONEY_JOURNAL, Problem.FAULT)
        kiosk.qtbot.waitUntil(
            lambda: window.home.issuance_blocker == journal_fault, timeout=WAIT_MS
        )
        assert not window.home.issue_button.isEnabled()
        assert window.home.issue_button.text() == "証明書の交付：休止中\n（料金を記録できません）"
        assert window.home.registration_button.isEnabled()  # no money involved
        assert not payment.journal_writable
        acceptor.faults.drop_replies = 0
        disk_full[0] = False  # space returns: the waiting entries are written, issuance is back
        kiosk.qtbot.waitUntil(lambda: _issue_offered(kiosk), timeout=WAIT_MS)
    alerts = [e.detail.get("alert") for e in journal.entries() if e.kind is EntryKind.ALERT]
    assert alerts[-2:] == ["acceptor_offline", "acceptor_online"]
    assert journal.balanced()
