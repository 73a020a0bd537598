"""What a store-kiosk fault cell does to a municipality behind the relay center, and which.

Apart from tests/proof/center_harness.py so that the fault table can name them without
importing the center's stack (aiohttp, FastAPI, psycopg_pool) into every process that reads
the table: the soak's kiosk process did, and its RSS baseline rose by 33 MiB.
"""

from __future__ import annotations

from enum import StrEnum

from issuance_server.demo_municipalities import DEMO_MUNICIPALITIES

#: The municipality of the fault matrix's applicant (架空市, the single-city demo's city).
HOME = DEMO_MUNICIPALITIES[0]
#: A municipality that keeps working while the applicant's is down or slow.
OTHER = DEMO_MUNICIPALITIES[1]


class UpstreamFault(StrEnum):
    """How one municipality misbehaves, as the center sees it."""

    DOWN = "down"  # its server cannot be reached: nothing reaches it
    SLOW = "slow"  # it does the work, but its reply comes after the center's time-out
