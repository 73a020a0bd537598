"""Era dates as printed on certificates."""

from __future__ import annotations

import datetime as dt

import pytest

from issuance_server.eras import EraError, wareki


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2019, 5, 1), "令和元年5月1日"),
        (dt.date(2019, 4, 30), "平成31年4月30日"),
        (dt.date(2026, 11, 27), "令和8年11月27日"),
        (dt.date(1989, 1, 8), "平成元年1月8日"),
        (dt.date(1989, 1, 7), "昭和64年1月7日"),
        (dt.date(1926, 12, 25), "昭和元年12月25日"),
        (dt.date(1926, 12, 24), "大正15年12月24日"),
    ],
)
def test_era_boundaries(day: dt.date, expected: str) -> None:
    assert wareki(day) == expected


def test_before_meiji_is_an_error() -> None:
    with pytest.raises(EraError):
        wareki(dt.date(1800, 1, 1))
