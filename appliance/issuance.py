"""A whole issuance on the booted kiosk, driven from the host: taps on QEMU's USB tablet, the
virtual My Number Card in the USB reader, coins from the ccTalk emulator; every screen is
checked against its reference shot (docs/screens/ja), the certificate in the guest's IPP
printer, the receipt in the ESC/POS emulator and the voice in the sound card's WAV. The reference
shots are made for the guest's own settings (:func:`site_references`), not the demo's."""

from __future__ import annotations

import array
import base64
import datetime as dt
import io
import json
import os
import subprocess
import sys
import tarfile
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from appliance.agent import Agent
from appliance.machine import SCREEN_HEIGHT, SCREEN_WIDTH
from appliance.qmp import Qmp
from appliance.vscard import VSCardClient
from drivers.coin_acceptor.emulator import AcceptorModel
from drivers.printer.escpos_emulator import EmulatedReceiptPrinter
from issuance_server.demo_data import DemoCard, demo_cards, generate
from tests.support import people

SOURCE = Path(__file__).resolve().parent.parent
#: The guest's site settings (written by build-image.sh from packaging's kiosk.toml.in).
GUEST_CONFIG = "/etc/shomei-kiosk/kiosk.toml"
#: The embedded demo server's data directory in the guest (its demo JPKI CA is made there).
GUEST_CENTER = "/var/lib/shomei-kiosk/center"
#: Where the guest's IPP printer (appliance/guest, ippeveprinter -k) keeps printed documents.
GUEST_SPOOL = "/run/rig-printer"

# Tap positions on the 1280x800 screen, read off the reference shots (the rig's kiosk.toml
# draws at their size: ui_scale = 1.0).
ISSUE_BUTTON = (640, 310)
PIN_KEYS = {
    "1": (442, 354), "2": (640, 354), "3": (837, 354),
    "4": (442, 428), "5": (640, 428), "6": (837, 428),
    "7": (442, 502), "8": (640, 502), "9": (837, 502),
    "0": (640, 576),
}  # fmt: skip
PIN_OK = (640, 669)
MENU_JUMINHYO = (640, 112)
NEXT_BUTTON = (944, 669)
PAY_BUTTON = (944, 650)
#: 受け取りました on the take-items screen.
DONE_BUTTON = (640, 669)
#: 住民票の写し, one copy: the demo fee.
FEE_YEN = 200
#: A prompt is "heard" when the WAV written meanwhile reaches this peak (of 32767).
VOICE_PEAK = 1000


@dataclass
class Timeline:
    """Seconds from the tap on 証明書の交付 to each screen or event."""

    begin: float = field(default_factory=time.monotonic)
    marks: list[tuple[str, float]] = field(default_factory=list)

    def mark(self, name: str) -> None:
        """Note that ``name`` was seen now."""
        self.marks.append((name, time.monotonic() - self.begin))

    def text(self) -> str:
        """The marks as "name +12 s, ..."."""
        return ", ".join(f"{name} +{seconds:.0f} s" for name, seconds in self.marks)


def fetch_guest_pki(agent: Agent, into: Path) -> Path:
    """A copy of the guest's demo data directory's pki/ (the CA that signs the demo cards)."""
    # The embedded server makes its CA when the kiosk first opens it, which may come after
    # the home screen shows.
    ready = f"{GUEST_CENTER}/pki/ca.pem"
    wait = f"for i in $(seq 600); do [ -s {ready} ] && break; sleep 1; done; [ -s {ready} ]"
    reply = agent.run(
        f"{wait} && set -o pipefail && tar -C {GUEST_CENTER} -cz pki | base64 -w0", 900
    )
    if reply.status != 0:
        raise AssertionError(f"no demo CA in the guest: {reply.output[:200]}")
    archive = base64.b64decode(reply.output.strip(), validate=True)
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as tar:
        tar.extractall(into, filter="data")
    return into


def resident_card(data_dir: Path, mayor: str) -> DemoCard:
    """The card of a plain adult resident the demo server serves (tests/support/people.py's
    choice: fictitious, not named like the mayor printed on every certificate)."""
    cards = {card.person_id: card for card in demo_cards(data_dir)}
    plain = people.plain(mayor)
    person = people.demo_person(
        generate(), dt.datetime.now(dt.UTC), lambda p: people.resident(p) and plain(p), min_age=20
    )
    return cards[person.id]


def guest_mayor(agent: Agent) -> str:
    """The mayor named in the guest's kiosk.toml."""
    reply = agent.run(f"cat {GUEST_CONFIG}")
    return str(tomllib.loads(reply.output)["municipality"]["mayor"])


def site_references(agent: Agent, run_dir: Path) -> Path:
    """Reference shots of the issuance screens for the guest's own kiosk.toml (its municipality,
    fees, hours, 個人番号 setting), made on the host by scripts/screenshots.py --site now: a
    site's screens differ from the demo's (docs/screens), and hours make them differ by time
    of day. The directory of the shots (01-home.png …)."""
    reply = agent.run(f"cat {GUEST_CONFIG}")
    if reply.status != 0:
        raise AssertionError(f"cannot read the guest's {GUEST_CONFIG}: {reply.output[:200]}")
    site = run_dir / "site-kiosk.toml"
    site.write_text(reply.output, encoding="utf-8")
    out = run_dir / "references"
    subprocess.run(
        [sys.executable, str(SOURCE / "scripts" / "screenshots.py"), "--site", str(site),
         "--out", str(out)],
        check=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    return out / "ja"


#: QEMU's wav audiodev: a 44-byte header, then signed 16-bit little-endian samples.
WAV_HEADER = 44


def wav_size(path: Path) -> int:
    """Bytes written so far to the sound card's WAV."""
    return path.stat().st_size if path.exists() else 0


def loudest_sample(path: Path, since: int) -> int:
    """The largest absolute sample the guest played into the WAV after byte ``since``."""
    with path.open("rb") as wav:
        wav.seek(max(since, WAV_HEADER))
        data = wav.read()
    samples = array.array("h")
    samples.frombytes(data[: len(data) - len(data) % 2])
    return max((abs(sample) for sample in samples), default=0)


@dataclass
class GuestKiosk:
    """The host's hands on the running kiosk PC."""

    qmp: Qmp
    agent: Agent
    card_link: VSCardClient
    acceptor: AcceptorModel
    receipt: EmulatedReceiptPrinter
    wav: Path
    run_dir: Path
    #: The reference shots for the guest's settings (:func:`site_references`).
    screens: Path
    wait_for_screen: Callable[[Qmp, Path, Path, float], Path]

    def tap(self, position: tuple[int, int], settle_s: float = 2.0) -> None:
        """One finger tap, then a moment for the guest to take it."""
        self.qmp.tap(*position, SCREEN_WIDTH, SCREEN_HEIGHT)
        time.sleep(settle_s)

    def expect(self, shot: str, timeout_s: float = 300) -> None:
        """Wait until the screen matches the reference shot ``shot``.png."""
        self.wait_for_screen(self.qmp, self.run_dir, self.screens / f"{shot}.png", timeout_s)


@dataclass(frozen=True)
class IssuanceResult:
    """What the host saw."""

    timeline: str
    printed_documents: int
    receipt_text: str
    voice_peak: int


def drop_coins(
    acceptor: AcceptorModel, yen: int, coin: int, timeout_s: float, pause_s: float = 2.0
) -> None:
    """Drop ``yen`` in ``coin`` coins, each once the kiosk accepts coins (``pause_s`` apart, as
    a hand drops them)."""
    deadline = time.monotonic() + timeout_s
    left = yen
    while left > 0:
        if acceptor.insert_coin(coin):
            left -= coin
            time.sleep(pause_s)
        elif time.monotonic() > deadline:
            raise TimeoutError(f"the acceptor took {yen - left} of {yen} yen")
        else:
            time.sleep(1)


#: The kiosk app's Python in the guest (cage's command line names the app too: not cage).
KIOSK_PROCESS = "^/opt/shomei-kiosk/venv/bin/python /opt/shomei-kiosk/venv/bin/shomei-kiosk"


def wait_until_serving(agent: Agent, timeout_s: float) -> None:
    """Until the running kiosk has opened its devices (its home screen shows "preparing" until
    then, and looks like the reference all the same): its unit is active once the app has
    sent READY=1, which it does then."""
    deadline = time.monotonic() + timeout_s
    while agent.run("systemctl -q is-active shomei-kiosk.service", 120).status != 0:
        if time.monotonic() > deadline:
            raise TimeoutError("the kiosk never opened its devices")
        time.sleep(5)


def order_and_open_payment(kiosk: GuestKiosk, card: DemoCard, timeline: Timeline) -> int:
    """Home → 証明書の交付 → card → PIN → remove → 住民票の写し → next → next → pay: the paying
    screen shows. The loudest sample of the WAV while the remove-card screen showed."""
    kiosk.expect("01-home", 900)  # after a restart the kiosk may still be starting
    wait_until_serving(kiosk.agent, 900)
    kiosk.tap(ISSUE_BUTTON)
    kiosk.expect("02-place-card")
    timeline.mark("place card")
    virtual = card.make_card()
    virtual.power_on()
    kiosk.card_link.insert(virtual.atr, virtual.process_apdu)
    kiosk.expect("03-pin")
    timeline.mark("PIN")
    for digit in card.pin:
        kiosk.tap(PIN_KEYS[digit])
    wav_mark = wav_size(kiosk.wav)
    kiosk.tap(PIN_OK)
    kiosk.expect("04-remove-card")
    timeline.mark("remove card")
    time.sleep(8)  # the prompt plays while the screen shows
    voice_peak = loudest_sample(kiosk.wav, wav_mark)
    kiosk.card_link.remove()
    kiosk.expect("05-menu")
    timeline.mark("menu")
    kiosk.tap(MENU_JUMINHYO)
    kiosk.expect("06-options")
    kiosk.tap(NEXT_BUTTON)
    kiosk.expect("07-copies")
    kiosk.tap(NEXT_BUTTON)
    kiosk.expect("08-confirm")
    timeline.mark("confirm")
    kiosk.tap(PAY_BUTTON)
    kiosk.expect("09-paying")
    timeline.mark("paying")
    return voice_peak


def issue_juminhyo(kiosk: GuestKiosk, card: DemoCard) -> IssuanceResult:
    """A whole issuance, as a resident does it with their fingers: ordered, paid in coins,
    printed, items taken, back at home."""
    timeline = Timeline()
    tickets_before = len(kiosk.receipt.tickets)
    voice_peak = order_and_open_payment(kiosk, card, timeline)
    drop_coins(kiosk.acceptor, FEE_YEN, 100, 120)
    timeline.mark(f"{FEE_YEN} yen in coins")
    kiosk.expect("11-take-items", 600)
    timeline.mark("take items")
    tickets = kiosk.receipt.wait_for_tickets(tickets_before + 1, timeout=120)
    timeline.mark("receipt cut")
    listing = kiosk.agent.run(f"ls {GUEST_SPOOL} | wc -l")
    kiosk.tap(DONE_BUTTON)  # the person has taken the certificate and the receipt
    kiosk.expect("01-home", 300)
    timeline.mark("home")
    return IssuanceResult(
        timeline=timeline.text(),
        printed_documents=int(listing.output.strip() or 0),
        receipt_text=tickets[-1].text,
        voice_peak=voice_peak,
    )


#: The money journal read in the guest as the kiosk user (never as root: the WAL files it
#: would make must stay the kiosk's): inserted, fees, change, owed, balanced, open payments.
JOURNAL_QUERY = (
    "runuser -u shomei -- /opt/shomei-kiosk/venv/bin/python -c "
    "'from kiosk_app.payment.journal import MoneyJournal as M; "
    'j = M("/var/lib/shomei-kiosk/money.sqlite3"); t = j.totals(); '
    "print(t.inserted, t.fees, t.change, t.refunds_owed, j.balanced(), len(j.open_payments()))'"
)


@dataclass(frozen=True)
class JournalState:
    """The guest's money journal, as its own code reads it."""

    inserted: int
    fees: int
    change: int
    refunds_owed: int
    balanced: bool
    open_payments: int

    def text(self) -> str:
        """One line for the report."""
        return (
            f"journal: inserted {self.inserted} = fees {self.fees} + change {self.change} + "
            f"owed {self.refunds_owed} yen, {'balanced' if self.balanced else 'NOT balanced'}, "
            f"{self.open_payments} payment(s) open"
        )


def read_journal(agent: Agent) -> JournalState:
    """The guest's money journal totals."""
    reply = agent.run(JOURNAL_QUERY, 300)
    fields = reply.output.split()
    if reply.status != 0 or len(fields) != 6:
        raise AssertionError(f"cannot read the money journal: {reply.output[-300:]}")
    inserted, fees, change, owed = (int(value) for value in fields[:4])
    return JournalState(inserted, fees, change, owed, fields[4] == "True", int(fields[5]))


def wait_for_settlement(agent: Agent, scope: str, timeout_s: float) -> str:
    """The kiosk's "settled an interrupted payment" line logged in journalctl's ``scope``
    ("--since '…'" or "-b 0"), once it comes."""
    deadline = time.monotonic() + timeout_s
    command = (
        f"journalctl -t shomei-kiosk {scope} -o cat --no-pager "
        "| grep 'settled an interrupted payment' | tail -n 1"
    )
    while time.monotonic() < deadline:
        line = agent.run(command, 120).output.strip()
        if line:
            return line
        time.sleep(10)
    raise TimeoutError("the kiosk never settled the interrupted payment")


def log_message(line: str) -> str:
    """The message of one of the kiosk's JSON log lines (the line itself if it is not one)."""
    try:
        message = json.loads(line).get("message")
    except (json.JSONDecodeError, AttributeError):
        return line
    return str(message) if message is not None else line


def since_now(agent: Agent) -> str:
    """journalctl's scope from the guest's clock now."""
    return "--since '" + agent.run("date -u '+%Y-%m-%d %H:%M:%S UTC'").output.strip() + "'"
