"""A worker's memory of the requests it issued: bounded, the oldest forgotten first."""

from __future__ import annotations

import datetime as dt

from issuance_center.relay import IssuedRequests
from issuance_center.store import RequestRow
from issuance_contract.issuance_status import IssuanceStatus


def _row(key: str) -> RequestRow:
    when = dt.datetime(2026, 11, 27, 1, 0, tzinfo=dt.UTC)
    return RequestRow(
        "K1", key, "架空ストア", "999991", key, when, IssuanceStatus.ISSUED, 300, None, []
    )


def test_the_oldest_issued_request_is_forgotten_first_and_a_closed_one_at_once() -> None:
    issued = IssuedRequests(kept=2)
    for key in ("r1", "r2", "r3"):
        issued.remember(key, _row(key))
    assert issued.get("r1") is None  # read from the database again
    assert issued.get("r2") == _row("r2")
    issued.forget("r2")
    assert issued.get("r2") is None
    assert issued.get("r3") == _row("r3")
