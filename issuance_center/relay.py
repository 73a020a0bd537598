"""The center's routing state and calls: which municipality a kiosk's call goes to, and how.

One ``Relay`` per worker process; the database holds everything shared between workers.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

import msgspec
from pydantic import BaseModel, ValidationError
from starlette.concurrency import run_in_threadpool

from issuance_center.card_check import CardChecker
from issuance_center.store import CenterStore, Municipality, RequestRow
from issuance_center.upstream import (
    UpstreamReply,
    Upstreams,
    UpstreamTimeoutError,
    UpstreamUnavailableError,
)
from issuance_contract.errors import CenterRefusedError
from issuance_contract.kiosk_api import KioskIdentity

log = logging.getLogger(__name__)
DIRECTORY_SECONDS = 5.0  # how long a worker trusts its copy of the municipality directory
ISSUED_KEPT = 4096  # issued requests a worker remembers for their outcome (the oldest go first)
M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")
Clock = Callable[[], dt.datetime]


class RefusedError(CenterRefusedError):
    """The center refuses the call itself (nothing relayed)."""


def parse(model: type[M], reply: UpstreamReply) -> M:
    try:
        return model.model_validate_json(reply.body)
    except ValidationError as exc:
        raise RefusedError("municipality_unavailable", "a malformed reply") from exc


class _RoutedDocument(msgspec.Struct):
    """What the center keeps of a relayed document (its sealed PDF is not even decoded)."""

    document_id: str
    certificate_type: str
    copies: int
    fee_yen: int = 0


class _RoutedIssuance(msgspec.Struct):
    """What the center reads of a municipality's Issuance (the rest passes on untouched)."""

    request_id: str
    total_fee_yen: int
    documents: list[_RoutedDocument]
    sealed_by: str | None = None


def routing_of(reply: UpstreamReply) -> _RoutedIssuance:
    try:
        return msgspec.json.decode(reply.body, type=_RoutedIssuance)
    except (msgspec.DecodeError, msgspec.ValidationError) as exc:
        raise RefusedError("municipality_unavailable", "a malformed reply") from exc


def upstream_key(kiosk_id: str, key: str) -> str:
    """The idempotency key sent on: one per (kiosk, key), so two kiosks never collide."""
    raw = hashlib.sha256(f"{kiosk_id}\n{key}".encode()).digest()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


class IssuedRequests:
    """The requests this worker relayed an issuance for, by the municipality's request id.

    What an outcome or a cancel needs of its request (the kiosk, the municipality, the key, the
    documents and their fees) is fixed once it was issued, so it is taken from here instead of
    read again from the database before the call is relayed; the status, which is not, is the
    municipality's to check. Another worker's request, or one forgotten, is read as before.
    """

    def __init__(self, kept: int = ISSUED_KEPT) -> None:
        self._kept = kept
        self._rows: OrderedDict[str, RequestRow] = OrderedDict()

    def remember(self, request_id: str, row: RequestRow) -> None:
        self._rows[request_id] = row
        self._rows.move_to_end(request_id)
        while len(self._rows) > self._kept:
            self._rows.popitem(last=False)

    def get(self, request_id: str) -> RequestRow | None:
        return self._rows.get(request_id)

    def forget(self, request_id: str) -> None:
        self._rows.pop(request_id, None)


class Relay:
    """The routing logic behind the API, one per worker process."""

    def __init__(
        self,
        store: CenterStore,
        checker: CardChecker,
        upstreams: Upstreams,
        *,
        request_timeout: float,
        session_seconds: float,
        challenge_seconds: float,
        clock: Clock,
    ) -> None:
        self.store = store
        self.checker = checker
        self.upstreams = upstreams
        self.request_timeout = request_timeout
        self.session_seconds = session_seconds
        self.challenge_seconds = challenge_seconds
        self.clock = clock
        self._directory: tuple[float, dict[str, Municipality]] = (-DIRECTORY_SECONDS, {})
        self.issued = IssuedRequests()

    async def db(self, job: Callable[..., T], *args: Any) -> T:
        """Run a store call off the event loop."""
        return await run_in_threadpool(job, *args)

    async def municipality(self, code: str) -> Municipality:
        """An enabled municipality by code (directory cached for a few seconds)."""
        loaded, known = self._directory
        if time.monotonic() - loaded > DIRECTORY_SECONDS or code not in known:
            known = {m.code: m for m in await self.db(self.store.municipalities)}
            self._directory = (time.monotonic(), known)
        found = known.get(code)
        if found is None or not found.enabled:
            raise RefusedError("unknown_municipality", code)
        return found

    async def call(self, m: Municipality, method: str, path: str, **kw: Any) -> UpstreamReply:
        """One relayed call; unreachable or timed-out municipalities become refusals naming it."""
        try:
            return await self.upstreams.call(m, method, path, **kw)
        except UpstreamTimeoutError as exc:
            raise RefusedError("request_timeout", m.code) from exc
        except UpstreamUnavailableError as exc:
            log.warning("municipality %s unavailable", m.code)
            raise RefusedError("municipality_unavailable", f"{m.code} {m.name}") from exc

    async def session(self, kiosk: KioskIdentity, token: str) -> Municipality:
        """The municipality of a session of this kiosk."""
        found = await self.store.session(token)
        if found is None:
            raise RefusedError("invalid_session")
        kiosk_id, code, expires = found
        if kiosk_id != kiosk.id:
            raise RefusedError("wrong_kiosk")
        if expires < self.clock():
            raise RefusedError("session_expired")
        return await self.municipality(code)


async def own_request(relay: Relay, kiosk: KioskIdentity, request_id: str) -> RequestRow:
    """A request this kiosk made (by the municipality's request id), or RefusedError."""
    row = relay.issued.get(request_id) or await relay.store.request(request_id)
    if row is None or row.kiosk_id != kiosk.id:
        raise RefusedError("unknown_request")
    return row
