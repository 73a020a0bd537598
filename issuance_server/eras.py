"""Japanese era (和暦) dates as printed on certificates: 令和, 平成, 昭和, 大正, 明治."""

from __future__ import annotations

import datetime as dt

_ERAS: tuple[tuple[dt.date, str], ...] = (
    (dt.date(2019, 5, 1), "令和"),
    (dt.date(1989, 1, 8), "平成"),
    (dt.date(1926, 12, 25), "昭和"),
    (dt.date(1912, 7, 30), "大正"),
    (dt.date(1868, 10, 23), "明治"),
)


class EraError(ValueError):
    """A date before the Meiji era, which these certificates never print."""


def era_year(date: dt.date) -> tuple[str, int]:
    """The era name and the year within it (1 is the first year)."""
    for start, name in _ERAS:
        if date >= start:
            return name, date.year - start.year + 1
    raise EraError(f"no era for {date.isoformat()}")


def wareki(date: dt.date) -> str:
    """``date`` as e.g. 「令和元年5月1日」 or 「平成10年10月10日」 (Arabic numerals)."""
    name, year = era_year(date)
    shown = "元" if year == 1 else str(year)
    return f"{name}{shown}年{date.month}月{date.day}日"
