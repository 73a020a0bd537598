"""The center link's exception tree, shared by the embedded service and the HTTPS client."""

from __future__ import annotations


class CenterError(Exception):
    """Anything that went wrong talking to the issuance server."""


class CenterUnavailableError(CenterError):
    """The server cannot be reached or is not serving."""


class CenterRefusedError(CenterError):
    """The server refused the request; ``reason_code`` says why (the kiosk translates it)."""

    def __init__(self, reason_code: str, detail: str = "") -> None:
        super().__init__(f"{reason_code}: {detail}" if detail else reason_code)
        self.reason_code = reason_code
        self.detail = detail


class MunicipalityUnavailableError(CenterRefusedError):
    """A relay center cannot reach the municipality of the call (the others work): refused now,
    worth sending again later (an outcome report or a cancel is kept until it gets through)."""

    REASON_CODE = "municipality_unavailable"

    def __init__(self, detail: str = "") -> None:
        super().__init__(self.REASON_CODE, detail)


class CenterTimeoutError(CenterError):
    """The server did not answer in time; the whole request is cancelled."""


class UnsendableCallError(CenterError):
    """The call cannot be put on the wire (an id or key that no URL or header can carry):
    sending it again cannot help."""


class BadReplyError(CenterError):
    """The server answered with something that is not a valid reply."""
