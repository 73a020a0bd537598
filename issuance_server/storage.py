"""The issuance server's storage: one database holding every group of tables."""

from __future__ import annotations

from issuance_server.issuance_log import IssuanceLog
from issuance_server.registration_tables import RegistrationTables
from issuance_server.registry_tables import RegistryTables
from issuance_server.session_tables import SessionTables


class Store(RegistryTables, SessionTables, IssuanceLog, RegistrationTables):
    """The server's storage on SQLite (``sqlite:///path``) or PostgreSQL (``postgresql://…``)."""
