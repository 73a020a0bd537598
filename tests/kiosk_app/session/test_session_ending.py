"""Every session ending sends its cancel THEN ends the server session, never the other way."""

from __future__ import annotations

import threading

import pytest

from issuance_contract.certificates import CertificateType
from kiosk_app.session.model import PaymentProgress, PaymentResult
from kiosk_app.session.steps import Ending, Step
from tests.kiosk_app.session.conftest import Harness, step_of
from tests.kiosk_app.session.test_issuance_flow import order_juminhyo, to_menu


def test_the_cancel_reaches_the_server_before_the_session_ends(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    h = harness
    ended = threading.Event()
    order: list[str] = []

    def cancel_request(token: str, request_id: str) -> None:
        # Were end_session a job of its own, it would run meanwhile on the other worker.
        ended.wait(timeout=0.5)
        order.append("ended before cancel" if ended.is_set() else f"cancel {request_id}")

    def end_session(token: str) -> None:
        order.append("end_session")
        ended.set()

    monkeypatch.setattr(h.services, "cancel_request", cancel_request)
    monkeypatch.setattr(h.services, "end_session", end_session)
    flow = order_juminhyo(h, copies=1)
    h.kiosk.payment_updated(PaymentProgress(200, 100, 100))
    flow.cancel()
    h.wait_calls("cancel_payment")
    h.kiosk.payment_finished(
        PaymentResult(inserted_yen=100, fee_kept_yen=0, change_paid_yen=100, refund_owed_yen=0)
    )
    assert flow.ending is Ending.CANCELLED
    assert h.executor.pump(lambda: len(order) == 2, timeout=5), order
    assert order == ["cancel R1", "end_session"]


def test_an_order_whose_reply_never_came_is_cancelled_by_its_key(harness: Harness) -> None:
    h = harness
    h.services.issue_gate = threading.Event()  # the server is slow: no reply yet
    flow = to_menu(h)
    flow.choose(CertificateType.INKAN)
    flow.copies_done()
    flow.confirm()
    assert step_of(flow) is Step.DOWNLOADING
    h.wait_calls("issue")  # the printer was checked; the order is on its way
    flow.cancel()
    h.wait_calls("end_session")
    calls = h.services.calls
    assert calls.index("cancel_issue") < calls.index("end_session")
    h.services.issue_gate.set()
    h.wait_calls("cancel_request R1")  # the late reply is cancelled by its id as well
