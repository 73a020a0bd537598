"""Line breaking for certificate text: by character, with the Japanese line-start rules (禁則)."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

#: Characters that never start a line (行頭禁則) and never end one (行末禁則).
NOT_AT_START = frozenset("、。，．）」』】〕〉》ー・：；？！ぁぃぅぇぉっゃゅょァィゥェォッャュョ々")
NOT_AT_END = frozenset("（「『【〔〈《")


def text_width(text: str, font: str, size: float) -> float:
    """The width of ``text`` in points."""
    return float(stringWidth(text, font, size))


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` (a single glyph may overflow)."""
    lines: list[str] = []
    line = ""
    for char in text:
        if line and text_width(line + char, font, size) > width:
            carry = ""
            if len(line) > 1 and (char in NOT_AT_START or line[-1] in NOT_AT_END):
                carry, line = line[-1], line[:-1]
            lines.append(line)
            line = carry
        line += char
    if line:
        lines.append(line)
    return lines
