"""A store kiosk (``center.relay``): 住所地 or 本籍地 before the card, without widgets."""

from __future__ import annotations

from collections.abc import Iterator

import msgspec
import pytest

from kiosk_app.config import Config
from kiosk_app.session.model import RouteChoice
from kiosk_app.session.steps import Ending, NoticeKind, Step
from tests.kiosk_app.session.conftest import Harness, step_of
from tests.kiosk_app.session.fakes import PIN


@pytest.fixture
def store_kiosk(demo_config: Config) -> Iterator[Harness]:
    config = msgspec.structs.replace(
        demo_config, center=msgspec.structs.replace(demo_config.center, relay=True)
    )
    made = Harness(config)
    yield made
    made.executor.close()


def _sign_in(h: Harness) -> None:
    h.wait_step(Step.PLACE_CARD)
    h.kiosk.card_inserted()
    h.wait_step(Step.PIN)
    flow = h.kiosk.flow
    assert flow is not None
    for digit in PIN:
        flow.press_digit(digit)  # type: ignore[attr-defined]
    flow.submit_pin()  # type: ignore[attr-defined]
    h.wait_step(Step.REMOVE_CARD)
    h.kiosk.card_removed()


def test_a_city_hall_kiosk_goes_straight_to_the_card(harness: Harness) -> None:
    harness.kiosk.start_issuance()
    harness.wait_step(Step.PLACE_CARD)
    assert "municipalities" not in harness.services.calls
    _sign_in(harness)
    assert harness.services.routes == [None]


def test_residence_goes_to_the_card_with_no_municipality_named_by_the_kiosk(
    store_kiosk: Harness,
) -> None:
    flow = store_kiosk.kiosk.start_issuance()
    store_kiosk.wait_step(Step.ROUTE)
    assert flow.choose_residence()
    _sign_in(store_kiosk)
    assert store_kiosk.services.routes == [RouteChoice(honseki=False)]
    assert step_of(flow) is Step.MENU
    assert flow.data.municipality_name == "架空市"  # from the session the center opened


def test_honseki_lists_prefectures_then_municipalities_offering_it(store_kiosk: Harness) -> None:
    flow = store_kiosk.kiosk.start_issuance()
    store_kiosk.wait_step(Step.ROUTE)
    assert flow.choose_honseki()
    store_kiosk.wait_step(Step.ROUTE_PREFECTURE)
    assert flow.prefectures == ["架空県"]  # 模擬県's two offer no 本籍地 certificates
    assert not flow.choose_prefecture("模擬県")
    assert flow.choose_prefecture("架空県")
    assert [m.code for m in flow.prefecture_municipalities] == ["999991", "999992"]
    assert not flow.choose_municipality("999993")
    assert flow.route_back()
    assert step_of(flow) is Step.ROUTE_PREFECTURE
    assert flow.choose_prefecture("架空県")
    assert flow.choose_municipality("999992")
    _sign_in(store_kiosk)
    assert store_kiosk.services.routes == [RouteChoice(honseki=True, code="999992", name="見本町")]
    assert flow.data.municipality_name == "見本町"


def test_the_route_is_wiped_with_the_session(store_kiosk: Harness) -> None:
    flow = store_kiosk.kiosk.start_issuance()
    store_kiosk.wait_step(Step.ROUTE)
    flow.choose_honseki()
    store_kiosk.wait_step(Step.ROUTE_PREFECTURE)
    flow.choose_prefecture("架空県")
    flow.choose_municipality("999992")
    flow.cancel()
    assert flow.data.route is None
    assert flow.data.municipalities == []
    assert flow.data.municipality_name == ""


def test_the_center_down_at_the_directory_ends_before_the_card(store_kiosk: Harness) -> None:
    store_kiosk.services.server_down = True
    flow = store_kiosk.kiosk.start_issuance()
    store_kiosk.wait_step(Step.ROUTE)
    flow.choose_honseki()
    store_kiosk.wait_step(Step.NOTICE)
    assert flow.data.notice is not None
    assert flow.data.notice.kind is NoticeKind.SERVER_UNREACHABLE
    assert "read_card" not in store_kiosk.services.calls
    assert flow.ending is Ending.ERROR


def test_a_registration_picks_a_municipality_taking_registrations_then_its_towns(
    store_kiosk: Harness,
) -> None:
    flow = store_kiosk.kiosk.start_registration()
    store_kiosk.wait_step(Step.ROUTE_PREFECTURE)  # no 住所地 choice: a 本籍地 only
    assert flow.prefectures == ["架空県", "模擬県"]
    assert not flow.route_back()  # nothing before the prefecture in a registration
    assert flow.choose_prefecture("模擬県")
    assert [m.code for m in flow.prefecture_municipalities] == ["999994"]
    assert flow.choose_municipality("999994")
    store_kiosk.wait_step(Step.REG_TOWN)
    store_kiosk.executor.pump(lambda: bool(flow.towns), timeout=5)
    assert store_kiosk.services.town_lists == ["999994"]
