"""Job-completed events through an IPP printer subscription (pull method ``ippget``).

CUPS run with ``PreserveJobHistory No`` forgets a job the moment it ends, so Get-Job-Attributes
cannot tell how it ended; the job-completed event can (job-state, job-impressions-completed).
pyipp has no subscription operations and cannot parse event-notification groups, so this module
builds those three requests from pyipp's attribute encoder and reads the replies with pyipp's
attribute parser, group by group.
"""

from __future__ import annotations

import logging
import random
import struct
from dataclasses import dataclass
from typing import Any

import aiohttp
from pyipp.enums import IppTag
from pyipp.parser import parse_attribute
from pyipp.serializer import construct_attribute
from yarl import URL

logger = logging.getLogger(__name__)

CREATE_PRINTER_SUBSCRIPTIONS = 0x0016
CANCEL_SUBSCRIPTION = 0x001B
GET_NOTIFICATIONS = 0x001C
LEASE_SECONDS = 600

Attribute = tuple[str, IppTag, Any]


@dataclass(frozen=True)
class JobEnd:
    """How a job ended, from its job-completed event."""

    job_state: int
    impressions_completed: int


def encode_request(operation: int, groups: list[tuple[IppTag, list[Attribute]]]) -> bytes:
    """An IPP/2.0 request with the given attribute groups."""
    data = struct.pack(">bbhi", 2, 0, operation, random.randint(1, 2**31 - 1))
    for group, attributes in groups:
        data += bytes([group.value])
        for name, tag, value in attributes:
            data += construct_attribute(name, value, tag)
    return data + bytes([IppTag.END.value])


def decode_response(data: bytes) -> tuple[int, list[tuple[int, dict[str, Any]]]]:
    """The status code and the attribute groups (group tag, name → value or list) of a reply."""
    status = int(struct.unpack_from(">h", data, 2)[0])
    groups: list[tuple[int, dict[str, Any]]] = []
    offset, previous = 8, ""
    while offset < len(data) and data[offset] != IppTag.END.value:
        if data[offset] < 0x10:
            groups.append((data[offset], {}))
            offset += 1
            continue
        if not groups:
            raise ValueError("IPP attribute outside any group")
        attribute, offset = parse_attribute(data, offset, previous)
        values = groups[-1][1]
        if attribute["name"]:
            previous = attribute["name"]
            values[previous] = attribute.get("value")
        elif previous in values:
            current = values[previous]
            values[previous] = [*(current if isinstance(current, list) else [current])]
            values[previous].append(attribute.get("value"))
    return status, groups


class JobEventSubscription:
    """A printer subscription to job-completed events, read with Get-Notifications."""

    def __init__(self, session: aiohttp.ClientSession, printer_uri: str, user: str) -> None:
        self._session = session
        self._uri = printer_uri
        self._user = user
        self.subscription_id: int | None = None

    def _target(self) -> list[Attribute]:
        return [
            ("attributes-charset", IppTag.CHARSET, "utf-8"),
            ("attributes-natural-language", IppTag.LANGUAGE, "en"),
            ("printer-uri", IppTag.URI, self._uri),
            ("requesting-user-name", IppTag.NAME, self._user),
        ]

    async def _post(self, request: bytes) -> tuple[int, list[tuple[int, dict[str, Any]]]]:
        url = URL(self._uri)
        http_url = url.with_scheme("https" if url.scheme == "ipps" else "http")
        if http_url.explicit_port is None:
            http_url = http_url.with_port(631)
        async with self._session.post(
            http_url, data=request, headers={"Content-Type": "application/ipp"}, ssl=False
        ) as response:
            response.raise_for_status()
            return decode_response(await response.read())

    async def create(self) -> bool:
        """Subscribe; False when the printer does not support subscriptions."""
        request = encode_request(
            CREATE_PRINTER_SUBSCRIPTIONS,
            [
                (IppTag.OPERATION, self._target()),
                (
                    IppTag.SUBSCRIPTION,
                    [
                        ("notify-pull-method", IppTag.KEYWORD, "ippget"),
                        ("notify-events", IppTag.KEYWORD, "job-completed"),
                        ("notify-lease-duration", IppTag.INTEGER, LEASE_SECONDS),
                    ],
                ),
            ],
        )
        try:
            status, groups = await self._post(request)
        except (aiohttp.ClientError, TimeoutError, ValueError, struct.error) as exc:
            logger.debug("no job event subscription: %s", exc)
            return False
        for tag, values in groups:
            if tag == IppTag.SUBSCRIPTION.value and "notify-subscription-id" in values:
                self.subscription_id = int(values["notify-subscription-id"])
        if status >= 0x0100 or self.subscription_id is None:
            logger.debug("the printer refused a job event subscription (status %#06x)", status)
            return False
        return True

    async def job_end(self, job_id: int) -> JobEnd | None:
        """The job-completed event of ``job_id``, if the printer has sent it."""
        if self.subscription_id is None:
            return None
        request = encode_request(
            GET_NOTIFICATIONS,
            [
                (
                    IppTag.OPERATION,
                    [
                        *self._target(),
                        ("notify-subscription-ids", IppTag.INTEGER, self.subscription_id),
                        ("notify-sequence-numbers", IppTag.INTEGER, 1),
                        ("notify-wait", IppTag.BOOLEAN, False),
                    ],
                )
            ],
        )
        try:
            _, groups = await self._post(request)
        except (aiohttp.ClientError, TimeoutError, ValueError, struct.error) as exc:
            logger.warning("Get-Notifications failed: %s", exc)
            return None
        for tag, values in groups:
            if tag == IppTag.EVENT_NOTIFICATION.value and values.get("notify-job-id") == job_id:
                return JobEnd(
                    int(values.get("job-state", 0)),
                    int(values.get("job-impressions-completed") or 0),
                )
        return None

    async def cancel(self) -> None:
        """End the subscription (it would expire after its lease anyway)."""
        if self.subscription_id is None:
            return
        request = encode_request(
            CANCEL_SUBSCRIPTION,
            [
                (
                    IppTag.OPERATION,
                    [
                        *self._target(),
                        ("notify-subscription-id", IppTag.INTEGER, self.subscription_id),
                    ],
                )
            ],
        )
        try:
            await self._post(request)
        except (aiohttp.ClientError, TimeoutError, ValueError, struct.error) as exc:
            logger.debug("Cancel-Subscription failed: %s", exc)
        self.subscription_id = None
