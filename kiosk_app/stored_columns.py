"""Columns of the kiosk's own SQLite files read back as what they should hold, or named as not.

A file can be damaged (a bit flip, a column of the wrong type, text that is not UTF-8) and
Python's sqlite3 raises for the whole query when one text value is not UTF-8. The kiosk's
readers therefore select a text column as its bytes and an integer column as an integer, NULL
for a value of another type (:func:`as_text`, :func:`as_integer`), and decode each row here:
one damaged row is named (its column and what is wrong, never its content), never raised.
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any, TypeVar

Member = TypeVar("Member", bound=StrEnum)


class UnreadableColumnError(ValueError):
    """A column cannot be read as what it should hold (the message names the column)."""


def as_text(column: str) -> str:
    """SQL: the bytes of a text column, NULL for a value of another type (a constant name)."""
    return f"CASE typeof({column}) WHEN 'text' THEN CAST({column} AS BLOB) END"


def as_integer(column: str) -> str:
    """SQL: an integer column, NULL for a value of another type (a constant name)."""
    return f"CASE typeof({column}) WHEN 'integer' THEN {column} END"


def text(value: bytes | None, column: str) -> str:
    """The text of a column read with :func:`as_text`."""
    if value is None:
        raise UnreadableColumnError(f"{column}: not text")
    try:
        return value.decode()
    except UnicodeDecodeError as exc:
        raise UnreadableColumnError(f"{column}: not UTF-8") from exc


def member(value: bytes | None, column: str, kinds: type[Member]) -> Member:
    """The member of ``kinds`` named by a column read with :func:`as_text`."""
    name = text(value, column)
    try:
        return kinds(name)
    except ValueError as exc:
        raise UnreadableColumnError(f"{column}: unknown") from exc


def integer(value: int | None, column: str) -> int:
    """The integer of a column read with :func:`as_integer`."""
    if value is None:
        raise UnreadableColumnError(f"{column}: not an integer")
    return value


def json_value(value: bytes | None, column: str) -> Any:
    """The JSON value of a column read with :func:`as_text`."""
    try:
        return json.loads(text(value, column))
    except json.JSONDecodeError as exc:
        raise UnreadableColumnError(f"{column}: not JSON") from exc
