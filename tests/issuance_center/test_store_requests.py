"""A relayed request's row is opened once: a second open with the same key returns it unchanged."""

from __future__ import annotations

import asyncio
import datetime as dt

from issuance_center.store import CenterStore
from issuance_contract.issuance_status import IssuanceStatus

WHEN = dt.datetime(2026, 11, 27, 1, 0, tzinfo=dt.UTC)


def test_opening_a_key_twice_keeps_the_first_row(center_database_url: str) -> None:
    store = CenterStore(center_database_url)
    try:
        first = asyncio.run(store.open_request("K1", "key-0001", "架空ストア", "999991", WHEN))
        later = WHEN + dt.timedelta(minutes=5)
        again = asyncio.run(store.open_request("K1", "key-0001", "模擬マート", "999992", later))
        other = asyncio.run(store.open_request("K2", "key-0001", "模擬マート", "999992", later))
    finally:
        store.close()
    assert first.status == IssuanceStatus.PENDING
    assert first.request_id is None
    assert (first.municipality, first.created_at) == ("999991", WHEN)
    assert again == first  # the relay then refuses a key reused for another municipality
    assert (other.kiosk_id, other.municipality, other.created_at) == ("K2", "999992", later)
