"""Simulated devices (``sim:``): the real driver talking ccTalk to an in-process emulator."""

from __future__ import annotations

from drivers.coin_acceptor.acceptor import CcTalkCoinAcceptor
from drivers.coin_acceptor.emulator import AcceptorModel, BusFaults, CcTalkBusEmulator, HopperModel
from drivers.coin_acceptor.framing import ACCEPTOR_ADDRESS, HOPPER_ADDRESS, ChecksumMode
from drivers.coin_acceptor.hopper import CcTalkHopper
from drivers.coin_acceptor.link import CcTalkLink
from drivers.coin_acceptor.protocol_ccemu import Serial as EmulatorSerial

#: Coins in a simulated hopper unless the URL says ``level=N``.
DEFAULT_SIM_LEVEL = 50


def _link(bus: CcTalkBusEmulator, *, echo: bool, pace: bool) -> CcTalkLink:
    port = EmulatorSerial.for_bus(bus, echo=echo, pace=pace)
    return CcTalkLink(port, checksum=bus.checksum, echo=echo)


class SimCoinAcceptor(CcTalkCoinAcceptor):
    """A coin acceptor whose far end is an emulated mechanism you can drop coins into."""

    def __init__(
        self,
        *,
        checksum: ChecksumMode = ChecksumMode.SIMPLE,
        echo: bool = False,
        pace: bool = False,
        model: AcceptorModel | None = None,
    ) -> None:
        self.model = model or AcceptorModel(address=ACCEPTOR_ADDRESS)
        self.bus = CcTalkBusEmulator([self.model], checksum)
        super().__init__(_link(self.bus, echo=echo, pace=pace), self.model.address)

    @property
    def faults(self) -> BusFaults:
        """Switches for checksum errors, dropped replies and noise on the next replies."""
        return self.bus.faults

    def insert_coin(self, yen: int) -> bool:
        """Drop a coin into the slot; True if the mechanism accepted it."""
        return self.model.insert_coin(yen)

    def jam(self) -> None:
        """Block the credit sensor (an alarm event, then coins are handed back)."""
        self.model.jam()

    def clear_jam(self) -> None:
        """Clear a jam."""
        self.model.clear_jam()

    def power_cycle(self) -> None:
        """A power loss: the event counter goes back to 0 and inhibits are lost."""
        self.model.power_cycle()


class SimHopper(CcTalkHopper):
    """A change hopper backed by an emulated one; ``fill`` it and read its ``level``."""

    def __init__(
        self,
        coin_yen: int,
        *,
        level: int = DEFAULT_SIM_LEVEL,
        coin_period: float = 0.0,
        checksum: ChecksumMode = ChecksumMode.SIMPLE,
        echo: bool = False,
        pace: bool = False,
    ) -> None:
        self.model = HopperModel(coin_yen, level, HOPPER_ADDRESS, coin_period=coin_period)
        self.bus = CcTalkBusEmulator([self.model], checksum)
        super().__init__(_link(self.bus, echo=echo, pace=pace), coin_yen, self.model.address)

    @property
    def faults(self) -> BusFaults:
        """Switches for the next replies, including ``drop_dispense_reply``."""
        return self.bus.faults

    @property
    def level(self) -> int:
        """Coins in the hopper."""
        return self.model.level

    def fill(self, count: int) -> None:
        """Add coins."""
        self.model.fill(count)

    def coin_stock(self) -> int:
        """The simulator knows its level exactly."""
        return self.model.level

    def power_cycle(self) -> None:
        """A power loss: disabled, event counter 0."""
        self.model.power_cycle()
