"""本籍 as the kiosk types it, and staff's match against the koseki."""

from __future__ import annotations

import re

from issuance_server.demo_data import generate
from issuance_server.honseki import (
    hittosha_reading,
    kiosk_honseki,
    normalised_honseki,
    same_honseki,
    same_reading,
)


def test_the_kiosk_form_of_a_honseki() -> None:
    assert kiosk_honseki("架空市本町三丁目12番地", "架空市") == ("本町", "3-12")
    assert kiosk_honseki("架空市旭が丘五丁目7番地", "架空市") == ("旭が丘", "5-7")
    # A kanji digit in the 町名 stays part of the name.
    assert kiosk_honseki("架空市一色二丁目5番地", "架空市") == ("一色", "2-5")
    assert kiosk_honseki("架空市本町", "架空市") == ("本町", "")


def test_typed_and_recorded_honseki_match_only_when_the_same_place() -> None:
    assert same_honseki("架空市本町三丁目12番地", "架空市本町3-12")
    assert same_honseki("架空市本町三丁目12番地", "架空市本町３－１２")  # full-width digits
    assert not same_honseki("架空市本町三丁目12番地", "架空市本町3-13")
    assert not same_honseki("架空市本町三丁目12番地", "架空市中央3-12")
    assert normalised_honseki("模擬県模擬市東町5番地3") == "模擬県模擬市東町5-3"


def test_readings_compare_without_spaces_in_either_kana() -> None:
    assert same_reading("カクウ　タロウ", "カクウタロウ")
    assert same_reading("カクウ　タロウ", "かくう たろう")
    assert not same_reading("カクウ　タロウ", "カクウ　ジロウ")
    assert not same_reading("", "")


def test_every_demo_koseki_has_a_reading_and_a_kiosk_form() -> None:
    registry = generate()
    towns = {"本町", "中央", "緑町", "桜台", "港町", "旭が丘", "若葉", "東雲"}
    for koseki in registry.koseki:
        town, banchi = kiosk_honseki(koseki.honseki, "架空市")
        assert town in towns, koseki.honseki
        assert re.fullmatch(r"[0-9]+(-[0-9]+)*", banchi), koseki.honseki
        assert same_honseki(koseki.honseki, f"架空市{town}{banchi}")
        assert hittosha_reading(koseki).startswith(koseki.family_kana + "　"), koseki.id
