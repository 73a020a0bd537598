"""The card directory rows of a municipality's residents (what the JPKI side gives the center).

``shomei-center cards import`` reads the CSV: issuer (RFC 4514), serial, municipality code.
"""

from __future__ import annotations

import csv
from pathlib import Path

from cryptography import x509

from issuance_server.registry import Registry

HEADER = ("issuer", "serial", "municipality")


def resident_card_rows(
    registry: Registry, ca_certificate: x509.Certificate, municipality_code: str
) -> list[tuple[str, int, str]]:
    """(issuer, serial, code) of every card whose holder lives in the municipality (住所地)."""
    issuer = ca_certificate.subject.rfc4514_string()
    residents = {p.id for p in registry.persons if p.residence is not None}
    return [
        (issuer, card.serial, municipality_code)
        for card in registry.cards
        if card.person_id in residents
    ]


def write_card_directory(path: Path, rows: list[tuple[str, int, str]]) -> None:
    """Write the rows as the center imports them."""
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        writer.writerows(rows)
