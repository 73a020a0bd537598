"""One IPP exchange over HTTP: request out, a bounded reply in, every failure a PrinterError.

Every request starts with the operation attributes RFC 8011 requires, in order:
attributes-charset ``utf-8``, attributes-natural-language ``en`` (lower case: cupsd 2.4 refuses
``en-US`` with client-error-bad-request), printer-uri and requesting-user-name.
"""

from __future__ import annotations

import logging
from typing import Any

import aiohttp
from pyipp.enums import IppTag

from drivers.printer.errors import PrinterOfflineError, PrinterReplyError, PrinterTlsError
from drivers.printer.ipp_target import IppTarget
from drivers.printer.ipp_wire import (
    MAX_REPLY_BYTES,
    NATURAL_LANGUAGE,
    Attribute,
    IppReply,
    decode_reply,
    encode_request,
)

logger = logging.getLogger(__name__)

Groups = list[tuple[IppTag, list[Attribute]]]


class IppClient:
    """Sends IPP requests for one printer over an aiohttp session."""

    def __init__(
        self, session: aiohttp.ClientSession, target: IppTarget, user: str, timeout: float
    ) -> None:
        self.session = session
        self.target = target
        self.user = user
        self.timeout = aiohttp.ClientTimeout(total=timeout)

    def operation_attributes(self) -> list[Attribute]:
        """The attributes every request begins with."""
        return [
            ("attributes-charset", IppTag.CHARSET, "utf-8"),
            ("attributes-natural-language", IppTag.LANGUAGE, NATURAL_LANGUAGE),
            ("printer-uri", IppTag.URI, self.target.printer_uri),
            ("requesting-user-name", IppTag.NAME, self.user),
        ]

    async def send(
        self,
        operation: int,
        attributes: list[Attribute],
        groups: Groups | None = None,
        document: bytes = b"",
    ) -> IppReply:
        """Send ``operation`` with extra operation ``attributes`` and ``groups``; the reply.

        Raises PrinterOfflineError (unreachable, HTTP error), PrinterTlsError (certificate not
        the pinned or a trusted one) or PrinterReplyError (a malformed or too long reply).
        """
        request = encode_request(
            operation,
            [(IppTag.OPERATION, [*self.operation_attributes(), *attributes]), *(groups or [])],
            document,
        )
        try:
            async with self.session.post(
                self.target.http_url,
                data=request,
                headers={"Content-Type": "application/ipp"},
                ssl=self.target.ssl(),
                timeout=self.timeout,
            ) as response:
                if response.status != 200:
                    raise PrinterOfflineError(
                        f"the printer answered HTTP {response.status} {response.reason}"
                    )
                data = await _read_bounded(response)
        except aiohttp.ServerFingerprintMismatch as exc:
            raise PrinterTlsError("the printer's certificate is not the pinned one") from exc
        except aiohttp.ClientSSLError as exc:
            raise PrinterTlsError(f"the printer's certificate cannot be verified: {exc}") from exc
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            message = str(exc) or type(exc).__name__
            raise PrinterOfflineError(f"cannot reach the printer: {message}") from exc
        if len(data) > MAX_REPLY_BYTES:
            raise PrinterReplyError(f"the printer's reply is longer than {MAX_REPLY_BYTES} bytes")
        return decode_reply(data)


async def _read_bounded(response: aiohttp.ClientResponse) -> bytes:
    """The reply body, read no further than one byte past MAX_REPLY_BYTES."""
    data = b""
    while len(data) <= MAX_REPLY_BYTES:
        chunk = await response.content.read(MAX_REPLY_BYTES + 1 - len(data))
        if not chunk:
            break
        data += chunk
    return data


def as_list(value: Any) -> list[Any]:
    """A single or multi-valued attribute's values as a list."""
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]
