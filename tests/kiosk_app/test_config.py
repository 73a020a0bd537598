"""The configuration loader: good files load typed; every kind of bad file gets one clear error."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from issuance_contract.certificates import CertificateType
from issuance_contract.toml_schema import ConfigError
from kiosk_app.config import Language, Place, demo_config_text, load_config, load_demo_config


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_demo_config_loads_typed() -> None:
    config = load_demo_config()
    assert config.devices.card_reader == "sim:"
    assert config.center.url == "embedded:"
    assert config.certificates[CertificateType.JUMINHYO].fee_yen == 200
    assert config.kiosk.default_language is Language.JA
    hours = config.certificates[CertificateType.KOSEKI_ZENBU].service_hours
    assert hours.is_open(dt.datetime(2026, 11, 27, 10, 0))  # a Friday
    assert not hours.is_open(dt.datetime(2026, 11, 28, 10, 0))  # a Saturday
    assert not hours.is_open(dt.datetime(2026, 11, 27, 17, 0))


def test_file_round_trip(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, demo_config_text()))
    assert config == load_demo_config()


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "fee_yen = 200\n\n[certificates.inkan]",
            'fee_yen = "200"\n\n[certificates.inkan]',
            "key 'certificates.juminhyo.fee_yen': expected",
        ),
        (
            'card_reader = "sim:"',
            'card_reader = "serial:/dev/ttyS0"',
            "key 'devices.card_reader': expected a URL starting with pcsc: or sim:",
        ),
        (
            'a4_printer = "sim:"',
            'a4_printer = "sim:"\npaper = "A4"',
            "key 'devices.paper': expected no such key (it is unknown)",
        ),
        ('code = "999991"\n', "", "key 'municipality.code': expected this required key"),
        (
            "[certificates.fuhyo]\nfee_yen = 300",
            "[certificates.fuhyo]\nfee_yen = 305",
            "key 'certificates.fuhyo.fee_yen': expected",
        ),
        (
            'url = "embedded:"',
            'url = "ftp://example.invalid"',
            "key 'center.url': expected a URL starting with embedded: or https: or http:",
        ),
        ('"10" = "sim:"', '"20" = "sim:"', "key 'devices.hoppers'"),
        ('id = "DEMO-KIOSK-01"', 'id = "kiosk/../../etc"', "key 'kiosk.id'"),
        ('default_language = "ja"', 'default_language = "fr"', "key 'kiosk.default_language'"),
        (
            'default_language = "ja"',
            'default_language = "ja"\nui_scale = 3.5',
            "key 'kiosk.ui_scale': expected 0 (automatic) or a factor from 1.0 to 3.0 (got 3.5)",
        ),
        ('default_language = "ja"', 'default_language = "ja"\nui_scale = 0.5', "(got 0.5)"),
        ('card_reader = "right"', 'card_reader = "above"', "key 'kiosk.layout.card_reader'"),
        ('a4_tray = "below"', 'a4_tray = "below"\nprinter = "left"', "key 'kiosk.layout.printer'"),
        (
            'default_language = "ja"',
            'default_language = "ja"\ntime_zone = "Tokyo"',
            "key 'kiosk.time_zone': expected an IANA time zone such as Asia/Tokyo (got 'Tokyo')",
        ),
    ],
)
def test_bad_values_name_file_and_key(tmp_path: Path, old: str, new: str, expected: str) -> None:
    text = demo_config_text()
    assert old in text
    path = write(tmp_path, text.replace(old, new, 1))
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert message.startswith(str(path))
    assert expected in message
    assert "\n" not in message


def test_toml_syntax_error(tmp_path: Path) -> None:
    path = write(tmp_path, "[kiosk\nid = 1")
    with pytest.raises(ConfigError, match=r"kiosk\.toml: not valid TOML: .*line 1"):
        load_config(path)


def test_missing_certificate_table(tmp_path: Path) -> None:
    text = demo_config_text().replace("[certificates.inkan]\nfee_yen = 200\n", "")
    with pytest.raises(ConfigError, match="missing inkan"):
        load_config(write(tmp_path, text))


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read the configuration file"):
        load_config(tmp_path / "absent.toml")
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(binary)


def test_bad_config_exits_2_with_one_line(tmp_path: Path) -> None:
    path = write(tmp_path, demo_config_text().replace("fee_yen = 450", 'fee_yen = "lots"', 1))
    result = subprocess.run(
        [sys.executable, "-m", "kiosk_app", "--config", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0]
    assert "certificates.koseki_zenbu.fee_yen" in lines[0]
    assert "Traceback" not in result.stderr


def test_the_layout_says_where_each_device_is(tmp_path: Path) -> None:
    text = demo_config_text().replace('card_reader = "right"', 'card_reader = "left"', 1)
    config = load_config(write(tmp_path, text))
    assert config.kiosk.layout.card_reader is Place.LEFT
    assert config.kiosk.layout.a4_tray is Place.BELOW
    assert config.kiosk.shuffle_pin_keypad is False
