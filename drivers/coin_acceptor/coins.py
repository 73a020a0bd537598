"""Coin identifiers (``JP100A``), their yen values, and the readable names of device event codes."""

from __future__ import annotations

import re
from dataclasses import dataclass

_COIN_ID = re.compile(r"^([A-Z]{2})([0-9A-Z.]{3})([A-Z0-9])$")
_MULTIPLIERS = {"m": 0.001, ".": 1, "K": 1000, "M": 1_000_000}


@dataclass(frozen=True)
class CoinType:
    """One programmed coin position: its ccTalk coin id and, for yen coins, the value."""

    position: int
    coin_id: str
    value_yen: int | None


def parse_coin_id(position: int, raw: bytes) -> CoinType | None:
    """The coin in a header-184 reply, or None for an empty position (``......`` or blanks)."""
    text = raw.decode("ascii", errors="replace").strip()
    if not text or set(text) <= {".", "\x00"}:
        return None
    match = _COIN_ID.match(text)
    if match is None:
        return CoinType(position, text, None)
    country, value_code, _issue = match.groups()
    return CoinType(position, text, _yen_value(value_code) if country == "JP" else None)


def _yen_value(code: str) -> int | None:
    for marker, factor in _MULTIPLIERS.items():
        if marker in code:
            whole, _, fraction = code.partition(marker)
            if not (whole + fraction).isdigit():
                return None
            value = float(f"{whole or 0}.{fraction or 0}") * factor
            return int(value) if value.is_integer() and value > 0 else None
    return int(code) if code.isdigit() and int(code) > 0 else None


#: Header 229 error events (result A = 0, code B), from the ccTalk generic specification.
ACCEPTOR_EVENTS: dict[int, str] = {
    0: "null event",
    1: "reject coin",
    2: "inhibited coin",
    3: "multiple window",
    4: "wake-up timeout",
    5: "validation timeout",
    6: "credit sensor timeout",
    7: "sorter opto timeout",
    8: "second close coin error",
    9: "accept gate not ready",
    10: "credit sensor not ready",
    11: "sorter not ready",
    12: "reject coin not cleared",
    13: "validation sensor not ready",
    14: "credit sensor blocked",
    15: "sorter opto blocked",
    16: "credit sequence error",
    17: "coin going backwards",
    18: "coin too fast (over credit sensor)",
    19: "coin too slow (over credit sensor)",
    20: "coin on string mechanism activated",
    21: "DCE opto timeout",
    22: "DCE opto not seen",
    23: "credit sensor reached too early",
    24: "reject coin (repeated sequential trip)",
    25: "reject slug",
    26: "reject sensor blocked",
    27: "games overload",
    28: "max. coin meter pulses exceeded",
    29: "accept gate open not closed",
    30: "accept gate closed not open",
    31: "manifold opto timeout",
    32: "manifold opto blocked",
    33: "manifold not ready",
    34: "security status changed",
    35: "motor exception",
    254: "coin return mechanism activated",
    255: "unspecified alarm code",
}

#: Events that mean the mechanism needs attention (not just a coin handed back).
ACCEPTOR_ALARMS = frozenset({14, 15, 17, 20, 26, 32, 34, 35, 255})

#: Header 232 self-check fault codes (the common ones).
FAULT_CODES: dict[int, str] = {
    0: "OK",
    1: "EEPROM checksum corrupted",
    2: "fault on inductive coils",
    3: "fault on credit sensor",
    4: "fault on piezo sensor",
    5: "fault on reflective sensor",
    6: "fault on diameter sensor",
    7: "fault on wake-up sensor",
    8: "fault on sorter exit sensors",
    9: "NVRAM checksum corrupted",
    18: "fault on reject sensor",
    19: "fault on coin return mechanism",
    20: "fault on C.O.S. mechanism",
    30: "ROM checksum mismatch",
    33: "supply voltage outside operating limits",
    34: "temperature outside operating limits",
    255: "unspecified fault code",
}


def describe_event(code: int) -> str:
    """A readable reason for a header-229 error event code."""
    if 128 <= code <= 159:
        return f"inhibited coin (type {code - 127})"
    return ACCEPTOR_EVENTS.get(code, f"event code {code}")


def describe_fault(code: int) -> str:
    """A readable reason for a header-232 self-check fault code."""
    return FAULT_CODES.get(code, f"fault code {code}")
