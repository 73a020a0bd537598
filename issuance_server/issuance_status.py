"""Where a request stands in the municipality's issuance log (the ``issuances.status`` column)."""

from __future__ import annotations

from enum import StrEnum


class IssuanceStatus(StrEnum):
    """A request's state: issued (documents rendered, outcome not known), then printed
    (at least one document delivered, its fee kept) or cancelled (nothing kept)."""

    ISSUED = "issued"
    PRINTED = "printed"
    CANCELLED = "cancelled"
