"""Logging set-up: readable or JSON-lines output, with redaction of personal data."""

from __future__ import annotations

import json
import logging
import re
import sys
import threading
from collections.abc import Iterable

_INDIVIDUAL_NUMBER = re.compile(r"(?<!\d)\d{12}(?!\d)")
_PIN_LIKE = re.compile(r"(?i)(pin\w*\s*[=:]?\s*['\"]?)(\d{4,16})")
MASK = "***"


class SessionSecrets:
    """The personal values of the current session, to be masked wherever they appear."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._values: set[str] = set()

    def add(self, *values: str) -> None:
        """Register values (names, addresses, numbers) that must never reach a log."""
        with self._lock:
            self._values.update(v for v in values if len(v) >= 2)

    def clear(self) -> None:
        """Forget the values (the session has ended)."""
        with self._lock:
            self._values.clear()

    def snapshot(self) -> list[str]:
        """The values, longest first so that a longer value is masked whole."""
        with self._lock:
            return sorted(self._values, key=len, reverse=True)


SESSION_SECRETS = SessionSecrets()


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """Mask PINs, 12-digit individual numbers and the given secret values in ``text``."""
    for value in secrets:
        text = text.replace(value, MASK)
    text = _INDIVIDUAL_NUMBER.sub(MASK, text)
    return _PIN_LIKE.sub(lambda m: m.group(1) + MASK, text)


class RedactionFilter(logging.Filter):
    """Rewrites every record so that no personal value survives in message or traceback."""

    def __init__(self, secrets: SessionSecrets = SESSION_SECRETS) -> None:
        super().__init__()
        self._secrets = secrets

    def filter(self, record: logging.LogRecord) -> bool:
        values = self._secrets.snapshot()
        record.msg = redact(record.getMessage(), values)
        record.args = None
        if record.exc_info:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info), values)
            record.exc_info = None
        if record.stack_info:
            record.stack_info = redact(record.stack_info, values)
        return True


class JsonLinesFormatter(logging.Formatter):
    """One JSON object per record, for journald and log shippers."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_text:
            entry["exception"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(level: str = "INFO", json_lines: bool = False) -> None:
    """Install one stderr handler with redaction on the root logger."""
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RedactionFilter())
    if json_lines:
        handler.setFormatter(JsonLinesFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper())
