"""Where a request stands: the municipality's issuance log (``issuances.status``) and the
relay center's routing record (``requests.status``)."""

from __future__ import annotations

from enum import StrEnum


class IssuanceStatus(StrEnum):
    """A request's state: pending (the center relayed it, the municipality has not answered),
    issued (documents rendered, outcome not known), then printed (at least one document
    delivered, its fee kept) or cancelled (nothing kept)."""

    PENDING = "pending"
    ISSUED = "issued"
    PRINTED = "printed"
    CANCELLED = "cancelled"
