"""本籍 and 筆頭者 as a kiosk registration types them, and staff's match against the koseki.

The kiosk offers the city's 町名 from a list and a keypad of digits and ``-`` for the 番地, and a
kana keyboard for the 筆頭者's reading. So ``架空市本町三丁目12番地`` arrives as ``架空市本町3-12``,
and the 筆頭者 as its reading only. Staff's review compares both forms after normalising.
"""

from __future__ import annotations

import re
import unicodedata

from issuance_server.registry import Koseki

_KANJI_DIGITS = str.maketrans("〇一二三四五六七八九", "0123456789")
#: A number in kanji digits before 丁目/番地/番/号 (not a kanji digit inside a 町名 like 一色).
_KANJI_NUMBER = re.compile(r"[〇一二三四五六七八九]+(?=丁目|番地|番|号)")
#: 丁目, 番地, 番, 号 and the kiosk's hyphen all separate numbers of an address.
_SEPARATORS = re.compile(r"(?<=\d)(?:丁目|番地|番|号|-)")


def normalised_honseki(honseki: str) -> str:
    """``honseki`` with digits as ASCII and every separator as ``-``, no trailing one."""
    text = unicodedata.normalize("NFKC", honseki).replace(" ", "").replace("−", "-")
    text = _KANJI_NUMBER.sub(lambda m: m.group().translate(_KANJI_DIGITS), text)
    return _SEPARATORS.sub("-", text).rstrip("-")


def same_honseki(recorded: str, typed: str) -> bool:
    """True when the koseki's 本籍 and the typed one name the same place."""
    return normalised_honseki(recorded) == normalised_honseki(typed)


def kiosk_honseki(honseki: str, city: str) -> tuple[str, str]:
    """The 町名 and 番地 a person types at the kiosk for ``honseki`` in ``city``:
    ``("本町", "3-12")`` for ``架空市本町三丁目12番地``."""
    place = normalised_honseki(honseki).removeprefix(city)
    number = re.search(r"\d", place)
    if number is None:
        return place, ""
    return place[: number.start()], place[number.start() :]


def hittosha_reading(koseki: Koseki) -> str:
    """The 筆頭者's reading (氏 and 名 in katakana with a full-width space), or ``""``."""
    member = next((m for m in koseki.members if m.given_name == koseki.hittosha_given_name), None)
    if member is None or not koseki.family_kana:
        return ""
    return f"{koseki.family_kana}　{member.given_kana}"


def same_reading(recorded: str, typed: str) -> bool:
    """True when two readings are the same, spaces aside (katakana and hiragana alike)."""

    def plain(text: str) -> str:
        katakana = "".join(
            chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c
            for c in unicodedata.normalize("NFKC", text)
        )
        return katakana.replace("　", "").replace(" ", "")

    return bool(recorded) and plain(recorded) == plain(typed)
