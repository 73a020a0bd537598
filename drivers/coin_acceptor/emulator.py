"""A ccTalk coin acceptor and change hopper emulator: device models, a bus and switchable faults.

The bus turns host bytes into reply frames; a transport (``protocol_ccemu`` in-process, or
``pty_emulator`` on a pseudo-terminal) adds the echo and the byte pacing of a real line.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from drivers.coin_acceptor.events import next_counter
from drivers.coin_acceptor.framing import (
    ACCEPTOR_ADDRESS,
    HEADER_ACK,
    HEADER_BUSY,
    HEADER_NAK,
    HOPPER_ADDRESS,
    HOPPER_ENABLE_KEY,
    HOST_ADDRESS,
    ChecksumMode,
    Frame,
    FrameDecoder,
    encode_frame,
)

#: The yen coins programmed into an emulated acceptor, by position.
DEFAULT_COIN_TABLE: dict[int, str] = {1: "JP010A", 2: "JP050A", 3: "JP100A", 4: "JP500B"}

#: Seconds one byte takes on the wire at 9600 baud, 8N1.
BYTE_TIME = 10 / 9600

_HOST_FRAME_MAX_DATA = 32


class _NakError(Exception):
    """Raised by a model to answer NAK."""


@dataclass
class BusFaults:
    """One-shot and counted faults applied to the next replies on the bus."""

    corrupt_replies: int = 0
    drop_replies: int = 0
    noise_before_reply: bytes = b""
    drop_dispense_reply: bool = False
    wrong_address_replies: int = 0
    busy_replies: int = 0
    #: Replies that come ``late_by`` seconds later than usual (a device answering after the
    #: host's time-out); the transport asks :meth:`take_lateness` once per reply.
    late_replies: int = 0
    late_by: float = 0.1

    def take_lateness(self) -> float:
        """Extra seconds before the next reply starts."""
        if not self.late_replies:
            return 0.0
        self.late_replies -= 1
        return self.late_by


@dataclass
class DeviceIdentity:
    """What the identification headers of an emulated device answer."""

    category: str
    manufacturer: str = "SHM"
    product: str = "EMU"
    serial: int = 0x123456
    software: str = "1.0"


class DeviceModel:
    """A device on the emulated bus: answers one command at a time."""

    def __init__(self, address: int, identity: DeviceIdentity) -> None:
        self.address = address
        self.identity = identity
        self.lock = threading.RLock()

    def handle(self, header: int, data: bytes) -> bytes:
        """Reply data for one command; raise ``_NakError`` for NAK."""
        ident = self.identity
        common: dict[int, Callable[[], bytes]] = {
            254: lambda: b"",
            245: lambda: ident.category.encode(),
            246: lambda: ident.manufacturer.encode(),
            244: lambda: ident.product.encode(),
            242: lambda: ident.serial.to_bytes(3, "little"),
            241: lambda: ident.software.encode(),
            1: self._reset_command,
        }
        with self.lock:
            if header in common:
                return common[header]()
            return self.handle_specific(header, data)

    def handle_specific(self, header: int, data: bytes) -> bytes:
        """Device-kind commands; the base answers NAK."""
        raise _NakError

    def power_cycle(self) -> None:
        """Lose all volatile state, as after a power loss or reset."""

    def _reset_command(self) -> bytes:
        self.power_cycle()
        return b""


class AcceptorModel(DeviceModel):
    """A coin acceptor: coin table, inhibits, a 5-event credit buffer with its counter, jams."""

    def __init__(
        self,
        coin_table: dict[int, str] | None = None,
        address: int = ACCEPTOR_ADDRESS,
        identity: DeviceIdentity | None = None,
    ) -> None:
        super().__init__(address, identity or DeviceIdentity("Coin Acceptor", product="EMU-CA"))
        self.coin_table = dict(DEFAULT_COIN_TABLE if coin_table is None else coin_table)
        self.counter = 0
        self.events: deque[tuple[int, int]] = deque(maxlen=5)
        self.inhibit_mask = 0
        self.master_accept = False
        self.jammed = False
        self.accepted: list[int] = []
        self.polls = 0

    @property
    def accepted_total(self) -> int:
        """Yen of every coin the mechanism has accepted (credited) since creation."""
        return sum(self.accepted)

    def insert_coin(self, yen: int) -> bool:
        """Drop a coin; True if it was accepted (credited), False if handed back."""
        with self.lock:
            if self.jammed:
                return False
            position = self._position_of(yen)
            if position is None:
                self._event(0, 1)
                return False
            if not self.master_accept or not self.inhibit_mask & (1 << (position - 1)):
                self._event(0, 2)
                return False
            self._event(position, 1)
            self.accepted.append(yen)
            return True

    def jam(self) -> None:
        """Block the credit sensor: one alarm event, then every coin is handed back."""
        with self.lock:
            self.jammed = True
            self._event(0, 14)

    def clear_jam(self) -> None:
        """Clear the jam."""
        with self.lock:
            self.jammed = False

    def power_cycle(self) -> None:
        """Counter to 0, buffer and inhibits cleared, as after a power loss."""
        with self.lock:
            self.counter = 0
            self.events.clear()
            self.inhibit_mask = 0
            self.master_accept = False

    def handle_specific(self, header: int, data: bytes) -> bytes:
        """Acceptor commands (184, 227–232, 249)."""
        if header == 229:
            self.polls += 1
            pairs = list(self.events) + [(0, 0)] * (5 - len(self.events))
            return bytes([self.counter, *(b for pair in pairs for b in pair)])
        if header == 184 and len(data) == 1:
            return self.coin_table.get(data[0], "......").encode()
        if header == 231 and len(data) == 2:
            self.inhibit_mask = int.from_bytes(data, "little")
            return b""
        if header == 230:
            return self.inhibit_mask.to_bytes(2, "little")
        if header == 228 and len(data) == 1:
            self.master_accept = bool(data[0] & 1)
            return b""
        if header == 227:
            return bytes([int(self.master_accept)])
        if header == 232:
            return bytes([3 if self.jammed else 0])
        if header == 249:
            return bytes([2, 20])
        raise _NakError

    def _position_of(self, yen: int) -> int | None:
        for position, coin_id in sorted(self.coin_table.items()):
            if coin_id.startswith("JP") and coin_id[2:5].isdigit() and int(coin_id[2:5]) == yen:
                return position
        return None

    def _event(self, result_a: int, result_b: int) -> None:
        self.counter = next_counter(self.counter)
        self.events.appendleft((result_a, result_b))


class HopperModel(DeviceModel):
    """A change hopper: enable, serial-number dispense paced in time, status, test, stop.

    ``empty_after`` (a fault) makes it run dry after that many more coins whatever its level;
    ``fault_flags`` are OR-ed into the test-hopper register.
    """

    def __init__(
        self,
        coin_yen: int = 100,
        level: int = 0,
        address: int = HOPPER_ADDRESS,
        coin_period: float = 0.0,
        identity: DeviceIdentity | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(
            address,
            identity or DeviceIdentity("Payout", product=f"EMU-HP{coin_yen}", serial=0x0A0B0C),
        )
        self.coin_yen = coin_yen
        self.level = level
        self.coin_period = coin_period
        self._clock = clock
        self.enabled = False
        self.counter = 0
        self.remaining = 0
        self.last_paid = 0
        self.last_unpaid = 0
        self.paid_total = 0
        self.low_level_mark = 0
        self.empty_after: int | None = None
        self.fault_flags = 0
        self._started_at = 0.0
        self._requested = 0

    def fill(self, count: int) -> None:
        """Put ``count`` more coins into the hopper."""
        with self.lock:
            self.level += count

    def power_cycle(self) -> None:
        """Disabled, counter 0, any payout stopped."""
        with self.lock:
            self._advance()
            self.enabled = False
            self.counter = 0
            self._stop()

    def handle_specific(self, header: int, data: bytes) -> bytes:
        """Hopper commands (163, 164, 166, 167, 172, 217)."""
        self._advance()
        if header == 164 and len(data) == 1:
            self.enabled = data[0] == HOPPER_ENABLE_KEY
            return b""
        if header == 166:
            return bytes([self.counter, self.remaining, self.last_paid, self.last_unpaid])
        if header == 167 and len(data) == 4:
            return self._dispense(data)
        if header == 163:
            return bytes([self.fault_flags | (0 if self.enabled else 0x80), 0x00])
        if header == 172:
            unpaid = self.remaining
            self._stop()
            return bytes([unpaid])
        if header == 217:
            low = self.level < max(self.low_level_mark, 1)
            return bytes([0x10 | int(low)])
        raise _NakError

    def _dispense(self, data: bytes) -> bytes:
        if (
            not self.enabled
            or self.remaining
            or data[:3] != self.identity.serial.to_bytes(3, "little")
        ):
            raise _NakError
        self.counter = next_counter(self.counter)
        self._requested = data[3]
        self.remaining = data[3]
        self.last_paid = 0
        self.last_unpaid = 0
        self._started_at = self._clock()
        self._advance()
        return b""

    def _advance(self) -> None:
        """Pay out the coins whose time has come; stop when the hopper runs empty."""
        if not self.remaining:
            return
        due = self._requested
        if self.coin_period > 0:
            due = min(self._requested, int((self._clock() - self._started_at) / self.coin_period))
        while self.last_paid < due and self.remaining:
            if self.level == 0 or self.empty_after == 0:
                self._stop()
                return
            if self.empty_after is not None:
                self.empty_after -= 1
            self.level -= 1
            self.last_paid += 1
            self.paid_total += 1
            self.remaining -= 1

    def _stop(self) -> None:
        self.last_unpaid += self.remaining
        self.remaining = 0


#: How many of the latest commands a bus keeps.
COMMANDS_KEPT = 4096


@dataclass
class CcTalkBusEmulator:
    """Devices on one emulated bus: host bytes in, reply bytes out (faults applied)."""

    devices: list[DeviceModel]
    checksum: ChecksumMode = ChecksumMode.SIMPLE
    faults: BusFaults = field(default_factory=BusFaults)
    gap: float = 0.05
    #: The latest (address, header) commands answered, oldest first (tests count them); bounded,
    #: since a sim kiosk polls its acceptor 5 to 20 times a second for weeks.
    commands: deque[tuple[int, int]] = field(default_factory=lambda: deque(maxlen=COMMANDS_KEPT))

    def __post_init__(self) -> None:
        self._decoder = FrameDecoder(self.checksum, self.gap, _HOST_FRAME_MAX_DATA)
        self._lock = threading.Lock()

    def device(self, address: int) -> DeviceModel | None:
        """The device at ``address``."""
        return next((d for d in self.devices if d.address == address), None)

    def receive(self, data: bytes, now: float) -> list[bytes]:
        """Feed bytes from the host; return the reply byte strings to send, in order."""
        with self._lock:
            out: list[bytes] = []
            for item in self._decoder.feed(data, now):
                if isinstance(item, Frame):
                    reply = self._answer(item)
                    if reply is not None:
                        out.append(reply)
            return out

    def _answer(self, request: Frame) -> bytes | None:
        device = self.device(request.destination)
        if device is None or request.source not in (None, HOST_ADDRESS):
            return None
        self.commands.append((request.destination, request.header))
        try:
            reply = Frame(
                HOST_ADDRESS,
                device.address,
                HEADER_ACK,
                device.handle(request.header, request.data),
            )
        except _NakError:
            reply = Frame(HOST_ADDRESS, device.address, HEADER_NAK)
        return self._garble(request.header, reply)

    def _garble(self, header: int, reply: Frame) -> bytes | None:
        faults = self.faults
        if header == 167 and faults.drop_dispense_reply:
            faults.drop_dispense_reply = False
            return None
        if faults.drop_replies:
            faults.drop_replies -= 1
            return None
        if faults.busy_replies:
            faults.busy_replies -= 1
            reply = Frame(reply.destination, reply.source, HEADER_BUSY)
        if faults.wrong_address_replies:
            faults.wrong_address_replies -= 1
            reply = Frame(reply.destination + 1, reply.source, reply.header, reply.data)
        raw = bytearray(encode_frame(reply, self.checksum))
        if faults.corrupt_replies:
            faults.corrupt_replies -= 1
            raw[-1] ^= 0x5A
        noise, faults.noise_before_reply = faults.noise_before_reply, b""
        return noise + bytes(raw)
