"""Open the kiosk's center link from its URL: ``embedded:`` (the server in-process) or ``https://``.

The issuance server's own code is imported only for ``embedded:``; a kiosk pointed at an
``https://`` server never loads it (nor its database driver).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from issuance_contract.errors import CenterError, CenterUnavailableError
from issuance_contract.link import CenterLink
from kiosk_app.config import Config

if TYPE_CHECKING:
    from issuance_server.service import IssuanceService
    from issuance_server.settings import ServerSettings


def embedded_server_settings(config: Config) -> ServerSettings:
    """Settings for the embedded server of a kiosk (data under the kiosk's data dir)."""
    from issuance_server.settings import ServerSettings

    return ServerSettings(
        municipality=config.municipality,
        certificates=config.certificates,
        data_dir=config.kiosk.data_dir.expanduser() / "center",
        demo_data=True,
        closed_days=config.kiosk.closed_days,
        maintenance_dates=config.kiosk.maintenance_dates,
        request_timeout=config.timeouts.server,
    )


def open_center_link(
    url: str,
    kiosk_id: str,
    *,
    config: Config | None = None,
    service: IssuanceService | None = None,
    timeout: float = 15.0,
    client_certificate: Path | None = None,
    client_key: Path | None = None,
    server_ca: Path | None = None,
) -> CenterLink:
    """A link for ``embedded:`` (``service``, or one made from the kiosk ``config``) or ``https://``.

    For https the kiosk's client certificate and key and the server's CA are required.
    """
    if url.startswith("embedded:"):
        if service is None:
            if config is None:
                raise CenterError("embedded: needs the kiosk config or a service")
            from issuance_server.database import StorageError
            from issuance_server.service import open_service

            try:
                service = open_service(embedded_server_settings(config))
            except StorageError as exc:
                raise CenterUnavailableError(str(exc)) from exc
        from issuance_server.embedded_link import EmbeddedCenterLink

        return EmbeddedCenterLink(service, kiosk_id, timeout)
    if url.startswith("https://"):
        if client_certificate is None or client_key is None or server_ca is None:
            raise CenterError("https needs client_certificate, client_key and server_ca")
        from kiosk_app.center.https_link import HttpsCenterLink

        return HttpsCenterLink(
            url, kiosk_id, client_certificate, client_key, server_ca, timeout=timeout
        )
    raise CenterError(f"unsupported center URL {url!r}: use embedded: or https://")
