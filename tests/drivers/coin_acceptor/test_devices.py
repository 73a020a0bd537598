"""Device URLs: parsing, typed errors for bad ones, and sharing one link per port."""

from __future__ import annotations

import pytest

from drivers.coin_acceptor.devices import LinkPool, open_coin_acceptor, parse_device_url
from drivers.coin_acceptor.errors import CoinUrlError, PortError
from drivers.coin_acceptor.framing import ChecksumMode


def test_cctalk_url_options() -> None:
    url = parse_device_url("cctalk:///dev/kiosk-coin?checksum=crc16&address=2&echo=1")
    assert url.port == "/dev/kiosk-coin"
    assert url.checksum() is ChecksumMode.CRC16
    assert url.integer("address", 9) == 2
    assert url.flag("echo")


@pytest.mark.parametrize(
    "url",
    [
        "serial:///dev/x",
        "cctalk://",
        "cctalk:///dev/x?parity=E",
        "sim:?address=3",
    ],
)
def test_bad_urls_are_typed_errors(url: str) -> None:
    with pytest.raises(CoinUrlError):
        parse_device_url(url)


def test_bad_option_values_are_typed_errors() -> None:
    with pytest.raises(CoinUrlError):
        parse_device_url("cctalk:///dev/x?checksum=md5").checksum()
    with pytest.raises(CoinUrlError):
        parse_device_url("cctalk:///dev/x?echo=yes").flag("echo")
    with pytest.raises(CoinUrlError):
        parse_device_url("cctalk:///dev/x?address=300").integer("address", 2)


def test_a_missing_port_is_a_port_error() -> None:
    with pytest.raises(PortError):
        open_coin_acceptor("cctalk:///dev/does-not-exist-coin")


def test_devices_on_one_port_share_a_link_with_the_same_settings() -> None:
    pool = LinkPool()
    first = pool.link_for(parse_device_url("cctalk://ccemu://?echo=1"))
    same = pool.link_for(parse_device_url("cctalk://ccemu://?echo=1&address=3"))
    assert first is same
    with pytest.raises(CoinUrlError):
        pool.link_for(parse_device_url("cctalk://ccemu://?echo=0"))
    pool.close()
