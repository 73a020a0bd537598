"""Relay center: ≥200 store kiosks across 3 municipality servers through ``shomei-center serve``.

Every process is real and on loopback with mutual TLS: the three demo municipalities'
``shomei-server serve`` (PostgreSQL each) and ``shomei-center serve`` (PostgreSQL, 1 then 2
worker processes). Each kiosk is a thread with its own client certificate and a fictitious card
holder of one municipality: routed challenge (住所地, by the card), card signature, session,
a 住民票の写し, outcome, end. Every document is checked against its requester (applicant id)
and its municipality (the signed page codes name it). The baseline is the same sessions sent
straight to the municipality servers in the same run; the figure is the center's added latency
per call (p50, p99) and the sessions per second with 1 and 2 center processes.
``python bench/center_relay.py [--kiosks 200] [--sessions 1]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from issuance_center.store import CenterStore, Municipality
from issuance_contract.certificates import CertificateType
from issuance_contract.messages import OrderItem, Route
from issuance_server.card_directory import resident_card_rows
from issuance_server.demo_data import DemoCard, demo_ca, demo_cards, generate
from issuance_server.demo_municipalities import DEMO_MUNICIPALITIES, DemoMunicipality
from issuance_server.tls_demo import TlsFiles, make_demo_tls
from issuance_server.verification import load_public_key, verify_page_code
from kiosk_app.center.https_link import HttpsCenterLink
from tests.stacks.postgres import PostgresStack, postgres_cluster

CENTER_ID = "BENCH-CENTER"
CARDS_PER_MUNICIPALITY = 24
#: Every bench kiosk (and the center) comes from 127.0.0.1: the per-address limits of the
#: listener are raised as a deployment raises a municipality's for its center's address.
LOOPBACK_LIMITS = "[x]\nper_peer = 2048\nhandshakes_per_peer = 512\nhandshakes = 512\n"
VENV_BIN = Path(sys.executable).parent


@dataclass
class Tally:
    """Per-call latencies (seconds) and findings, shared by the kiosk threads."""

    calls: list[float] = field(default_factory=list)
    sessions: int = 0
    errors: list[str] = field(default_factory=list)
    misissued: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _server_toml(
    d: DemoMunicipality, root: Path, pki: Path, db: str, ports: tuple[int, int], ca: Path
) -> Path:
    tls = make_demo_tls(root / d.code / "tls", [])
    certs = "".join(
        f'[certificates.{t.value}]\nfee_yen = {fee}\nhours = "00:00-24:00"\n'
        for t, fee in d.fees.items()
    )
    text = (
        f'[server]\ndata_dir = "{pki}"\ndatabase = "{db}"\nhost = "127.0.0.1"\nport = {ports[0]}\n'
        f"health_port = {ports[1]}\n"
        "closed_days = []\nrequest_timeout = 120\ndemo_data = true\n"
        f"demo_seed = {d.seed}\ndemo_card_serial_base = {d.card_serial_base}\n"
        f'[server.tls]\ncertificate = "{tls.server_certificate}"\nkey = "{tls.server_key}"\n'
        f'client_ca = "{ca}"\n'
        f"{LOOPBACK_LIMITS.replace('[x]', '[server.connections]')}"
        f'[municipality]\ncode = "{d.code}"\nname = "{d.name}"\nmayor = "{d.mayor}"\n{certs}'
    )
    path = root / d.code / "server.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _center_toml(
    root: Path, db: str, ports: tuple[int, int], workers: int, tls: TlsFiles, pki: Path
) -> Path:
    cert, key = tls.kiosk(CENTER_ID)
    text = (
        f'[center]\ndata_dir = "{root}"\ndatabase = "{db}"\njpki_ca = "{pki / "pki" / "ca.pem"}"\n'
        f'host = "127.0.0.1"\nport = {ports[0]}\nhealth_port = {ports[1]}\nworkers = {workers}\n'
        "request_timeout = 120\n"
        f'[center.tls]\ncertificate = "{tls.server_certificate}"\nkey = "{tls.server_key}"\n'
        f'client_ca = "{tls.ca}"\n'
        f'[center.upstream]\ncertificate = "{cert}"\nkey = "{key}"\n'
        f"{LOOPBACK_LIMITS.replace('[x]', '[center.connections]')}"
    )
    path = root / f"center-{workers}.toml"
    path.write_text(text, encoding="utf-8")
    return path


@contextmanager
def _process(command: list[str], health_port: int) -> Iterator[None]:
    """Run a server process until the block ends; ready once its loopback /healthz answers."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{command[0]} exited")
            try:
                url = f"http://127.0.0.1:{health_port}/healthz"
                httpx.get(url, timeout=2).raise_for_status()
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{command[0]} did not start") from None
                time.sleep(0.3)
        yield
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@dataclass(frozen=True)
class Holder:
    """A fictitious card holder and the municipality they live in."""

    municipality: DemoMunicipality
    card: DemoCard


def _holders(pki: Path) -> list[Holder]:
    """Adult residents of each municipality with a valid card (keys made before timing)."""
    today = dt.date.today()
    chosen = []
    for d in DEMO_MUNICIPALITIES:
        registry = generate(d.seed, card_serial_base=d.card_serial_base)
        people = {p.id: p for p in registry.persons}
        records = {c.person_id: c for c in registry.cards}
        found = 0
        for card in demo_cards(pki, d.seed, d.card_serial_base):
            p, record = people[card.person_id], records[card.person_id]
            if (
                p.residence is None
                or p.residence.move_out_filed
                or p.residence.dv_protected
                or p.deceased_on is not None
                or p.age_on(today) < 15
                or record.revoked
                or card.expires_on <= today
            ):
                continue
            card.keys()
            chosen.append(Holder(d, card))
            found += 1
            if found == CARDS_PER_MUNICIPALITY:
                break
    return chosen


def _session(
    link: HttpsCenterLink, holder: Holder, tag: str, key: Ed25519PublicKey, n: int
) -> tuple[list[float], int]:
    """One whole session; (the latency of each call, documents found misissued)."""
    card, code = holder.card, holder.municipality.code
    der = card.keys().auth_certificate_der
    marks = [time.perf_counter()]
    if tag != "direct":
        challenge = link.start_routed_authentication(Route.RESIDENCE, der)
    else:
        challenge = link.start_authentication()
    marks.append(time.perf_counter())
    signature = card.keys().auth_key.sign(challenge.nonce, padding.PKCS1v15(), hashes.SHA256())
    marks.append(time.perf_counter())
    session = link.authenticate(challenge.challenge_id, der, signature)
    marks.append(time.perf_counter())
    order = [OrderItem(certificate_type=CertificateType.JUMINHYO)]
    issuance = link.issue(session.token, order, f"bench-{tag}-{n:04d}")
    marks.append(time.perf_counter())
    bad = 0
    for document in issuance.documents:
        if document.applicant_id != card.person_id or not document.pdf.startswith(b"%PDF"):
            bad += 1
        for page_code in document.page_codes:
            verdict = verify_page_code(page_code, key)
            claim = verdict.claim
            if (
                not verdict.valid
                or claim is None
                or claim.municipality_code != code
                or claim.document_id != document.document_id
            ):
                bad += 1
    marks.append(time.perf_counter())
    printed = [d.document_id for d in issuance.documents]
    link.report_outcome(session.token, issuance.request_id, printed, issuance.total_fee_yen)
    marks.append(time.perf_counter())
    link.end_session(session.token)
    marks.append(time.perf_counter())
    spans = [b - a for a, b in itertools.pairwise(marks)]
    calls = [spans[0], spans[2], spans[3], spans[5], spans[6]]  # not signing or checking
    return calls, bad


def _phase(
    links: list[tuple[HttpsCenterLink, Holder]],
    tag: str,
    sessions: int,
    key: Ed25519PublicKey,
) -> tuple[Tally, float]:
    tally = Tally()
    start = threading.Barrier(len(links) + 1)

    def run(link: HttpsCenterLink, holder: Holder) -> None:
        start.wait()
        for n in range(sessions):
            try:
                calls, bad = _session(link, holder, tag, key, n)
            except Exception as exc:
                with tally.lock:
                    tally.errors.append(f"{type(exc).__name__}: {exc}"[:160])
                continue
            with tally.lock:
                tally.calls.extend(calls)
                tally.sessions += 1
                tally.misissued += bad

    threads = [threading.Thread(target=run, args=item, daemon=True) for item in links]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    return tally, time.perf_counter() - began


def _quantile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q * 100) - 1] if len(values) > 1 else 0.0


def main(argv: list[str] | None = None) -> int:
    """Run the bench; print a markdown section; exit 1 on any error or misissue."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kiosks", type=int, default=200)
    parser.add_argument("--sessions", type=int, default=1, help="sessions per kiosk per phase")
    args = parser.parse_args(argv)
    kiosks = [f"BENCH-KIOSK-{n:03d}" for n in range(args.kiosks)]
    with tempfile.TemporaryDirectory(prefix="center-bench-") as tmp, ExitStack() as stack:
        root, pki = Path(tmp), Path(tmp) / "pki-data"
        pg: PostgresStack = stack.enter_context(postgres_cluster())
        tls = make_demo_tls(root / "center-tls", [*kiosks, CENTER_ID])
        holders = _holders(pki)
        urls: dict[str, str] = {}
        for d in DEMO_MUNICIPALITIES:
            ports = (_free_port(), _free_port())
            urls[d.code] = f"https://127.0.0.1:{ports[0]}"
            config = _server_toml(d, root, pki, pg.new_database(), ports, tls.ca)
            command = [str(VENV_BIN / "shomei-server"), "serve", "--config", str(config)]
            stack.enter_context(_process(command, ports[1]))
        public_key = load_public_key(pki / "keys" / "verification-public.pem")
        center_db = pg.new_database()
        store = CenterStore(center_db)
        ca = demo_ca(pki)
        for d in DEMO_MUNICIPALITIES:
            ca_pem = (root / d.code / "tls" / "ca.pem").read_text(encoding="ascii")
            store.add_municipality(
                Municipality(d.code, d.name, d.prefecture, urls[d.code], ca_pem, honseki=d.honseki)
            )
            registry = generate(d.seed, card_serial_base=d.card_serial_base)
            store.import_cards(resident_card_rows(registry, ca.certificate, d.code))
        store.close()
        rows = []
        direct: Tally | None = None
        for label, workers in (("direct", 0), ("center, 1 process", 1), ("center, 2 processes", 2)):
            with ExitStack() as phase_stack:
                if workers:
                    ports = (_free_port(), _free_port())
                    config = _center_toml(root, center_db, ports, workers, tls, pki)
                    url = f"https://127.0.0.1:{ports[0]}"
                    command = [str(VENV_BIN / "shomei-center"), "serve", "--config", str(config)]
                    phase_stack.enter_context(_process(command, ports[1]))
                links = []
                for n, kiosk in enumerate(kiosks):
                    holder = holders[n % len(holders)]
                    code = holder.municipality.code
                    target = url if workers else urls[code]
                    server_ca = tls.ca if workers else root / code / "tls" / "ca.pem"
                    cert, key = tls.kiosk(kiosk)
                    link = HttpsCenterLink(target, kiosk, cert, key, server_ca, timeout=300)
                    phase_stack.callback(link.close)
                    links.append((link, holder))
                tally, seconds = _phase(
                    links, f"w{workers}" if workers else "direct", args.sessions, public_key
                )
            if direct is None:
                direct = tally
            rows.append((label, tally, seconds))
        assert direct is not None
        p50, p99 = _quantile(direct.calls, 0.5), _quantile(direct.calls, 0.99)
        print(
            "## Relay center: store kiosks through `shomei-center serve` (mutual TLS both ways)\n"
        )
        print(
            f"{args.kiosks} kiosk threads, {args.sessions} session(s) each per phase, across "
            f"{len(DEMO_MUNICIPALITIES)} municipality servers (PostgreSQL); one call = one API "
            "request (challenge, session, issue, outcome, end).\n"
        )
        print(
            "| phase | sessions | sessions/s | call p50 ms | call p99 ms | added p50 ms | "
            "added p99 ms | added p50 / direct p50 | errors | misissued |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|")
        failed = False
        for label, tally, seconds in rows:
            q50, q99 = _quantile(tally.calls, 0.5), _quantile(tally.calls, 0.99)
            ratio = (q50 - p50) / p50 if p50 else 0.0
            print(
                f"| {label} | {tally.sessions} | {tally.sessions / seconds:.1f} | {q50 * 1000:.1f} "
                f"| {q99 * 1000:.1f} | {(q50 - p50) * 1000:.1f} | {(q99 - p99) * 1000:.1f} | "
                f"{ratio:.0%} | {len(tally.errors)} | {tally.misissued} |"
            )
            failed = failed or bool(tally.errors) or tally.misissued > 0
            for error in sorted(set(tally.errors))[:3]:
                print(f"\n- {label}: {error}", file=sys.stderr)
        print("\nGoal: 0 errors, 0 misissued; the center's added p50 ≤ 10 % of the direct p50.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
