"""Relay center: ≥200 store kiosks across 3 municipality servers through ``shomei-center serve``.

Every process is real and on loopback with mutual TLS: the three demo municipalities'
``shomei-server serve`` and ``shomei-center serve``, all on one PostgreSQL cluster the bench
starts itself (``tests/stacks/postgres.py``). Each kiosk is a thread with its own client
certificate and a fictitious card holder of one municipality: routed challenge (住所地, by the
card), card signature, session, a 住民票の写し, outcome, end. Every document is checked against its
requester (applicant id) and its municipality (the signed page codes name it).

Two measurements, both against the same sessions sent straight to the municipality servers in
the same run:

- latency: a few kiosks, each alternating one session straight to its municipality and one
  through the center (1 process), so that both see the same machine; the center's added latency
  per call (p50, p99), per call and over all calls. Goal: added p50 ≤ 10 % of the direct p50.
- throughput: ``--kiosks`` kiosks at once, straight, then through 1 and 2 center processes:
  sessions per second, errors, misissued documents, the most PostgreSQL connections seen.

``python bench/center_relay.py [--kiosks 200] [--sessions 1] [--latency-kiosks 4]
[--latency-rounds 10]``.
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
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psycopg
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from issuance_center.store import CenterStore, Municipality
from issuance_contract.certificates import CertificateType
from issuance_contract.messages import OrderItem, OutcomeReport, Route
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


#: The API calls of one session, in order (signing and checking are the kiosk's, not timed).
CALLS = ("challenge", "session", "issue", "outcome", "end")


@dataclass
class Tally:
    """Per-call latencies (seconds, by call) and findings, shared by the kiosk threads."""

    calls: dict[str, list[float]] = field(default_factory=lambda: {c: [] for c in CALLS})
    sessions: int = 0
    errors: list[str] = field(default_factory=list)
    misissued: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, calls: list[float], bad: int) -> None:
        with self.lock:
            for name, seconds in zip(CALLS, calls, strict=True):
                self.calls[name].append(seconds)
            self.sessions += 1
            self.misissued += bad

    def failed(self, exc: Exception) -> None:
        with self.lock:
            self.errors.append(f"{type(exc).__name__}: {exc}"[:160])

    def every_call(self) -> list[float]:
        return [seconds for values in self.calls.values() for seconds in values]


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


def _tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by a process and its living descendants."""
    tick = os.sysconf("SC_CLK_TCK")
    total, pending = 0.0, [pid]
    while pending:
        current = pending.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            for task in Path(f"/proc/{current}/task").iterdir():
                pending.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError, IndexError):
            continue
    return total


@contextmanager
def _process(command: list[str], health_port: int) -> Iterator[int]:
    """Run a server process until the block ends; ready once its loopback /healthz answers;
    yields its pid."""
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
        yield process.pid
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
    link: HttpsCenterLink, holder: Holder, routed: bool, key_id: str, key: Ed25519PublicKey
) -> tuple[list[float], int]:
    """One whole session; (the latency of each call in CALLS, documents found misissued)."""
    card, code = holder.card, holder.municipality.code
    der = card.keys().auth_certificate_der
    marks = [time.perf_counter()]
    if routed:
        challenge = link.start_routed_authentication(Route.RESIDENCE, der)
    else:
        challenge = link.start_authentication()
    marks.append(time.perf_counter())
    signature = card.keys().auth_key.sign(challenge.nonce, padding.PKCS1v15(), hashes.SHA256())
    marks.append(time.perf_counter())
    session = link.authenticate(challenge.challenge_id, der, signature)
    marks.append(time.perf_counter())
    order = [OrderItem(certificate_type=CertificateType.JUMINHYO)]
    issuance = link.issue(session.token, order, f"bench-{key_id}")
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
    link.report_outcome(session.token, issuance.request_id, OutcomeReport.all_printed(issuance))
    marks.append(time.perf_counter())
    link.end_session(session.token)
    marks.append(time.perf_counter())
    spans = [b - a for a, b in itertools.pairwise(marks)]
    calls = [spans[0], spans[2], spans[3], spans[5], spans[6]]  # not signing or checking
    return calls, bad


def _run_threads(work: list[Callable[[], None]]) -> float:
    """Run each job in its own thread, all started together; the seconds until all ended."""
    start = threading.Barrier(len(work) + 1)

    def run(job: Callable[[], None]) -> None:
        start.wait()
        job()

    threads = [threading.Thread(target=run, args=(job,), daemon=True) for job in work]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - began


def _throughput(
    links: list[tuple[HttpsCenterLink, Holder]],
    tag: str,
    routed: bool,
    sessions: int,
    key: Ed25519PublicKey,
) -> tuple[Tally, float]:
    """Every kiosk at once, ``sessions`` sessions each."""
    tally = Tally()

    def kiosk(n: int, link: HttpsCenterLink, holder: Holder) -> Callable[[], None]:
        def job() -> None:
            for s in range(sessions):
                try:
                    tally.add(*_session(link, holder, routed, f"{tag}-{n:03d}-{s:04d}", key))
                except Exception as exc:
                    tally.failed(exc)

        return job

    seconds = _run_threads([kiosk(n, *item) for n, item in enumerate(links)])
    return tally, seconds


def _latency(
    pairs: list[tuple[HttpsCenterLink, HttpsCenterLink, Holder]],
    rounds: int,
    key: Ed25519PublicKey,
) -> tuple[Tally, Tally]:
    """Each kiosk alternates a direct and a relayed session of one holder; (direct, center)."""
    direct, relayed = Tally(), Tally()

    def kiosk(n: int, straight: HttpsCenterLink, center: HttpsCenterLink, h: Holder) -> Any:
        def job() -> None:
            for r in range(rounds):
                order = [(straight, False, direct), (center, True, relayed)]
                for link, routed, tally in order if (n + r) % 2 else order[::-1]:
                    try:
                        tally.add(*_session(link, h, routed, f"lat-{routed}-{n:03d}-{r:04d}", key))
                    except Exception as exc:
                        tally.failed(exc)

        return job

    _run_threads([kiosk(n, *item) for n, item in enumerate(pairs)])
    return direct, relayed


class PeakConnections:
    """The most client connections the PostgreSQL cluster held at once, sampled every 0.2 s."""

    def __init__(self, pg: PostgresStack) -> None:
        self._pg = pg
        self.most = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        with psycopg.connect(self._pg.dsn(), autocommit=True) as conn:
            while not self._stop.wait(0.2):
                row = conn.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"
                ).fetchone()
                self.most = max(self.most, int(row[0]) - 1 if row else 0)  # not this one

    def __enter__(self) -> PeakConnections:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _quantile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q * 100) - 1] if len(values) > 1 else 0.0


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def _load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


@dataclass
class Run:
    """Everything measured, for the report."""

    kiosks: int
    sessions: int
    latency: tuple[Tally, Tally] | None = None
    latency_load: str = ""
    latency_cpu: tuple[float, float] = (0.0, 0.0)  # CPU seconds: the center, the servers
    phases: list[tuple[str, Tally, float, int, str]] = field(default_factory=list)


def _report(run: Run) -> bool:
    """Print the markdown section; whether every goal was met."""
    ok = True
    print("## Relay center: store kiosks through `shomei-center serve` (mutual TLS both ways)\n")
    print(
        "Three municipality servers and the center on one PostgreSQL cluster, all on loopback "
        "with mutual TLS; one call = one API request (challenge, session, issue, outcome, "
        "end); every document checked against its requester and its municipality.\n"
    )
    assert run.latency is not None
    direct, relayed = run.latency
    print(
        f"### Added latency: the same sessions straight and through the center (1 process), "
        f"alternating ({direct.sessions} + {relayed.sessions} sessions; load "
        f"{run.latency_load})\n"
    )
    print(
        "| call | direct p50 ms | center p50 ms | added p50 ms | added p99 ms "
        "| added p50 / direct p50 |"
    )
    print("|---|---|---|---|---|---|")
    rows = [(name, direct.calls[name], relayed.calls[name]) for name in CALLS]
    rows.append(("every call", direct.every_call(), relayed.every_call()))
    for name, straight, through in rows:
        d50, c50 = _quantile(straight, 0.5), _quantile(through, 0.5)
        added99 = _quantile(through, 0.99) - _quantile(straight, 0.99)
        ratio = (c50 - d50) / d50 if d50 else 0.0
        label = f"**{name}**" if name == "every call" else name
        print(
            f"| {label} | {_ms(d50)} | {_ms(c50)} | {_ms(c50 - d50)} | {_ms(added99)} "
            f"| {ratio:.0%} |"
        )
    d50 = _quantile(direct.every_call(), 0.5)
    goal_met = d50 > 0 and _quantile(relayed.every_call(), 0.5) - d50 <= 0.10 * d50
    latency_errors = len(direct.errors) + len(relayed.errors)
    latency_bad = direct.misissued + relayed.misissued
    print(
        f"\nGoal: added p50 ≤ 10 % of the direct p50 over every call: "
        f"{'met' if goal_met else 'NOT met'}; errors {latency_errors}, misissued {latency_bad}.\n"
    )
    ok = ok and latency_errors == 0 and latency_bad == 0
    center_cpu, servers_cpu = run.latency_cpu
    relayed_calls = len(relayed.every_call())
    server_calls = relayed_calls + len(direct.every_call())
    if relayed_calls and server_calls and servers_cpu:
        per_center = center_cpu / relayed_calls
        per_server = servers_cpu / server_calls
        print(
            f"CPU time (user + system) in the same phase, which the machine's load does not "
            f"inflate: the center {per_center * 1000:.1f} ms per relayed call, the "
            f"municipality servers {per_server * 1000:.1f} ms per call (direct and relayed "
            f"alike): the relay's own work is {per_center / per_server:.0%} of the "
            f"municipality's.\n"
        )
    print(
        f"### Throughput: {run.kiosks} kiosks at once, {run.sessions} session(s) each per phase\n"
    )
    print(
        "| phase | sessions | sessions/s | vs direct | call p50 ms | call p99 ms | errors "
        "| misissued | most PostgreSQL connections | load before → after |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    base = run.phases[0][1].sessions / run.phases[0][2] if run.phases else 0.0
    for label, tally, seconds, peak, load in run.phases:
        calls = tally.every_call()
        rate = tally.sessions / seconds
        print(
            f"| {label} | {tally.sessions} | {rate:.1f} | {rate / base if base else 0:.2f}x "
            f"| {_ms(_quantile(calls, 0.5))} | {_ms(_quantile(calls, 0.99))} | "
            f"{len(tally.errors)} | {tally.misissued} | {peak} | {load} |"
        )
        ok = ok and not tally.errors and tally.misissued == 0
    for label, tally, *_rest in run.phases:
        for error in sorted(set(tally.errors))[:3]:
            print(f"- {label}: {error}", file=sys.stderr)
    print("\nGoal: 0 errors, 0 misissued in every phase.")
    return ok


def _links(
    kiosks: list[str],
    holders: list[Holder],
    tls: TlsFiles,
    target: Callable[[Holder], tuple[str, Path]],
) -> list[tuple[HttpsCenterLink, Holder]]:
    links = []
    for n, kiosk in enumerate(kiosks):
        holder = holders[n % len(holders)]
        url, server_ca = target(holder)
        cert, key = tls.kiosk(kiosk)
        links.append((HttpsCenterLink(url, kiosk, cert, key, server_ca, timeout=300), holder))
    return links


def main(argv: list[str] | None = None) -> int:
    """Run the bench; print a markdown section; exit 1 on any error or misissue."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kiosks", type=int, default=200)
    parser.add_argument("--sessions", type=int, default=1, help="sessions per kiosk per phase")
    parser.add_argument("--latency-kiosks", type=int, default=4)
    parser.add_argument("--latency-rounds", type=int, default=10, help="session pairs per kiosk")
    args = parser.parse_args(argv)
    kiosks = [f"BENCH-KIOSK-{n:03d}" for n in range(args.kiosks)]
    run = Run(args.kiosks, args.sessions)
    with tempfile.TemporaryDirectory(prefix="center-bench-") as tmp, ExitStack() as stack:
        root, pki = Path(tmp), Path(tmp) / "pki-data"
        pg: PostgresStack = stack.enter_context(postgres_cluster())
        tls = make_demo_tls(root / "center-tls", [*kiosks, CENTER_ID])
        holders = _holders(pki)
        urls: dict[str, str] = {}
        server_pids: list[int] = []
        for d in DEMO_MUNICIPALITIES:
            ports = (_free_port(), _free_port())
            urls[d.code] = f"https://127.0.0.1:{ports[0]}"
            config = _server_toml(d, root, pki, pg.new_database(), ports, tls.ca)
            command = [str(VENV_BIN / "shomei-server"), "serve", "--config", str(config)]
            server_pids.append(stack.enter_context(_process(command, ports[1])))
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

        def straight(h: Holder) -> tuple[str, Path]:
            return urls[h.municipality.code], root / h.municipality.code / "tls" / "ca.pem"

        for label, workers in (("direct", 0), ("center, 1 process", 1), ("center, 2 processes", 2)):
            with ExitStack() as phase_stack:
                center_url, center_pid = "", 0
                if workers:
                    ports = (_free_port(), _free_port())
                    config = _center_toml(root, center_db, ports, workers, tls, pki)
                    center_url = f"https://127.0.0.1:{ports[0]}"
                    command = [str(VENV_BIN / "shomei-center"), "serve", "--config", str(config)]
                    center_pid = phase_stack.enter_context(_process(command, ports[1]))

                def through(h: Holder, url: str = center_url) -> tuple[str, Path]:
                    return url, tls.ca

                links = _links(kiosks, holders, tls, through if workers else straight)
                for link, _holder in links:
                    phase_stack.callback(link.close)
                if workers == 1:
                    few = kiosks[: args.latency_kiosks]
                    pairs = [
                        (a, b, h)
                        for (a, h), (b, _h) in zip(
                            _links(few, holders, tls, straight), links, strict=False
                        )
                    ]
                    for a, _b, _h in pairs:
                        phase_stack.callback(a.close)
                    run.latency_load = _load()
                    before = (_tree_cpu(center_pid), sum(map(_tree_cpu, server_pids)))
                    run.latency = _latency(pairs, args.latency_rounds, public_key)
                    run.latency_cpu = (
                        _tree_cpu(center_pid) - before[0],
                        sum(map(_tree_cpu, server_pids)) - before[1],
                    )
                    run.latency_load += f" → {_load()}"
                load = _load()
                with PeakConnections(pg) as peak:
                    tally, seconds = _throughput(
                        links, f"w{workers}", bool(workers), args.sessions, public_key
                    )
                run.phases.append((label, tally, seconds, peak.most, f"{load} → {_load()}"))
        ok = _report(run)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
