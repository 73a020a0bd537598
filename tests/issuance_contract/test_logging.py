"""Logging: JSON lines, and redaction of PINs, individual numbers and session values."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest

from issuance_contract.logging_setup import (
    MASK,
    JsonLinesFormatter,
    RedactionFilter,
    SessionSecrets,
    redact,
)


class ListHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def secrets() -> SessionSecrets:
    return SessionSecrets()


@pytest.fixture
def captured(secrets: SessionSecrets) -> Iterator[tuple[logging.Logger, ListHandler]]:
    logger = logging.getLogger("test.redaction")
    handler = ListHandler()
    handler.addFilter(RedactionFilter(secrets))
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    yield logger, handler
    logger.removeHandler(handler)
    logger.propagate = True


def test_individual_number_is_masked_in_args(captured: tuple[logging.Logger, ListHandler]) -> None:
    logger, handler = captured
    logger.warning("lookup for %s failed", "123456789018")
    assert handler.lines == [f"lookup for {MASK} failed"]


def test_pin_is_masked(captured: tuple[logging.Logger, ListHandler]) -> None:
    logger, handler = captured
    logger.info("PIN=%s entered; pin: '4321'", "1234")
    assert "1234" not in handler.lines[0]
    assert "4321" not in handler.lines[0]


def test_session_values_masked_everywhere_including_tracebacks(
    captured: tuple[logging.Logger, ListHandler], secrets: SessionSecrets
) -> None:
    logger, handler = captured
    secrets.add("見本 花子", "架空市中央一丁目2番3号")
    try:
        raise ValueError("no record for 見本 花子 at 架空市中央一丁目2番3号")
    except ValueError:
        logger.exception("render failed for %s", "見本 花子")
    text = "\n".join(handler.lines)
    assert "見本 花子" not in text
    assert "中央一丁目" not in text
    assert "ValueError" in text
    secrets.clear()
    logger.info("after the session: %s", "見本 花子")
    assert handler.lines[-1].endswith("見本 花子")


def test_numbers_that_are_not_individual_numbers_survive() -> None:
    assert redact("request 1234567890123 of 12345678901 yen") == (
        "request 1234567890123 of 12345678901 yen"
    )


def test_json_lines_formatter() -> None:
    record = logging.LogRecord("kiosk", logging.INFO, __file__, 1, "paid %d yen", (200,), None)
    entry = json.loads(JsonLinesFormatter().format(record))
    assert entry["level"] == "INFO"
    assert entry["logger"] == "kiosk"
    assert entry["message"] == "paid 200 yen"
