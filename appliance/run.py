"""`make appliance-test`: build (or reuse) the kiosk PC's image, boot it under QEMU with its
USB devices served from the host, drive the scenario and write docs/appliance-test.md."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from appliance.agent import Agent, AgentError
from appliance.disk_search import raw_copy, search
from appliance.image_cache import default_cache_dir, image_keys
from appliance.issuance import (
    FEE_YEN,
    KIOSK_PROCESS,
    VOICE_PEAK,
    GuestKiosk,
    IssuanceResult,
    Timeline,
    drop_coins,
    fetch_guest_pki,
    guest_mayor,
    issue_juminhyo,
    log_message,
    order_and_open_payment,
    read_journal,
    resident_card,
    since_now,
    site_references,
    wait_for_settlement,
)
from appliance.machine import Machine, MachineFiles, MachineSpec, make_overlay
from appliance.qmp import Qmp, QmpError
from appliance.report import Outcome, Report, Step
from appliance.screen import compare_files
from appliance.vscard import VSCardClient
from drivers.coin_acceptor.emulator import AcceptorModel, CcTalkBusEmulator, HopperModel
from drivers.coin_acceptor.framing import HOPPER_ADDRESS, ChecksumMode
from drivers.coin_acceptor.pty_emulator import PtyEmulator
from drivers.printer.escpos_emulator import EscPosTcpEmulator
from issuance_server.demo_data import DemoCard, generate

SOURCE = Path(__file__).resolve().parent.parent
HOME_REFERENCE = SOURCE / "docs" / "screens" / "ja" / "01-home.png"
#: The reference as it was when the run started (the checkout may change meanwhile).
RUN_REFERENCE = SOURCE / "build" / "appliance" / "home-reference.png"
BOOT_TIMEOUT_S = float(os.environ.get("APPLIANCE_BOOT_TIMEOUT", "1500"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _commit() -> str:
    head = subprocess.run(
        ["git", "-C", str(SOURCE), "rev-parse", "--short=12", "HEAD"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    dirty = subprocess.run(
        ["git", "-C", str(SOURCE), "status", "--porcelain", "--untracked-files=no"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    return head + (" (with uncommitted changes)" if dirty else "")


#: Set by main(): the report is rewritten after every step, so a run cut short still says
#: what it reached.
_SAVE: list[tuple[Report, Path]] = []


@contextlib.contextmanager
def timed(step: Step) -> Iterator[Step]:
    """Time ``step``; an exception marks it failed with the error as its detail."""
    begin = time.monotonic()
    try:
        yield step
        if step.outcome is Outcome.NOT_REACHED:
            step.outcome = Outcome.PASSED
    except Exception as error:
        step.outcome = Outcome.FAILED
        step.detail = (
            step.detail + " " if step.detail else ""
        ) + f"{type(error).__name__}: {error}"
        raise
    finally:
        step.seconds = time.monotonic() - begin
        for report, path in _SAVE:
            path.write_text(report.markdown(), encoding="utf-8")


def wheelhouse(cache: Path) -> tuple[Path, list[str]]:
    """The project's wheel and its pinned dependencies, with the kiosk's and the server's extras
    that install.sh installs, as wheels (the host is Debian 12 with the guest's Python, so wheels
    built here install in the guest); dependency wheel names."""
    house = cache / "wheelhouse"
    for old in house.glob("shomei_kiosk-*.whl"):
        old.unlink()
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--disable-pip-version-check",
         "-c", str(SOURCE / "requirements.lock"), "-w", str(house), f"{SOURCE}[kiosk,server]"],
        check=True,
    )  # fmt: skip
    names = sorted(p.name for p in house.glob("*.whl") if not p.name.startswith("shomei_kiosk-"))
    return house, names


def ensure_image(cache: Path, step: Step) -> Path:
    """The cached image for this checkout, built first if packaging or sources changed."""
    house, names = wheelhouse(cache)
    keys = image_keys(SOURCE, names)
    image_dir = cache / f"image-{keys.image}"
    if (image_dir / "disk.raw").exists():
        step.detail = f"cached image {keys.image} (base {keys.base})"
        return image_dir
    # Older images, and builds a stopped run left half done (the base system is kept).
    for stale in [*cache.glob("image-*"), *cache.glob("building-*")]:
        shutil.rmtree(stale)
    building = cache / f"building-{keys.image}"
    subprocess.run(
        [str(SOURCE / "appliance" / "build-image.sh"), str(building),
         str(cache / f"base-{keys.base}"), str(house)],
        check=True,
    )  # fmt: skip
    building.rename(image_dir)
    step.detail = f"built image {keys.image} (base {keys.base})"
    return image_dir


def wait_for_screen(qmp: Qmp, run_dir: Path, reference: Path, timeout_s: float) -> Path:
    """Dump the screen every few seconds until it matches ``reference``; the matching dump (the
    last one is kept as unmatched-NAME.png if none matches)."""
    deadline = time.monotonic() + timeout_s
    dump = run_dir / "screen.png"
    last = "no dump"
    while time.monotonic() < deadline:
        try:
            qmp.screendump(dump)
            match = compare_files(dump, reference)
            last = f"difference {match.difference:.1f}, {match.grey_levels} grey levels"
            if match.matches:
                return dump
        except (QmpError, OSError) as error:
            last = str(error)
        time.sleep(3)
    if dump.exists():  # what showed instead, for diagnosis
        shutil.copy(dump, run_dir / f"unmatched-{reference.stem}.png")
    raise TimeoutError(f"screen never matched {reference.name} ({last})")


class Rig:
    """The host side: emulators, the virtual card's reader link, QEMU, QMP and the agent."""

    def __init__(self, image_dir: Path, run_dir: Path) -> None:
        self.acceptor = AcceptorModel()
        self.hoppers = {
            100: HopperModel(100, 50, HOPPER_ADDRESS),
            10: HopperModel(10, 50, HOPPER_ADDRESS + 1),
        }
        bus = CcTalkBusEmulator([self.acceptor, *self.hoppers.values()], ChecksumMode.CRC16)
        self.coin = PtyEmulator(bus, echo=False)
        self.coin.start()
        self.receipt = EscPosTcpEmulator()
        files = MachineFiles(run_dir)
        make_overlay(image_dir, files)
        self.spec = MachineSpec(
            image_dir=image_dir,
            files=files,
            ccid_port=_free_port(),
            coin_tty=self.coin.device_path,
            receipt_port=self.receipt.port,
        )
        self.machine: Machine | None = None
        self.qmp: Qmp | None = None
        self.card_link: VSCardClient | None = None
        self.agent: Agent | None = None
        #: The reference shots for the guest's settings, once made (site_references).
        self.screens: Path | None = None

    def power_on(self) -> None:
        """Start QEMU and connect the monitor and the card reader link."""
        self.machine = Machine(self.spec)
        self.qmp = Qmp(self.spec.files.qmp)
        self.card_link = VSCardClient("127.0.0.1", self.spec.ccid_port)
        self.card_link.connect()

    def connect_agent(self, timeout_s: float) -> Agent:
        """The guest's command channel, once it answers."""
        self.agent = Agent(self.spec.files.agent)
        self.agent.wait_ready(timeout_s)
        return self.agent

    def close_machine(self) -> None:
        """Power off (hard) and drop the connections to this QEMU."""
        for closer in (self.agent, self.card_link, self.qmp):
            if closer is not None:
                with contextlib.suppress(OSError):
                    closer.close()
        self.agent = self.card_link = self.qmp = None
        if self.machine is not None:
            self.machine.stop()

    def close(self) -> None:
        """Power off and stop every emulator."""
        self.close_machine()
        self.coin.stop()
        self.receipt.close()


#: The scenario's steps in the order they run (TCG is slow: the most telling first).
STEPS = ("image", "boot to home screen", "USB devices named by udev",
         "issuance driven by taps", "voice prompt in the WAV",
         "watchdog restarts a frozen kiosk", "kiosk killed mid-payment",
         "shomei-selftest all", "hard power-off mid-print",
         "hard power-off at the home screen", "no personal data on the disk image")  # fmt: skip
#: Steps that always run (the rest need them), and steps that run only as part of another.
ALWAYS = ("image", "boot to home screen")
PART_OF = {"voice prompt in the WAV": "issuance driven by taps",
           "hard power-off at the home screen": "hard power-off mid-print"}  # fmt: skip


def chosen_steps(only: list[str]) -> list[str]:
    """The steps a run with ``--only`` (empty: every step) goes through, in scenario order."""
    unknown = sorted(set(only) - set(STEPS))
    if unknown:
        raise ValueError(f"no such step: {', '.join(unknown)} (steps: {', '.join(STEPS)})")
    wanted = {*ALWAYS, *only, *(PART_OF.get(name, name) for name in only)}
    return [name for name in STEPS if not only or name in wanted or PART_OF.get(name) in wanted]


def run_scenario(report: Report, cache: Path, run_dir: Path, only: list[str]) -> None:
    """The steps (``only`` those and what they need, if given); a failed step is noted and the
    next ones still run, except that nothing runs without the home screen."""
    steps = chosen_steps(only)
    for name in steps:
        report.step(name)

    def attempt(name: str, check: Callable[[Step], None]) -> bool:
        return name in steps and attempt_step(report, name, check)

    with timed(report.step("image")) as step:
        image_dir = ensure_image(cache, step)
    rig = Rig(image_dir, run_dir)
    try:
        with timed(report.step("boot to home screen")) as step:
            rig.power_on()
            assert rig.machine is not None
            assert rig.qmp is not None
            wait_for_screen(rig.qmp, run_dir, RUN_REFERENCE, BOOT_TIMEOUT_S)
            step.detail = (
                f"home screen matched {time.monotonic() - rig.machine.started:.0f} s after "
                "power-on (QMP screendump vs docs/screens/ja/01-home.png)"
            )
            shutil.copy(run_dir / "screen.png", run_dir / "home.png")
        agent = rig.connect_agent(300)
        report.notes.append(kiosk_start_up(agent))  # the boot is over once the kiosk is up
        boot = agent.run("systemd-analyze time | head -n 1").output.strip()
        report.notes.append(
            f"guest's own account of its boot (TCG, host load {os.getloadavg()[0]:.1f}): {boot}"
        )
        card = resident_card(fetch_guest_pki(agent, run_dir / "guest-center"), guest_mayor(agent))
        rig.screens = site_references(agent, run_dir)
        attempt("USB devices named by udev", lambda step: check_udev(agent, step))
        attempt("issuance driven by taps",
                lambda step: check_issuance(rig, agent, card, report, step, run_dir))  # fmt: skip
        attempt("watchdog restarts a frozen kiosk",
                lambda step: check_watchdog(rig, agent, step, run_dir))  # fmt: skip
        attempt("kiosk killed mid-payment",
                lambda step: check_kill_mid_payment(rig, agent, card, step, run_dir))  # fmt: skip
        attempt("shomei-selftest all", lambda step: check_selftest(agent, step))
        attempt("hard power-off mid-print",
                lambda step: check_power_cut_mid_print(rig, card, step, run_dir))  # fmt: skip
        attempt("hard power-off at the home screen",
                lambda step: check_power_cut(rig, step, run_dir))  # fmt: skip
        keep_guest_journal(rig, run_dir)
        rig.close_machine()
        attempt("no personal data on the disk image",
                lambda step: check_disk(rig, card, step, run_dir))  # fmt: skip
    except (Exception, Stopped) as error:
        report.notes.append(f"stopped at: {type(error).__name__}: {error}")
        keep_guest_journal(rig, run_dir)
    finally:
        report.notes.append(SLOWER_THAN_HARDWARE)
        report.notes.append(f"host load at the end: {os.getloadavg()[0]:.1f} on 2 cores")
        rig.close()
        console = run_dir / "console.log"
        if console.exists():
            report.notes.append(f"guest console log: {console.relative_to(SOURCE)}")


#: What the emulated PC does slower than a kiosk PC, and what the rig's site allows for it.
SLOWER_THAN_HARDWARE = (
    "slower than on real hardware: TCG emulates the CPU in software (no KVM here), so all CPU "
    "work in the guest is many times slower than on a kiosk PC: the systemd boot and the "
    "kiosk's start-up (above; its READY=1 comes after the devices open, within the rig's "
    "TimeoutStartSec=1200), the embedded demo server's rendering of the certificate (over "
    "the default 15 s server time-out: the rig's site allows 120 s) and every screen change "
    "(seconds per tap). The USB devices (CCID, FTDI serial, tablet) and IPP printing wait on "
    "the CPU, not on their own speed; the watchdog's 30 s is the packaging's, unchanged"
)


class Stopped(BaseException):
    """SIGTERM: the run is cut short (not a step's failure: no later step runs)."""


def _stop(signum: int, frame: object) -> None:
    raise Stopped(f"signal {signum}: the run was cut short")


def kiosk_start_up(agent: Agent) -> str:
    """The kiosk unit's start as systemd saw it (process start → READY=1: Python, Qt, the
    embedded server, the devices, Qt Multimedia), once it is active; a line for the notes."""
    agent.run(
        "timeout 900 sh -c 'until systemctl -q is-active shomei-kiosk; do sleep 2; done'", 960
    )
    stamps = agent.run(
        "systemctl show -P ExecMainStartTimestampMonotonic shomei-kiosk; "
        "systemctl show -P ActiveEnterTimestampMonotonic shomei-kiosk"
    ).output.split()
    if len(stamps) != 2 or not all(stamp.isdigit() for stamp in stamps):
        return f"kiosk start-up in the guest: not measured ({' '.join(stamps)})"
    seconds = (int(stamps[1]) - int(stamps[0])) / 1e6
    return (
        f"kiosk start-up in the guest (process start → READY=1: Python, Qt, the embedded demo "
        f"server, the devices, Qt Multimedia): {seconds:.0f} s under TCG"
    )


def keep_guest_journal(rig: Rig, run_dir: Path) -> None:
    """The guest's journal of every boot so far, to build/appliance/guest-journal.txt (for
    diagnosis; build output, never committed), while the agent still answers."""
    if rig.agent is None or rig.machine is None or not rig.machine.running():
        return
    with contextlib.suppress(OSError, AgentError):
        reply = rig.agent.run("journalctl --no-pager -o short-monotonic | tail -n 20000", 300)
        (run_dir / "guest-journal.txt").write_text(reply.output, encoding="utf-8")


def attempt_step(report: Report, name: str, check: Callable[[Step], None]) -> bool:
    """Run one step; a failure is in its row (and the notes), and the scenario goes on."""
    try:
        with timed(report.step(name)) as step:
            check(step)
    except Exception as error:
        report.notes.append(f"{name}: {type(error).__name__}: {error}")
        return False
    return True


def check_udev(agent: Agent, step: Step) -> None:
    """install.sh's udev rules named both FTDI adapters."""
    reply = agent.run("readlink -f /dev/kiosk-coin /dev/kiosk-receipt")
    links = reply.output.split()
    if reply.status != 0 or not all(link.startswith("/dev/ttyUSB") for link in links):
        raise AssertionError(f"udev names: {reply.output.strip()!r}")
    step.detail = "/dev/kiosk-coin → {}, /dev/kiosk-receipt → {}".format(*links)


#: The checks ``shomei-selftest all`` makes on a kiosk PC (kiosk_app/selftest_all.py).
SELFTEST_CHECKS = ("data_dir", "clock", "card_reader", "coins", "a4_printer",
                   "receipt_printer", "center", "voice")  # fmt: skip
#: The one check that cannot be OK in this VM, and the finding it must give instead: the issue
#: wants no network, so there is no NTP server and the self-test rightly warns.
OFFLINE_CLOCK = "system clock not synchronised"


def selftest_verdict(result: dict[str, Any]) -> tuple[str, list[str]]:
    """Each check's status on one line, and what is wrong: a check missing, or one not OK
    other than the clock's warning of the VM's missing network time."""
    checks: dict[str, Any] = result.get("checks", {})
    line = ", ".join(f"{name} {check.get('status')}" for name, check in checks.items())
    wrong = [f"{name} missing" for name in SELFTEST_CHECKS if name not in checks]
    for name, check in checks.items():
        status, findings = check.get("status"), check.get("findings", [])
        offline = name == "clock" and status == "warning" and OFFLINE_CLOCK in " ".join(findings)
        if status != "ok" and not offline:
            wrong.append(f"{name} {status}: {'; '.join(findings)}")
    return line, wrong


def check_selftest(agent: Agent, step: Step) -> None:
    """The product's self-test unit (it stops the kiosk, tests every device, restarts it):
    every device OK."""
    reply = agent.run(
        "systemctl start shomei-selftest.service; tail -n 1 /var/log/shomei-kiosk/selftest.jsonl",
        600,
    )
    result = json.loads(reply.output.strip().splitlines()[-1])
    line, wrong = selftest_verdict(result)
    step.detail = (
        f"{line} (overall {result.get('status')}; the clock warns: the VM has no network, "
        "so no NTP)"
    )
    if wrong:
        step.detail = "; ".join(wrong)[:900]
        raise AssertionError("not every device OK")


def check_watchdog(rig: Rig, agent: Agent, step: Step, run_dir: Path) -> None:
    """SIGSTOP the kiosk's Python (a hung GUI thread): systemd's watchdog must restart it."""
    before = agent.run("systemctl show -P NRestarts shomei-kiosk.service").output.strip()
    frozen = agent.run(f"pkill -STOP -f '{KIOSK_PROCESS}'; echo stopped")
    if frozen.status != 0:
        raise AssertionError(frozen.output)
    begin = time.monotonic()
    deadline = begin + 600
    while time.monotonic() < deadline:
        after = agent.run("systemctl show -P NRestarts shomei-kiosk.service").output.strip()
        if after != before:
            break
        time.sleep(5)
    else:
        raise TimeoutError("the watchdog never restarted the kiosk")
    restart_s = time.monotonic() - begin
    assert rig.qmp is not None
    wait_for_screen(rig.qmp, run_dir, RUN_REFERENCE, 900)
    step.detail = (
        f"NRestarts {before} → {after} {restart_s:.0f} s after SIGSTOP (WatchdogSec=30); "
        f"home screen back {time.monotonic() - begin:.0f} s after SIGSTOP"
    )


def kiosk_of(rig: Rig, agent: Agent, run_dir: Path) -> GuestKiosk:
    """The host's hands on the running machine."""
    assert rig.qmp is not None
    assert rig.card_link is not None
    assert rig.screens is not None
    return GuestKiosk(
        qmp=rig.qmp, agent=agent, card_link=rig.card_link, acceptor=rig.acceptor,
        receipt=rig.receipt.device, wav=rig.spec.files.sound, run_dir=run_dir,
        screens=rig.screens, wait_for_screen=wait_for_screen,
    )  # fmt: skip


def check_issuance(
    rig: Rig, agent: Agent, card: DemoCard, report: Report, step: Step, run_dir: Path
) -> None:
    """A resident's 住民票 by taps, with the virtual card, coins, printer and receipt; the
    voice's row from what the WAV got meanwhile."""
    result = issue_juminhyo(kiosk_of(rig, agent, run_dir), card)
    attempt_step(report, "voice prompt in the WAV", lambda voice: check_voice(result, voice))
    step.detail = (
        f"{result.timeline}; {result.printed_documents} document(s) in the guest's IPP "
        f"printer; receipt of {len(result.receipt_text.splitlines())} lines"
    )
    spool = agent.run("findmnt -n -o FSTYPE --target /var/spool/cups").output.strip()
    step.detail += f"; CUPS spool on {spool}"
    if result.printed_documents < 1:
        raise AssertionError("nothing reached the A4 printer")
    if spool != "tmpfs":
        raise AssertionError("the certificate's CUPS spool is on the disk")
    if str(FEE_YEN) not in result.receipt_text.replace(",", ""):
        raise AssertionError(f"the receipt does not show {FEE_YEN} yen")


def check_voice(result: IssuanceResult, step: Step) -> None:
    """The "take your card" prompt reached the sound card."""
    step.detail = (
        f"loudest sample {result.voice_peak} (of 32767) written while the remove-card screen showed"
    )
    if result.voice_peak < VOICE_PEAK:
        raise AssertionError("silence in the WAV while the prompt should play")


#: The coins dropped before the kill: half of the fee, so the payment is open, not yet covered.
PART_PAID_YEN = FEE_YEN // 2


def check_kill_mid_payment(
    rig: Rig, agent: Agent, card: DemoCard, step: Step, run_dir: Path
) -> None:
    """100 of 200 yen paid and journaled, the hoppers run dry, the kiosk's process killed:
    restarted, the payment settled with a 返金票 for the 100 yen on the receipt printer (the
    hoppers could not pay it), the journal balanced and the debt in it."""
    kiosk = kiosk_of(rig, agent, run_dir)
    timeline = Timeline()
    order_and_open_payment(kiosk, card, timeline)
    before = read_journal(agent)
    tickets = len(rig.receipt.device.tickets)
    drop_coins(rig.acceptor, PART_PAID_YEN, 100, 120)
    wait_for_credit(agent, before.inserted + PART_PAID_YEN, 300)
    timeline.mark(f"{PART_PAID_YEN} of {FEE_YEN} yen journaled")
    levels = {value: hopper.level for value, hopper in rig.hoppers.items()}
    for hopper in rig.hoppers.values():
        hopper.level = 0  # the coin comes back as a slip, not from a hopper
    try:
        scope = since_now(agent)
        agent.run(f"pkill -KILL -f '{KIOSK_PROCESS}'")
        timeline.mark("killed")
        settled = wait_for_settlement(agent, scope, 900)
        timeline.mark("settled")
        slips = rig.receipt.device.wait_for_tickets(tickets + 1, timeout=300)[tickets:]
        timeline.mark(f"{len(slips)} slip(s) cut")
    finally:
        for value, hopper in rig.hoppers.items():
            hopper.level = levels[value]
    kiosk.expect("01-home", 900)
    timeline.mark("home")
    journal = read_journal(agent)
    slip = slips[-1].text if slips else ""
    printed = f"返金票 of {PART_PAID_YEN} yen printed" if is_refund_slip(slip) else "no 返金票"
    step.detail = f"{timeline.text()}; {log_message(settled)}; {printed}; {journal.text()}"
    if not journal.balanced or journal.open_payments:
        raise AssertionError(journal.text())
    if journal.refunds_owed - before.refunds_owed != PART_PAID_YEN:
        raise AssertionError(
            f"owed {journal.refunds_owed - before.refunds_owed} yen, not {PART_PAID_YEN}"
        )
    if not is_refund_slip(slip):
        raise AssertionError(f"no 返金票 of {PART_PAID_YEN} yen on the receipt printer: {slip!r}")


def is_refund_slip(text: str) -> bool:
    """The receipt printer's ticket is a 返金票 for the part paid."""
    return "返金票" in text and f"{PART_PAID_YEN}" in text.replace(",", "")


def wait_for_credit(agent: Agent, inserted: int, timeout_s: float) -> None:
    """Until the guest's money journal counts ``inserted`` yen put in (the coin credited)."""
    deadline = time.monotonic() + timeout_s
    while read_journal(agent).inserted < inserted:
        if time.monotonic() > deadline:
            raise TimeoutError(f"the journal never counted {inserted} yen inserted")
        time.sleep(2)


#: The guest's A4 printer (appliance/guest): frozen, it holds the job as a jammed printer does.
GUEST_PRINTER_UNIT = "shomei-rig-printer.service"


def check_power_cut_mid_print(rig: Rig, card: DemoCard, step: Step, run_dir: Path) -> None:
    """200 yen paid, the A4 printer holding the job (frozen: on the fast path through the
    tmpfs spool the job could end before the printing screen was seen), QMP quit once the
    job is in the guest's CUPS, powered on again: the payment settled (the undelivered fee
    returned), the journal balanced to the yen, no job left in CUPS to print after power-on."""
    assert rig.agent is not None
    kiosk = kiosk_of(rig, rig.agent, run_dir)
    timeline = Timeline()
    before = read_journal(rig.agent)
    order_and_open_payment(kiosk, card, timeline)
    rig.agent.run(f"systemctl kill --signal=SIGSTOP {GUEST_PRINTER_UNIT}")
    drop_coins(rig.acceptor, FEE_YEN, 100, 120)
    wait_for_cups_job(rig.agent, 300)
    timeline.mark("printing (the job in CUPS): power cut")
    assert rig.qmp is not None
    rig.qmp.quit()
    rig.close_machine()
    rig.power_on()
    assert rig.qmp is not None
    wait_for_screen(rig.qmp, run_dir, RUN_REFERENCE, BOOT_TIMEOUT_S)
    timeline.mark("home after power-on")
    agent = rig.connect_agent(300)
    settled = wait_for_settlement(agent, "-b 0", 900)
    journal = read_journal(agent)
    jobs = agent.run("lpstat -o").output.strip()
    returned = (journal.change + journal.refunds_owed) - (before.change + before.refunds_owed)
    step.detail = (
        f"{timeline.text()}; {log_message(settled)}; {journal.text()}; "
        f"CUPS jobs after power-on: {jobs or 'none'}"
    )
    if not journal.balanced or journal.open_payments:
        raise AssertionError(journal.text())
    if returned != FEE_YEN or journal.fees != before.fees:
        raise AssertionError(f"{returned} yen of the undelivered {FEE_YEN} yen fee returned")
    if jobs:
        raise AssertionError("a job of the cut print is left to print after power-on")


def wait_for_cups_job(agent: Agent, timeout_s: float) -> None:
    """Until the certificate's job is in the guest's CUPS (the kiosk is printing; its printing
    screen's progress bar may show any fill by then, so the screen is not what is waited on)."""
    deadline = time.monotonic() + timeout_s
    while not agent.run("lpstat -o").output.strip():
        if time.monotonic() > deadline:
            raise TimeoutError("no print job reached CUPS")
        time.sleep(2)


def check_disk(rig: Rig, card: DemoCard, step: Step, run_dir: Path) -> None:
    """The person's name, address and 個人番号 searched in the whole disk from the host: only
    the embedded municipality server's registry may hold them (its files, or a freed block
    holding the same bytes: an earlier copy, such as its SQLite WAL deleted at a clean stop)."""
    person = next(p for p in generate().persons if p.id == card.person_id)
    needles = {
        "name": f"{person.family_name}{person.given_name}".encode(),
        "name (spaced)": f"{person.family_name}\u3000{person.given_name}".encode(),
        "address": person.address.encode(),
        "個人番号": person.individual_number.encode(),
    }
    raw = raw_copy(rig.spec.files.overlay, run_dir / "disk-after.raw")
    scratch = run_dir / "allowed-files"
    try:
        hits = search(raw, needles, scratch)
    finally:
        raw.unlink()
        shutil.rmtree(scratch, ignore_errors=True)
    leaks = sorted({f"{hit.label} in {hit.where}" for hit in hits if not hit.allowed})
    kept = sorted({hit.where for hit in hits if hit.allowed})
    step.detail = (
        f"{len(hits)} hit(s), all in {', '.join(kept) or '-'}" if not leaks else "; ".join(leaks)
    )
    if leaks:
        raise AssertionError("personal data outside the registry: " + "; ".join(leaks))


def check_power_cut(rig: Rig, step: Step, run_dir: Path) -> None:
    """QMP quit (power cut), power on the same disk: home screen again, the kiosk reports the
    unclean stop, and the file system and money journal survived. Whatever an earlier step
    left (a machine off, or not at home), it starts from the home screen."""
    if rig.qmp is None or rig.machine is None or not rig.machine.running():
        rig.close_machine()
        rig.power_on()
    assert rig.qmp is not None
    wait_for_screen(rig.qmp, run_dir, RUN_REFERENCE, BOOT_TIMEOUT_S)
    rig.qmp.quit()
    rig.close_machine()
    rig.power_on()
    assert rig.qmp is not None
    assert rig.machine is not None
    wait_for_screen(rig.qmp, run_dir, RUN_REFERENCE, BOOT_TIMEOUT_S)
    boot_s = time.monotonic() - rig.machine.started
    agent = rig.connect_agent(300)
    incident = agent.run(
        "journalctl -b 0 -u shomei-kiosk.service --no-pager -o cat | grep -c 'did not stop cleanly'"
    )
    if incident.output.strip() in ("", "0"):
        raise AssertionError("the kiosk did not report the unclean stop")
    step.detail = (
        f"powered on again: home screen {boot_s:.0f} s after power-on; the kiosk logged the "
        "unclean stop of the previous run"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the scenario and write the report; exit 1 unless every step passed."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--report", type=Path,
        help="default: docs/appliance-test.md, or build/appliance-only.md with --only",
    )  # fmt: skip
    parser.add_argument("--cache", type=Path, default=default_cache_dir())
    parser.add_argument(
        "--only", action="append", default=[], metavar="STEP", choices=STEPS,
        help="run only this step (repeatable; the image and the boot always run)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if args.report is None:
        only_report = SOURCE / "build" / "appliance-only.md"
        args.report = only_report if args.only else SOURCE / "docs" / "appliance-test.md"
    args.cache.mkdir(parents=True, exist_ok=True)
    run_dir = SOURCE / "build" / "appliance"
    shutil.rmtree(run_dir, ignore_errors=True)
    run_dir.mkdir(parents=True)
    report = Report(
        commit=_commit(),
        started_utc=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        host=f"{platform.node()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}, QEMU TCG",
    )
    _SAVE.append((report, args.report))
    signal.signal(signal.SIGTERM, _stop)
    shutil.copy(HOME_REFERENCE, run_dir / "home-reference.png")
    try:
        run_scenario(report, args.cache, run_dir, args.only)
    except Exception as error:
        report.notes.append(f"stopped at: {type(error).__name__}: {error}")
    args.report.write_text(report.markdown(), encoding="utf-8")
    print(report.markdown())
    return 0 if report.passed else 1


if __name__ == "__main__":
    sys.exit(main())
