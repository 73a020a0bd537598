"""Typed TOML tables (msgspec): strict validation, and one clear line for the first fault."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypeVar

import msgspec

T = TypeVar("T")


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names file, key and expectation."""


class TableRuleError(Exception):
    """A rule over a whole table is broken (raised by ``__post_init__``): key, expectation."""


class Strict(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A configuration table: every key typed as TOML writes it, unknown keys refused."""


#: What each regular expression of the schema means, by its repr (as validation errors show it).
_PATTERN_MEANINGS: dict[str, str] = {}


def described(pattern: str, meaning: str) -> msgspec.Meta:
    """A string constraint whose violation is reported as "expected ``meaning``"."""
    _PATTERN_MEANINGS[repr(pattern)] = meaning
    return msgspec.Meta(pattern=pattern)


def convert(data: dict[str, Any], kind: type[T], source: str) -> T:
    """Validate TOML ``data`` as ``kind``; a ConfigError names ``source``, the key and the fault.

    TOML has no path type: paths are written as strings. Everything else must have its TOML
    type (an integer where a number is expected is fine).
    """
    try:
        return _convert(data, kind)
    except msgspec.ValidationError as exc:
        message = _name_table_entry(data, kind, str(exc))
        key, expected = describe(message)
        raise ConfigError(f"{source}: key '{key}': expected {expected}") from None
    except TableRuleError as exc:
        key, expected = exc.args
        raise ConfigError(f"{source}: key '{key}': expected {expected}") from None


def _convert(data: object, kind: type[T]) -> T:
    return msgspec.convert(data, kind, strict=True, dec_hook=_path_from_string)


def _path_from_string(kind: type, value: object) -> object:
    if kind is Path and isinstance(value, str):
        return Path(value)
    raise TypeError(f"Expected `str`, got `{type(value).__name__}`")  # a path


_UNNAMED = "[...]"
_STEP = re.compile(r"\.(\w+)|\[(\d+)\]")


def _name_table_entry(data: dict[str, Any], kind: type, message: str) -> str:
    """Replace msgspec's ``[...]`` (an entry of a table of tables) by the entry's key.

    Each entry is tried alone in the table; the one that fails the same way is named.
    """
    head, unnamed, tail = message.partition(_UNNAMED)
    if not unnamed or "`$" not in head:
        return message
    prefix, path = head.split("`$", 1)
    table = _at(data, path)
    if not isinstance(table, dict):
        return message
    for entry in table:
        try:
            _convert(_with(data, path, {entry: table[entry]}), kind)
        except msgspec.ValidationError as exc:
            if str(exc) == message:
                return f"{prefix}`${path}.{entry}{tail}"
        except TableRuleError:
            continue
    return message


def _at(data: object, path: str) -> object:
    for name, index in _STEP.findall(path):
        if isinstance(data, dict) and name in data:
            data = data[name]
        elif isinstance(data, list) and index and int(index) < len(data):
            data = data[int(index)]
        else:
            return None
    return data


def _with(data: object, path: str, value: object) -> object:
    """A copy of ``data`` with the value at ``path`` replaced (only dict keys on the way)."""
    steps = [name for name, _index in _STEP.findall(path)]
    if not steps or not isinstance(data, dict):
        return value if not steps else data
    rest = path[path.index(steps[0]) + len(steps[0]) :]
    return {**data, steps[0]: _with(data[steps[0]], rest, value)}


_WHERE = re.compile(r"^(?P<what>.*?)(?: - at `key` in | - at )`\$(?P<path>[^`]*)`$")
_EXPECTATIONS = (
    (re.compile(r"^Object missing required field `(?P<field>[^`]+)`"), "this required key"),
    (
        re.compile(r"^Object contains unknown field `(?P<field>[^`]+)`"),
        "no such key (it is unknown)",
    ),
    (re.compile(r"^Invalid enum value (?P<got>.*)"), "one of the listed values"),
)
_TYPE_WORDS = {
    "str": "a string",
    "int": "an integer",
    "float": "a number",
    "bool": "true or false",
    "date": "a date (YYYY-MM-DD)",
    "object": "a table",
    "array": "an array",
    "null": "nothing",
}


def describe(message: str) -> tuple[str, str]:
    """(dotted key, what was expected) from a msgspec validation message."""
    where = _WHERE.match(message)
    what, path = (where["what"], where["path"]) if where else (message, "")
    key = re.sub(r"\[(\d+)\]", r".\1", path).lstrip(".")
    for pattern, expected in _EXPECTATIONS:
        found = pattern.match(what)
        if found is None:
            continue
        if "field" in found.groupdict():
            key = f"{key}.{found['field']}".lstrip(".")
        else:
            expected += f" (got {found['got']})"
        return key or "(top level)", expected
    regex = re.match(r"^Expected `str` matching regex (?P<regex>'.*')$", what)
    if regex:
        meaning = _PATTERN_MEANINGS.get(regex["regex"], f"a string matching {regex['regex']}")
        return key or "(top level)", meaning
    typed = re.match(r"^Expected `(?P<want>[^`]+)`(?:, got `(?P<got>[^`]+)`)?(?P<rest>.*)$", what)
    if typed:
        wanted = " or ".join(_TYPE_WORDS.get(w, w) for w in typed["want"].split(" | "))
        got = f" (got {_TYPE_WORDS.get(typed['got'], typed['got'])})" if typed["got"] else ""
        return key or "(top level)", f"{wanted}{typed['rest']}{got}"
    return key or "(top level)", what
