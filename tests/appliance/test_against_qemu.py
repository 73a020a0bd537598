"""The rig's VSCard client and QMP client against a real QEMU (no guest: its CPU stays paused,
but QEMU's passthru card, monitor, display and tablet are all there)."""

from __future__ import annotations

import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from appliance.machine import SCREEN_HEIGHT, SCREEN_WIDTH
from appliance.qmp import Qmp, QmpError
from appliance.vscard import VSCardClient, VSCardProtocolError
from drivers.nfc.virtual_card import DEFAULT_ATR


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class PausedQemu:
    def __init__(self, directory: Path) -> None:
        self.ccid_port = _free_port()
        self.qmp_path = directory / "qmp.sock"
        self.process = subprocess.Popen(
            ["qemu-system-x86_64", "-accel", "tcg", "-S", "-nodefaults", "-display", "none",
             "-M", "q35", "-m", "64", "-vga", "none",
             "-device", f"virtio-gpu-pci,xres={SCREEN_WIDTH},yres={SCREEN_HEIGHT}",
             "-device", "qemu-xhci,id=xhci",
             "-chardev", f"socket,id=ccid,host=127.0.0.1,port={self.ccid_port},server=on,wait=off",
             "-device", "usb-ccid,bus=xhci.0", "-device", "ccid-card-passthru,chardev=ccid",
             "-device", "usb-tablet,bus=xhci.0",
             "-qmp", f"unix:{self.qmp_path},server=on,wait=off"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()
        assert self.process.stderr is not None
        self.process.stderr.close()


@pytest.fixture
def qemu(tmp_path: Path) -> Iterator[PausedQemu]:
    machine = PausedQemu(tmp_path)
    yield machine
    machine.stop()


def test_the_virtual_card_is_inserted_and_removed_in_qemus_reader(qemu: PausedQemu) -> None:
    client = VSCardClient("127.0.0.1", qemu.ccid_port)
    client.connect(timeout_s=30)
    client.insert(DEFAULT_ATR, lambda apdu: b"\x90\x00")
    client.remove()
    client.close()


def test_qemu_refuses_an_inconsistent_atr(qemu: PausedQemu) -> None:
    client = VSCardClient("127.0.0.1", qemu.ccid_port)
    client.connect(timeout_s=30)
    # T0 must be 3B or 3F (QEMU's check_atr): answered VSC_GENERAL_ERROR, no card inserted.
    with pytest.raises(VSCardProtocolError, match="GENERAL_ERROR"):
        client.insert(bytes.fromhex("00112233"), lambda apdu: b"\x90\x00")
    client.close()


def test_qmp_dumps_the_screen_and_taps_once_running(qemu: PausedQemu, tmp_path: Path) -> None:
    monitor = Qmp(qemu.qmp_path)
    dump = tmp_path / "screen.png"
    monitor.screendump(dump)
    with Image.open(dump) as image:
        assert image.format == "PNG"
    with pytest.raises(QmpError, match="not running"):
        monitor.tap(10, 10, SCREEN_WIDTH, SCREEN_HEIGHT)
    monitor.execute("cont")
    monitor.tap(SCREEN_WIDTH - 1, SCREEN_HEIGHT - 1, SCREEN_WIDTH, SCREEN_HEIGHT)
    monitor.quit()
    monitor.close()
    assert qemu.process.wait(timeout=30) == 0
