"""Rules for the text fields typed on the kiosk's keypads and kana keyboard."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass


def is_kana(char: str) -> bool:
    """True for hiragana, katakana, the long-vowel mark and the ideographic space."""
    if char in "ー　":
        return True
    name = unicodedata.name(char, "")
    return name.startswith(("HIRAGANA LETTER", "KATAKANA LETTER"))


def parse_date(text: str) -> dt.date | None:
    """``YYYYMMDD`` → date, or None."""
    if not re.fullmatch(r"\d{8}", text):
        return None
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None


@dataclass(frozen=True)
class FieldRule:
    """Which characters a field takes, how many, and when it is complete."""

    allowed: Callable[[str], bool]
    max_length: int
    complete: Callable[[str], bool]


def _digits(char: str) -> bool:
    return char.isascii() and char.isdigit()


def _past_date(text: str) -> bool:
    date = parse_date(text)
    return date is not None and dt.date(1900, 1, 1) <= date <= dt.date.today()


def _future_date(text: str) -> bool:
    date = parse_date(text)
    return date is not None and date >= dt.date.today()


BANCHI = FieldRule(lambda c: _digits(c) or c == "-", 16, lambda t: bool(t) and t[0] != "-")
READING = FieldRule(is_kana, 40, lambda t: bool(t.strip("　")))
PHONE = FieldRule(_digits, 11, lambda t: len(t) in (10, 11) and t.startswith("0"))
BIRTH_DATE = FieldRule(_digits, 8, _past_date)
CARD_EXPIRY = FieldRule(_digits, 8, _future_date)
SECURITY_CODE = FieldRule(_digits, 4, lambda t: len(t) == 4)
APPLICATION_NUMBER = FieldRule(lambda c: _digits(c) or c == "-", 20, lambda t: len(t) >= 4)


def typed(rule: FieldRule, text: str, char: str) -> str:
    """``text`` with ``char`` appended if the rule allows it."""
    if len(char) == 1 and rule.allowed(char) and len(text) < rule.max_length:
        return text + char
    return text
