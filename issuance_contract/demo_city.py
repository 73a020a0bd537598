"""The fictitious demo city (架空市): its [municipality] and [certificates.*] tables."""

from __future__ import annotations

from importlib import resources


def demo_city_text() -> str:
    """The demo city's TOML tables, shared by the kiosk's and the server's demo configuration."""
    return (
        resources.files("issuance_contract").joinpath("demo_city.toml").read_text(encoding="utf-8")
    )
