"""Opening the devices is all or nothing: a device that cannot be opened closes the others."""

from __future__ import annotations

import threading

import msgspec
import pytest

from drivers.coin_acceptor.acceptor import CoinAcceptor
from drivers.coin_acceptor.devices import open_coin_acceptor
from drivers.coin_acceptor.errors import CoinMechError
from drivers.errors import DeviceUrlError
from kiosk_app.config import Config
from kiosk_app.devices import opening


def _polling() -> bool:
    return any(t.name == "coin-acceptor-poll" and t.is_alive() for t in threading.enumerate())


@pytest.fixture
def acceptors(monkeypatch: pytest.MonkeyPatch) -> list[CoinAcceptor]:
    """The coin acceptors open_services opens, kept to be looked at afterwards."""
    opened: list[CoinAcceptor] = []

    def recording(*args: object, **kwargs: object) -> CoinAcceptor:
        acceptor = open_coin_acceptor(*args, **kwargs)  # type: ignore[arg-type]
        opened.append(acceptor)
        return acceptor

    monkeypatch.setattr("kiosk_app.devices.opening.open_coin_acceptor", recording)
    return opened


def test_a_reader_that_cannot_be_opened_closes_the_coin_acceptor(
    demo_config: Config, acceptors: list[CoinAcceptor]
) -> None:
    devices = msgspec.structs.replace(demo_config.devices, card_reader="sim:?timeout=0")
    config = msgspec.structs.replace(demo_config, devices=devices)
    with pytest.raises(DeviceUrlError, match="timeout"):
        opening.open_services(config)
    (acceptor,) = acceptors
    assert not _polling()
    with pytest.raises(CoinMechError):
        acceptor.identify()  # its port is closed


def test_opened_devices_stay_open(demo_config: Config, acceptors: list[CoinAcceptor]) -> None:
    services = opening.open_services(demo_config)
    try:
        (acceptor,) = acceptors
        assert _polling()
        assert acceptor.identify().manufacturer
    finally:
        services.close()
