"""What a device of every kind is: something to close, and a context manager that closes it."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Self


class DeviceABC(ABC):
    """The base of each device kind's interface (card reader, coin acceptor, hopper, printers)."""

    @abstractmethod
    def close(self) -> None:
        """Release the device; closing twice is harmless."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
