"""The host link over ``serial_for_url('ccemu://…')``: echo, both checksums, faults and retries."""

from __future__ import annotations

import time

import pytest
import serial

from drivers.coin_acceptor.emulator import COMMANDS_KEPT
from drivers.coin_acceptor.errors import (
    AddressError,
    BusyError,
    ChecksumError,
    EchoError,
    FrameError,
    NakError,
    PortError,
    ReplyTimeoutError,
    UnexpectedReplyError,
)
from drivers.coin_acceptor.framing import ChecksumMode
from drivers.coin_acceptor.link import CcTalkLink
from drivers.coin_acceptor.protocol_ccemu import register
from tests.drivers.coin_acceptor.conftest import LinkFactory


@pytest.mark.parametrize(
    "url",
    [
        "ccemu://",
        "ccemu://?echo=1",
        "ccemu://?checksum=crc16",
        "ccemu://?checksum=crc16&echo=1&pace=1",
    ],
)
def test_simple_poll_and_identity_in_every_mode(emulated_link: LinkFactory, url: str) -> None:
    link, _bus = emulated_link(url)
    assert link.transact(2, 254) == b""
    assert link.transact(2, 245) == b"Coin Acceptor"
    assert link.transact(2, 242, reply_length=3) == (0x123456).to_bytes(3, "little")


def test_pacing_is_about_one_millisecond_per_byte(emulated_link: LinkFactory) -> None:
    link, bus = emulated_link("ccemu://?echo=1&pace=1")
    start = time.monotonic()
    for _ in range(5):
        link.transact(2, 229, reply_length=11)
    elapsed = (time.monotonic() - start) / 5
    # 5 echoed + 16 reply bytes at 1.04 ms, plus the 2 ms reply delay
    assert 0.020 < elapsed < 0.060
    assert bus.commands.count((2, 229)) == 5


def test_a_corrupted_reply_is_retried_for_an_idempotent_command(
    emulated_link: LinkFactory,
) -> None:
    link, bus = emulated_link("ccemu://?echo=1")
    bus.faults.corrupt_replies = 1
    assert link.transact(2, 229, reply_length=11)[0] == 0
    assert bus.commands.count((2, 229)) == 2


def test_a_dropped_reply_is_retried_then_a_timeout_is_raised(emulated_link: LinkFactory) -> None:
    link, bus = emulated_link("ccemu://", retries=2)
    bus.faults.drop_replies = 1
    link.transact(2, 254, timeout=0.05)
    bus.faults.drop_replies = 3
    with pytest.raises(ReplyTimeoutError):
        link.transact(2, 254, timeout=0.05)
    assert bus.commands.count((2, 254)) == 5


def test_checksum_errors_on_every_attempt_raise_a_checksum_error(
    emulated_link: LinkFactory,
) -> None:
    link, bus = emulated_link("ccemu://?checksum=crc16")
    bus.faults.corrupt_replies = 3
    with pytest.raises(ChecksumError):
        link.transact(2, 254, timeout=0.05)


def test_a_reply_that_comes_after_the_time_out_does_not_spoil_the_retry(
    emulated_link: LinkFactory,
) -> None:
    """A device (or, in tests, an emulator on a loaded machine) may answer after the host gave
    up: the retry waits for the line to go quiet instead of reading that reply as its echo."""
    link, bus = emulated_link("ccemu://?echo=1", retries=1)
    bus.faults.late_replies, bus.faults.late_by = 1, 0.08
    assert link.transact(2, 246, timeout=0.05) == b"SHM"
    assert bus.commands.count((2, 246)) == 2


def test_the_command_after_a_timed_out_one_is_not_spoiled_by_its_late_reply(
    emulated_link: LinkFactory,
) -> None:
    link, bus = emulated_link("ccemu://?echo=1", retries=0)
    bus.faults.late_replies, bus.faults.late_by = 1, 0.08
    with pytest.raises(ReplyTimeoutError):
        link.transact(2, 246, timeout=0.05)
    assert link.transact(2, 1, idempotent=False) == b""  # sent once, answered
    assert bus.commands.count((2, 1)) == 1


def test_a_non_idempotent_command_is_sent_once(emulated_link: LinkFactory) -> None:
    link, bus = emulated_link("ccemu://")
    bus.faults.drop_replies = 1
    with pytest.raises(ReplyTimeoutError):
        link.transact(2, 1, timeout=0.05, idempotent=False)
    assert bus.commands.count((2, 1)) == 1


def test_a_reply_to_someone_else_is_an_address_error(emulated_link: LinkFactory) -> None:
    link, bus = emulated_link("ccemu://")
    bus.faults.wrong_address_replies = 3
    with pytest.raises(AddressError):
        link.transact(2, 254, timeout=0.05)
    assert link.transact(2, 254) == b""


def test_noise_before_a_reply_is_skipped(emulated_link: LinkFactory) -> None:
    link, bus = emulated_link("ccemu://?echo=1")
    bus.faults.noise_before_reply = b"\x01\x05\xff\x00"
    assert link.transact(2, 246) == b"SHM"
    assert bus.commands.count((2, 246)) == 1


def test_nak_and_wrong_length_are_typed(emulated_link: LinkFactory) -> None:
    link, _bus = emulated_link("ccemu://")
    with pytest.raises(NakError):
        link.transact(2, 99)
    with pytest.raises(UnexpectedReplyError):
        link.transact(2, 246, reply_length=5)
    with pytest.raises(FrameError):
        link.transact(2, 246, reply_length=1, timeout=0.05)
    with pytest.raises(ReplyTimeoutError):
        link.transact(9, 254, timeout=0.03)


class _WrongEchoPort:
    """A port whose line returns different bytes than were sent."""

    port = "wrong-echo"
    timeout: float | None = 0.01
    in_waiting = 0

    def __init__(self) -> None:
        self._pending = b""

    def read(self, size: int = 1) -> bytes:
        data, self._pending = self._pending[:size], self._pending[size:]
        return data

    def write(self, data: bytes, /) -> int | None:
        self._pending = bytes(b ^ 0x40 for b in data)
        return len(data)

    def flush(self) -> None:
        """Nothing to flush."""

    def reset_input_buffer(self) -> None:
        self._pending = b""

    def close(self) -> None:
        """Nothing to close."""


def test_a_mismatching_echo_is_a_link_failure() -> None:
    link = CcTalkLink(_WrongEchoPort(), echo=True, checksum=ChecksumMode.SIMPLE)
    with pytest.raises(EchoError):
        link.transact(2, 254, timeout=0.05)


def test_missing_echo_is_reported(emulated_link: LinkFactory) -> None:
    link, _bus = emulated_link("ccemu://?echo=0")
    link.echo = True
    with pytest.raises(EchoError):
        link.transact(2, 254, timeout=0.05)


def test_a_closed_port_raises_port_error(emulated_link: LinkFactory) -> None:
    link, _bus = emulated_link("ccemu://")
    link.close()
    with pytest.raises(PortError):
        link.transact(2, 254)


def test_busy_is_retried_for_idempotent_commands_only(emulated_link: LinkFactory) -> None:
    link, bus = emulated_link("ccemu://")
    bus.faults.busy_replies = 1
    assert link.transact(2, 246) == b"SHM"
    bus.faults.busy_replies = 1
    with pytest.raises(BusyError):
        link.transact(2, 1, idempotent=False)
    assert bus.commands.count((2, 1)) == 1


def test_bad_emulator_urls_are_serial_exceptions() -> None:
    register()
    with pytest.raises(serial.SerialException):
        serial.serial_for_url("ccemu://?colour=blue")
    with pytest.raises(serial.SerialException):
        serial.serial_for_url("ccemu://?checksum=md5")


def test_the_bus_keeps_only_its_latest_commands(emulated_link: LinkFactory) -> None:
    """A sim kiosk polls for weeks: the emulator's command log must not grow without end."""
    link, bus = emulated_link("ccemu://")
    for _ in range(COMMANDS_KEPT + 50):
        link.transact(2, 254)
    link.transact(2, 245)
    assert len(bus.commands) == COMMANDS_KEPT
    assert bus.commands[-1] == (2, 245)
    assert bus.commands.count((2, 254)) == COMMANDS_KEPT - 1
