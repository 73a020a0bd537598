"""Job-completed events: the subscription requests and the event notification groups read back."""

from __future__ import annotations

import asyncio

import aiohttp
from pyipp.enums import IppTag

from drivers.printer.ipp_client import IppClient
from drivers.printer.ipp_events import (
    CANCEL_SUBSCRIPTION,
    CREATE_PRINTER_SUBSCRIPTIONS,
    GET_NOTIFICATIONS,
    JobEnd,
    JobEventSubscription,
)
from drivers.printer.ipp_target import ipp_target
from drivers.printer.ipp_wire import IppReply
from tests.drivers.printer.fake_ipp import fake_ipp_printer, reply


def answer(request: IppReply) -> bytes:
    """A printer with subscription 5 and two job-completed events."""
    if request.status == CREATE_PRINTER_SUBSCRIPTIONS:
        return reply(0, [(IppTag.SUBSCRIPTION, [("notify-subscription-id", IppTag.INTEGER, 5)])])
    if request.status == GET_NOTIFICATIONS:
        events = [
            (
                IppTag.EVENT_NOTIFICATION,
                [
                    ("notify-job-id", IppTag.INTEGER, job_id),
                    ("job-state", IppTag.ENUM, state),
                    ("job-state-reasons", IppTag.KEYWORD, ["a", "b"]),
                    ("job-impressions-completed", IppTag.INTEGER, 3),
                ],
            )
            for job_id, state in ((4, 9), (5, 7))
        ]
        return reply(0, events)
    return reply(0, [])


def test_the_job_end_is_read_from_its_event_and_the_subscription_cancelled() -> None:
    async def follow(url: str) -> tuple[bool, JobEnd | None, JobEnd | None]:
        async with aiohttp.ClientSession() as session:
            events = JobEventSubscription(IppClient(session, ipp_target(url), "t", 5))
            created = await events.create()
            found = await events.job_end(5), await events.job_end(6)
            await events.cancel()
            return created, *found

    with fake_ipp_printer(answer) as printer:
        created, end, missing = asyncio.run(follow(printer.url))
    assert created
    assert end == JobEnd(7, 3)
    assert missing is None
    assert [r.status for r in printer.requests] == [
        CREATE_PRINTER_SUBSCRIPTIONS,
        GET_NOTIFICATIONS,
        GET_NOTIFICATIONS,
        CANCEL_SUBSCRIPTION,
    ]
    cancel = printer.requests[-1].first(IppTag.OPERATION)
    assert cancel["notify-subscription-id"] == 5


def test_a_printer_without_subscriptions_is_no_error() -> None:
    async def subscribe(url: str) -> bool:
        async with aiohttp.ClientSession() as session:
            return await JobEventSubscription(IppClient(session, ipp_target(url), "t", 5)).create()

    with fake_ipp_printer(lambda request: reply(0x0501, [])) as printer:
        assert asyncio.run(subscribe(printer.url)) is False
