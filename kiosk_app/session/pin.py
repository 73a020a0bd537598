"""The PIN buffer: fed only by the kiosk's own keypad, kept in a bytearray, zeroed after use."""

from __future__ import annotations

#: The user-authentication PIN of a My Number Card has four digits.
PIN_LENGTH = 4


class PinBuffer:
    """Holds up to ``PIN_LENGTH`` ASCII digits; never a ``str``, so it can be overwritten."""

    def __init__(self, length: int = PIN_LENGTH) -> None:
        self._digits = bytearray(length)
        self._count = 0

    @property
    def count(self) -> int:
        """How many digits have been typed (the screen shows this many dots)."""
        return self._count

    @property
    def full(self) -> bool:
        """True when every digit has been typed."""
        return self._count == len(self._digits)

    def press(self, digit: str) -> bool:
        """Append one digit ``0``–``9``; False if full or not a digit."""
        if self.full or len(digit) != 1 or not digit.isdigit() or not digit.isascii():
            return False
        self._digits[self._count] = ord(digit)
        self._count += 1
        return True

    def backspace(self) -> None:
        """Remove the last digit."""
        if self._count:
            self._count -= 1
            self._digits[self._count] = 0

    def clear(self) -> None:
        """Overwrite every byte with zero."""
        for i in range(len(self._digits)):
            self._digits[i] = 0
        self._count = 0

    def take(self) -> bytearray:
        """Move the digits out into a new bytearray (the driver zeroes it) and clear this buffer."""
        taken = bytearray(self._count)
        for i in range(self._count):
            taken[i] = self._digits[i]
        self.clear()
        return taken

    def is_zeroed(self) -> bool:
        """True if no digit remains in memory."""
        return self._count == 0 and not any(self._digits)
