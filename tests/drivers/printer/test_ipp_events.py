"""The subscription requests and event replies built on pyipp's attribute codec."""

from __future__ import annotations

import struct

import pytest
from pyipp.enums import IppTag
from pyipp.serializer import construct_attribute

from drivers.printer.ipp_events import (
    CREATE_PRINTER_SUBSCRIPTIONS,
    decode_response,
    encode_request,
)


def test_request_header_and_groups() -> None:
    data = encode_request(
        CREATE_PRINTER_SUBSCRIPTIONS,
        [
            (IppTag.OPERATION, [("attributes-charset", IppTag.CHARSET, "utf-8")]),
            (IppTag.SUBSCRIPTION, [("notify-events", IppTag.KEYWORD, "job-completed")]),
        ],
    )
    assert data[:4] == b"\x02\x00\x00\x16"
    assert data[8] == IppTag.OPERATION.value
    assert b"\x06\x44\x00\x0dnotify-events\x00\x0djob-completed" in data
    assert data[-1] == IppTag.END.value


def test_event_notification_groups_are_read() -> None:
    reply = struct.pack(">bbhi", 2, 0, 0, 7)
    reply += bytes([IppTag.OPERATION.value])
    reply += construct_attribute("attributes-charset", "utf-8", IppTag.CHARSET)
    for job_id, state in ((4, 9), (5, 7)):
        reply += bytes([IppTag.EVENT_NOTIFICATION.value])
        reply += construct_attribute("notify-job-id", job_id, IppTag.INTEGER)
        reply += construct_attribute("job-state", state, IppTag.ENUM)
        reply += construct_attribute("job-state-reasons", ["a", "b"], IppTag.KEYWORD)
    reply += bytes([IppTag.END.value])

    status, groups = decode_response(reply)

    assert status == 0
    assert [tag for tag, _ in groups] == [1, 7, 7]
    assert groups[2][1]["notify-job-id"] == 5
    assert int(groups[2][1]["job-state"]) == 7
    assert groups[1][1]["job-state-reasons"] == ["a", "b"]


@pytest.mark.parametrize("garbage", [b"", b"\x02\x00", b"\x02\x00\x00\x00\x00\x00\x00\x01\x44\x00"])
def test_garbage_replies_raise_value_or_struct_errors(garbage: bytes) -> None:
    with pytest.raises((ValueError, struct.error)):
        decode_response(garbage)
