"""The shipped server.toml: a production configuration, not the demo's."""

from __future__ import annotations

import ipaddress

from issuance_server.settings import load_settings
from tests.packaging.rootfs import SOURCE

TEMPLATE = SOURCE / "packaging" / "config" / "server.toml.in"


def test_the_template_is_not_the_demo_and_names_its_trust() -> None:
    settings = load_settings(TEMPLATE)
    assert not settings.demo_data
    assert settings.jpki_ca is not None
    assert settings.jpki_crl is not None
    assert settings.kiosks
    assert settings.tls is not None
    assert settings.tls.client_crl is not None


def test_the_template_listens_on_no_wildcard_address() -> None:
    settings = load_settings(TEMPLATE)
    assert not ipaddress.ip_address(settings.host).is_unspecified
    assert settings.health_port is not None
    assert not settings.api_docs
