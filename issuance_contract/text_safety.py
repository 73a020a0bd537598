"""Text typed at kiosks, shown to staff: refuse control and bidi characters, escape output."""

from __future__ import annotations

import unicodedata

#: Control, format (bidi overrides, zero-width), separator, surrogate, private and unassigned.
UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})


def unsafe_characters(text: str) -> list[str]:
    """The characters of ``text`` (and of its NFKC form) that must not be stored, as U+XXXX."""
    found = {
        ch
        for ch in text + unicodedata.normalize("NFKC", text)
        if unicodedata.category(ch) in UNSAFE_CATEGORIES
    }
    return sorted(f"U+{ord(ch):04X}" for ch in found)


def terminal_safe(text: str) -> str:
    r"""``text`` with every unsafe character written as ``\u{XXXX}`` (nothing reaches a tty raw)."""
    return "".join(
        f"\\u{{{ord(ch):04X}}}" if unicodedata.category(ch) in UNSAFE_CATEGORIES else ch
        for ch in text
    )
