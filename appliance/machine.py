"""The virtual kiosk PC: QEMU's command line (TCG, no network, USB devices) and its process."""

from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

#: The FTDI adapters' USB serial numbers; build-image.sh gives install.sh the same ones.
COIN_SERIAL = "KIOSKCOIN"
RECEIPT_SERIAL = "KIOSKRCPT"
SCREEN_WIDTH = 1280
SCREEN_HEIGHT = 800


@dataclass(frozen=True)
class MachineFiles:
    """Where one run's sockets, logs and disk overlay live."""

    run_dir: Path

    @property
    def overlay(self) -> Path:
        return self.run_dir / "disk.qcow2"

    @property
    def qmp(self) -> Path:
        return self.run_dir / "qmp.sock"

    @property
    def agent(self) -> Path:
        return self.run_dir / "agent.sock"

    @property
    def console(self) -> Path:
        return self.run_dir / "console.log"

    @property
    def sound(self) -> Path:
        return self.run_dir / "voice.wav"


@dataclass(frozen=True)
class MachineSpec:
    """What the virtual kiosk PC is made of."""

    image_dir: Path
    files: MachineFiles
    ccid_port: int
    coin_tty: str
    receipt_port: int
    memory_mb: int = 2048


def qemu_command(spec: MachineSpec) -> list[str]:
    """The qemu-system-x86_64 command line of the kiosk PC."""
    image = spec.image_dir
    files = spec.files
    return [
        "qemu-system-x86_64",
        "-accel", "tcg",
        # The oldest CPU the kiosk's software runs on: Qt 6's wheels need x86-64-v2 (SSE4.2,
        # POPCNT); QEMU's default qemu64 model stops PySide6 with an invalid opcode.
        "-cpu", "Nehalem",
        "-m", str(spec.memory_mb),
        "-smp", "2",
        "-nic", "none",
        "-display", "none",
        "-vga", "none",
        "-device", f"virtio-gpu-pci,xres={SCREEN_WIDTH},yres={SCREEN_HEIGHT}",
        "-kernel", str(image / "vmlinuz"),
        "-initrd", str(image / "initrd.img"),
        "-append", "root=LABEL=kiosk-root rw console=ttyS0 panic=10 systemd.show_status=1",
        "-drive", f"file={files.overlay},format=qcow2,if=virtio",
        "-serial", f"file:{files.console}",
        "-serial", f"unix:{files.agent},server=on,wait=off",
        "-qmp", f"unix:{files.qmp},server=on,wait=off",
        "-device", "qemu-xhci,id=xhci",
        "-chardev", f"socket,id=ccid,host=127.0.0.1,port={spec.ccid_port},server=on,wait=off",
        "-device", "usb-ccid,bus=xhci.0",
        "-device", "ccid-card-passthru,chardev=ccid",
        "-chardev", f"serial,id=coin,path={spec.coin_tty}",
        "-device", f"usb-serial,bus=xhci.0,chardev=coin,serial={COIN_SERIAL}",
        "-chardev", f"socket,id=receipt,host=127.0.0.1,port={spec.receipt_port},reconnect=1",
        "-device", f"usb-serial,bus=xhci.0,chardev=receipt,serial={RECEIPT_SERIAL}",
        "-device", "usb-tablet,bus=xhci.0",
        "-audiodev", f"wav,id=snd,path={files.sound}",
        "-device", "intel-hda",
        "-device", "hda-output,audiodev=snd",
    ]  # fmt: skip


def make_overlay(image_dir: Path, files: MachineFiles) -> None:
    """A fresh copy-on-write disk over the cached image (the cache stays untouched)."""
    files.run_dir.mkdir(parents=True, exist_ok=True)
    files.overlay.unlink(missing_ok=True)
    subprocess.run(
        ["qemu-img", "create", "-q", "-f", "qcow2", "-F", "raw",
         "-b", str(image_dir / "disk.raw"), str(files.overlay)],
        check=True,
    )  # fmt: skip


class Machine:
    """A running QEMU; ``started`` is the power-on time (monotonic)."""

    def __init__(self, spec: MachineSpec) -> None:
        self.spec = spec
        with (spec.files.run_dir / "qemu.log").open("ab") as log:  # QEMU keeps its own copy
            self.process = subprocess.Popen(qemu_command(spec), stdout=log, stderr=log)
        self.started = time.monotonic()

    def running(self) -> bool:
        """Whether QEMU still runs."""
        return self.process.poll() is None

    def stop(self) -> None:
        """End QEMU (hard) if it still runs."""
        if self.running():
            self.process.kill()
        self.process.wait()
