"""The demo's staff PIN: so that a viewer of the built-in demo can try maintenance mode.

Only a demo configuration gets one — every device ``sim:`` and the issuance server
``embedded:``, so nothing it opens can touch real coins, paper or residents. On its first start
``<data_dir>/staff-pin`` is created (mode 0600) holding the scrypt hash of ``DEMO_STAFF_PIN``;
an existing staff PIN file is never replaced. The simulator panel shows the PIN while it opens
maintenance mode. ``DEMO_STAFF_PIN`` is 00000000: obviously fictitious (no city would set it,
it is the first guess of anyone), unlike the demo residents' card PIN (1234) so that a viewer
does not mix the two up, and the shortest staff PIN allowed (8 digits).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from kiosk_app.config import Config
from kiosk_app.maintenance.staff_pin import (
    StaffPinError,
    hash_pin,
    read_staff_pin_hash,
    staff_pin_file,
    verify_pin,
)

log = logging.getLogger(__name__)

DEMO_STAFF_PIN = "00000000"
SIMULATED = "sim:"
EMBEDDED = "embedded:"


def is_demo_config(config: Config) -> bool:
    """True when every device of ``config`` is simulated and its server is the embedded one."""
    devices = config.devices
    urls = [
        devices.card_reader,
        devices.coin_acceptor,
        devices.a4_printer,
        devices.receipt_printer,
        *devices.hoppers.values(),
    ]
    simulated = all(url.startswith(SIMULATED) for url in urls)
    return simulated and config.center.url.startswith(EMBEDDED)


def ensure_demo_staff_pin(config: Config) -> str | None:
    """The PIN that opens maintenance mode on a demo kiosk, after creating its hash file if
    no staff PIN file exists; None for any other configuration, or when an existing staff
    PIN file holds another PIN (it is left as it is)."""
    if not is_demo_config(config):
        return None
    path = staff_pin_file(config)
    try:
        created = _create(path)
    except OSError as exc:
        log.warning("no demo staff PIN: %s", exc)
        return None
    if created:
        log.info("demo staff PIN created in %s (the simulator panel shows it)", path)
        return DEMO_STAFF_PIN
    try:
        opens = verify_pin(bytearray(DEMO_STAFF_PIN.encode()), read_staff_pin_hash(path))
    except StaffPinError as exc:
        log.warning("staff PIN file kept as it is: %s", exc)
        return None
    return DEMO_STAFF_PIN if opens else None


def _create(path: Path) -> bool:
    """Write the demo PIN's hash to ``path`` unless it exists (atomic: a hard link never
    replaces a file); True if it was created."""
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.demo-{os.getpid()}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as file:
            os.fchmod(file.fileno(), 0o600)
            file.write(hash_pin(bytearray(DEMO_STAFF_PIN.encode())) + "\n")
        os.link(temporary, path)
    except FileExistsError:
        return False
    finally:
        temporary.unlink(missing_ok=True)
    return True
