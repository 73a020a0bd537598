"""Job-completed events through an IPP printer subscription (pull method ``ippget``).

CUPS run with ``PreserveJobHistory No`` forgets a job the moment it ends, so Get-Job-Attributes
cannot tell how it ended; the job-completed event can (job-state, job-impressions-completed).
pyipp has no subscription operations, so this module sends Create-Printer-Subscriptions,
Get-Notifications and Cancel-Subscription through the driver's `IppClient`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from pyipp.enums import IppTag

from drivers.printer.errors import PrinterError
from drivers.printer.ipp_client import IppClient

logger = logging.getLogger(__name__)

CREATE_PRINTER_SUBSCRIPTIONS = 0x0016
CANCEL_SUBSCRIPTION = 0x001B
GET_NOTIFICATIONS = 0x001C
LEASE_SECONDS = 600
#: Status codes from 0x0200 on are errors (RFC 8011 §B.1).
FIRST_ERROR_STATUS = 0x0200


@dataclass(frozen=True)
class JobEnd:
    """How a job ended, from its job-completed event."""

    job_state: int
    impressions_completed: int


class JobEventSubscription:
    """A printer subscription to job-completed events, read with Get-Notifications."""

    def __init__(self, client: IppClient) -> None:
        self._client = client
        self.subscription_id: int | None = None

    async def create(self) -> bool:
        """Subscribe; False when the printer does not support subscriptions."""
        try:
            reply = await self._client.send(
                CREATE_PRINTER_SUBSCRIPTIONS,
                [],
                [
                    (
                        IppTag.SUBSCRIPTION,
                        [
                            ("notify-pull-method", IppTag.KEYWORD, "ippget"),
                            ("notify-events", IppTag.KEYWORD, "job-completed"),
                            ("notify-lease-duration", IppTag.INTEGER, LEASE_SECONDS),
                        ],
                    )
                ],
            )
        except PrinterError as exc:
            logger.debug("no job event subscription: %s", exc)
            return False
        identifier = reply.first(IppTag.SUBSCRIPTION).get("notify-subscription-id")
        if reply.status >= FIRST_ERROR_STATUS or not isinstance(identifier, int):
            logger.debug(
                "the printer refused a job event subscription (status %#06x)", reply.status
            )
            return False
        self.subscription_id = identifier
        return True

    async def job_end(self, job_id: int) -> JobEnd | None:
        """The job-completed event of ``job_id``, if the printer has sent it."""
        if self.subscription_id is None:
            return None
        try:
            reply = await self._client.send(
                GET_NOTIFICATIONS,
                [
                    ("notify-subscription-ids", IppTag.INTEGER, self.subscription_id),
                    ("notify-sequence-numbers", IppTag.INTEGER, 1),
                    ("notify-wait", IppTag.BOOLEAN, False),
                ],
            )
        except PrinterError as exc:
            logger.warning("Get-Notifications failed: %s", exc)
            return None
        for values in reply.all(IppTag.EVENT_NOTIFICATION):
            if values.get("notify-job-id") == job_id:
                state = values.get("job-state")
                impressions = values.get("job-impressions-completed")
                return JobEnd(
                    state if isinstance(state, int) else 0,
                    impressions if isinstance(impressions, int) else 0,
                )
        return None

    async def cancel(self) -> None:
        """End the subscription (it would expire after its lease anyway)."""
        if self.subscription_id is None:
            return
        try:
            await self._client.send(
                CANCEL_SUBSCRIPTION,
                [("notify-subscription-id", IppTag.INTEGER, self.subscription_id)],
            )
        except PrinterError as exc:
            logger.debug("Cancel-Subscription failed: %s", exc)
        self.subscription_id = None
