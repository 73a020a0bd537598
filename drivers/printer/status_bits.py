"""ESC/POS real-time status (DLE EOT n) bytes: the bits both the driver and the emulator use."""

from __future__ import annotations

from enum import IntEnum

DLE_EOT = b"\x10\x04"
#: Bits 1 and 4 are always set, bits 0 and 7 always clear, in every status byte.
FIXED_MASK = 0x93
FIXED_BITS = 0x12


class StatusKind(IntEnum):
    """The ``n`` of DLE EOT n."""

    PRINTER = 1
    OFFLINE_CAUSE = 2
    ERROR_CAUSE = 3
    PAPER_SENSOR = 4


# n = 1: printer status
PRINTER_OFFLINE = 0x08
# n = 2: offline cause
COVER_OPEN = 0x04
PAPER_END_STOP = 0x20
ERROR_OCCURRED = 0x40
# n = 3: error cause
AUTOCUTTER_ERROR = 0x08
UNRECOVERABLE_ERROR = 0x20
AUTO_RECOVERABLE_ERROR = 0x40
# n = 4: roll paper sensor
PAPER_NEAR_END = 0x0C
PAPER_END = 0x60


def is_status_byte(value: int) -> bool:
    """Whether ``value`` has the fixed bits of a DLE EOT status byte."""
    return value & FIXED_MASK == FIXED_BITS
