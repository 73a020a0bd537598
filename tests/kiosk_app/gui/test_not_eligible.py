"""What this person may not get now is shown with the reason, and cannot be chosen."""

from __future__ import annotations

import datetime as dt

import msgspec
import pytest

from issuance_contract.certificates import CertificateType
from kiosk_app.config import Config
from kiosk_app.screens.texts import Texts
from kiosk_app.session.steps import Step
from tests.kiosk_app.gui.test_issuance import sign_in
from tests.support import people
from tests.support.card_holders import CardHolder, card_holder
from tests.support.gui import KioskUnderTest

JST = dt.timezone(dt.timedelta(hours=9))


@pytest.fixture
def kiosk_config(kiosk_config: Config) -> Config:
    """附票 closed right now: its hours start two hours from now."""
    hour = (dt.datetime.now(JST).hour + 2) % 24
    fuhyo = msgspec.structs.replace(
        kiosk_config.certificates[CertificateType.FUHYO], hours=f"{hour:02d}:00-{hour:02d}:30"
    )
    certificates = {**kiosk_config.certificates, CertificateType.FUHYO: fuhyo}
    return msgspec.structs.replace(kiosk_config, certificates=certificates)


def test_closed_certificate_shows_reason_and_is_disabled(
    kiosk: KioskUnderTest, resident: CardHolder
) -> None:
    sign_in(kiosk, resident)
    fuhyo = kiosk.button("menu_fuhyo")
    assert not fuhyo.isEnabled()
    assert Texts().reason("outside_hours") in fuhyo.text()
    juminhyo = kiosk.button("menu_juminhyo")
    assert juminhyo.isEnabled()
    assert "200" in juminhyo.text()
    kiosk.tap("cancelButton")
    kiosk.wait_step(Step.NOTICE)


def _honseki_elsewhere(config: Config) -> CardHolder:
    """An adult resident whose 本籍 is in another municipality."""
    return card_holder(config, lambda p: people.resident(p) and p.koseki_id is None)


def test_koseki_entries_say_the_honseki_is_elsewhere_and_what_to_do(
    kiosk: KioskUnderTest, kiosk_config: Config
) -> None:
    sign_in(kiosk, _honseki_elsewhere(kiosk_config))
    texts = Texts()
    said = texts.reason("honseki_elsewhere")
    assert said != texts.reason(None)  # not the bare "not available at the kiosk now"
    for name in ("menu_koseki_zenbu", "menu_koseki_kojin"):  # 附票 is closed in this module
        button = kiosk.button(name)
        assert not button.isEnabled()
        assert said in button.text()
    assert kiosk.button("menu_juminhyo").isEnabled()
    kiosk.tap("cancelButton")
    kiosk.wait_step(Step.NOTICE)
