"""The card directory rows of a municipality's residents (what the JPKI side gives the center).

``shomei-center cards import`` reads the CSV: issuer (RFC 4514), serial, municipality code;
``shomei-server cards --out FILE`` writes it for a server's registry (the demo's: its CA's cards).
"""

from __future__ import annotations

import csv
from collections.abc import Container, Iterable
from pathlib import Path

from cryptography import x509

from issuance_server.registry import CardRecord, Registry

HEADER = ("issuer", "serial", "municipality")


def resident_card_rows(
    registry: Registry, ca_certificate: x509.Certificate, municipality_code: str
) -> list[tuple[str, int, str]]:
    """(issuer, serial, code) of every card whose holder lives in the municipality (住所地)."""
    residents = {p.id for p in registry.persons if p.residence is not None}
    return card_rows(registry.cards, residents, ca_certificate, municipality_code)


def card_rows(
    cards: Iterable[CardRecord],
    residents: Container[str],
    ca_certificate: x509.Certificate,
    municipality_code: str,
) -> list[tuple[str, int, str]]:
    """(issuer, serial, code) of each of ``cards`` whose holder is one of ``residents``."""
    issuer = ca_certificate.subject.rfc4514_string()
    return [
        (issuer, card.serial, municipality_code) for card in cards if card.person_id in residents
    ]


def write_card_directory(path: Path, rows: list[tuple[str, int, str]]) -> None:
    """Write the rows as the center imports them."""
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        writer.writerows(rows)
