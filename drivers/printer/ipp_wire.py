"""The IPP/2.0 wire format (RFC 8010): requests built with pyipp's attribute encoder, replies read
by a strict decoder that never loops, never reads past the message and keeps unknown enum values
as integers.

pyipp's own parser steps backwards on a negative length (an endless loop on a hostile reply) and
turns unknown enum values into ``ValueError``; this decoder checks every length against what is
left of the message, so each attribute moves the offset forward, and any malformed reply raises
``PrinterReplyError``, a printer error the kiosk already handles.
"""

from __future__ import annotations

import random
import re
import struct
from dataclasses import dataclass, field
from typing import Any

from pyipp.enums import IppTag
from pyipp.serializer import construct_attribute

from drivers.printer.errors import PrinterReplyError

#: The natural language of every request: lower case, as RFC 8011 §5.1.9 (and cupsd 2.4) wants.
NATURAL_LANGUAGE = "en"
#: RFC 8011 naturalLanguage: a lower-case language tag (RFC 5646).
NATURAL_LANGUAGE_PATTERN = re.compile(r"[a-z]{1,8}(-[a-z0-9]{1,8})*")
#: No status or job reply the driver asks for comes near this; a longer one is refused unread.
MAX_REPLY_BYTES = 1 << 20
#: Collections nested deeper than this are refused (printers use two or three levels).
MAX_COLLECTION_DEPTH = 16

Attribute = tuple[str, IppTag, Any]

_END = IppTag.END.value
_BEGIN_COLLECTION = IppTag.BEGIN_COLLECTION.value
_END_COLLECTION = IppTag.END_COLLECTION.value
_MEMBER_NAME = IppTag.MEMBER_NAME.value
#: Value tags whose value has a fixed length (RFC 8010 §3.9).
_FIXED_LENGTHS = {0x21: 4, 0x22: 1, 0x23: 4, 0x31: 11, 0x32: 9, 0x33: 8}


@dataclass(frozen=True)
class IppReply:
    """A decoded reply: its status code, request id and attribute groups (tag, name → value).

    A multi-valued attribute's value is a list; a collection is a dict.
    """

    status: int
    request_id: int
    groups: list[tuple[int, dict[str, Any]]] = field(default_factory=list)

    def first(self, tag: IppTag) -> dict[str, Any]:
        """The attributes of the first group with ``tag`` (empty if there is none)."""
        return next((values for group, values in self.groups if group == tag.value), {})

    def first_operation_value(self, name: str) -> Any:
        """An attribute of the operation group (requests and replies start with it)."""
        return self.first(IppTag.OPERATION).get(name)

    def all(self, tag: IppTag) -> list[dict[str, Any]]:
        """The attributes of every group with ``tag``, in order."""
        return [values for group, values in self.groups if group == tag.value]


def encode_request(
    operation: int, groups: list[tuple[IppTag, list[Attribute]]], document: bytes = b""
) -> bytes:
    """An IPP/2.0 request with the given attribute groups, followed by ``document``."""
    data = struct.pack(">bbhi", 2, 0, operation, random.randint(1, 2**31 - 1))
    for group, attributes in groups:
        data += bytes([group.value])
        for name, tag, value in attributes:
            data += construct_attribute(name, value, tag)
    return data + bytes([_END]) + document


class _Reader:
    """A cursor over the reply that refuses to read past its end."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.offset = 0

    def take(self, count: int, what: str) -> bytes:
        if count < 0 or self.offset + count > len(self.data):
            raise PrinterReplyError(f"IPP reply cut short in {what} at byte {self.offset}")
        chunk = self.data[self.offset : self.offset + count]
        self.offset += count
        return chunk

    def short(self, what: str) -> int:
        return int(struct.unpack(">H", self.take(2, what))[0])


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def _value(tag: int, raw: bytes) -> Any:
    """One value by its tag (RFC 8010 §3.9); unknown tags keep their bytes."""
    expected = _FIXED_LENGTHS.get(tag)
    if expected is not None and len(raw) != expected:
        raise PrinterReplyError(f"IPP value of tag {tag:#04x} has {len(raw)} bytes, not {expected}")
    if 0x10 <= tag <= 0x1F:  # out-of-band: unsupported, unknown, no-value
        return None
    if tag in (0x21, 0x23):  # integer, enum: kept as int even when no enum knows the value
        return int(struct.unpack(">i", raw)[0])
    if tag == 0x22:
        return raw != b"\x00"
    if tag == 0x32:
        return tuple(struct.unpack(">iib", raw))
    if tag == 0x33:
        return tuple(struct.unpack(">ii", raw))
    if tag in (0x35, 0x36):  # textWithLanguage, nameWithLanguage: language, then the text
        inner = _Reader(raw)
        inner.take(inner.short("a language length"), "a language")
        text = inner.take(inner.short("a text length"), "a text")
        if inner.offset != len(raw):
            raise PrinterReplyError("IPP text-with-language value has bytes left over")
        return _text(text)
    if 0x41 <= tag <= 0x49:  # text, name, keyword, uri, uriScheme, charset, language, mime
        return _text(raw)
    return raw


def _add(values: dict[str, Any], name: str, value: Any, additional: bool) -> None:
    if not additional:
        values[name] = value
        return
    current = values[name]
    values[name] = [*(current if isinstance(current, list) else [current]), value]


def _collection(reader: _Reader, depth: int) -> dict[str, Any]:
    """The members of a collection, up to its endCollection (RFC 8010 §3.1.6)."""
    if depth > MAX_COLLECTION_DEPTH:
        raise PrinterReplyError("IPP collections nested too deep")
    members: dict[str, Any] = {}
    member = ""
    while True:
        tag = reader.take(1, "a collection")[0]
        if reader.short("a member name length") != 0:
            raise PrinterReplyError("IPP collection member with a name")
        raw = reader.take(reader.short("a member value length"), "a member value")
        if tag == _END_COLLECTION:
            return members
        if tag == _MEMBER_NAME:
            member = _text(raw)
            if not member:
                raise PrinterReplyError("IPP collection member without a name")
            continue
        if not member:
            raise PrinterReplyError("IPP collection value before any member name")
        value = _collection(reader, depth + 1) if tag == _BEGIN_COLLECTION else _value(tag, raw)
        _add(members, member, value, additional=member in members)


def decode_reply(data: bytes) -> IppReply:
    """Decode an IPP reply; raises ``PrinterReplyError`` for anything malformed or too long."""
    if len(data) > MAX_REPLY_BYTES:
        raise PrinterReplyError(f"IPP reply of {len(data)} bytes is longer than allowed")
    reader = _Reader(data)
    _version, status, request_id = struct.unpack(">HHi", reader.take(8, "the header"))
    reply = IppReply(status, request_id)
    previous = ""
    while True:
        tag = reader.take(1, "an attribute")[0]
        if tag == _END:
            return reply
        if tag < 0x10:  # a new attribute group
            reply.groups.append((tag, {}))
            previous = ""
            continue
        if not reply.groups:
            raise PrinterReplyError("IPP attribute outside any group")
        name = _text(reader.take(reader.short("a name length"), "a name"))
        raw = reader.take(reader.short("a value length"), "a value")
        if not name and not previous:
            raise PrinterReplyError("IPP additional value with no attribute before it")
        if tag in (_END_COLLECTION, _MEMBER_NAME):
            raise PrinterReplyError(f"IPP tag {tag:#04x} outside a collection")
        value = _collection(reader, 1) if tag == _BEGIN_COLLECTION else _value(tag, raw)
        _add(reply.groups[-1][1], name or previous, value, additional=not name)
        previous = name or previous
