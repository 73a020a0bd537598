"""Load: 50 simulated kiosks against one issuance server over HTTPS; every document checked.

The server runs as its own process (``shomei-server serve``, mutual TLS, loopback only). Each
kiosk is a thread with its own client certificate and its own fictitious card holder, running
whole sessions in a loop: challenge, card signature, authenticate, issue a 住民票の写し, check
every document, report the outcome, end the session. A document belongs to its requester when
its applicant id is the card holder's, its PDF metadata names that applicant and that request,
and every page's verification code verifies with the city's public key and names that document
and request; at the end the server's log is read back too. The baseline is one kiosk alone,
measured in the same run before the load. ``python bench/load_kiosks.py [--kiosks 50]
[--seconds 180]`` prints a markdown table (``LOAD_SECONDS`` sets the default duration).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import msgspec
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from issuance_contract.certificates import CertificateType
from issuance_contract.messages import IssuedDocument, OrderItem, OutcomeReport
from issuance_server.demo_data import DemoCard, demo_cards
from issuance_server.eligibility import applicant_refusal, load_applicant, person_refusal
from issuance_server.service import open_service
from issuance_server.settings import demo_settings
from issuance_server.storage import Store
from issuance_server.tls_demo import TlsFiles, make_demo_tls
from issuance_server.verification import load_public_key, verify_page_code
from kiosk_app.center.https_link import HttpsCenterLink

TYPES = ("juminhyo", "inkan", "koseki_zenbu", "koseki_kojin", "fuhyo")
FEE_YEN = 300


@dataclass
class Tally:
    """Latencies (seconds) and findings, shared by the kiosk threads."""

    auth: list[float] = field(default_factory=list)
    issue: list[float] = field(default_factory=list)
    session: list[float] = field(default_factory=list)
    documents: int = 0
    requests: dict[str, str] = field(default_factory=dict)  # request id → person id
    misissued: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass
class SimulatedKiosk:
    """One simulated kiosk: its id, TLS files and card holder."""

    kiosk_id: str
    card: DemoCard


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _server_config(
    root: Path, data: Path, ports: tuple[int, int], tls: TlsFiles, kiosks: list[str]
) -> Path:
    certificates = "".join(
        f'[certificates.{t}]\nfee_yen = {FEE_YEN}\nhours = "00:00-24:00"\n' for t in TYPES
    )
    text = (
        f'[server]\ndata_dir = "{data}"\ndatabase = "sqlite:///{root / "load.sqlite3"}"\n'
        f'host = "127.0.0.1"\nport = {ports[0]}\nhealth_port = {ports[1]}\n'
        f"closed_days = []\nkiosks = {kiosks!r}\nrequest_timeout = 60\ndemo_data = true\n"
        f'[server.tls]\ncertificate = "{tls.server_certificate}"\n'
        f'key = "{tls.server_key}"\nclient_ca = "{tls.ca}"\n'
        # Every bench kiosk connects from 127.0.0.1, as kiosks behind one relay center do.
        "[server.connections]\nper_peer = 1000\nhandshakes_per_peer = 1000\n"
        '[municipality]\ncode = "999991"\nname = "架空市"\nmayor = "見本　太郎"\n'
        f"{certificates}"
    )
    path = root / "server.toml"
    path.write_text(text.replace("'", '"'), encoding="utf-8")
    return path


def _card_holders(data: Path, root: Path, count: int) -> list[DemoCard]:
    """``count`` adults the server serves a 住民票 to, each with a distinct card."""
    service = open_service(
        msgspec.structs.replace(demo_settings(data), database=f"sqlite:///{root / 'pick.sqlite3'}")
    )
    today = dt.date.today()
    chosen: list[DemoCard] = []
    for card in demo_cards(data):
        applicant = load_applicant(service.store, card.person_id)
        record = service.store.card(card.serial)
        if (
            applicant
            and record
            and not record.revoked
            and card.expires_on > today
            and person_refusal(applicant.person, today) is None
            and applicant_refusal(CertificateType.JUMINHYO, applicant) is None
        ):
            chosen.append(card)
        if len(chosen) == count:
            break
    service.store.close()
    if len(chosen) < count:
        raise RuntimeError(f"only {len(chosen)} demo card holders can get a 住民票")
    for card in chosen:
        card.keys()  # RSA keys made before the clock starts
    return chosen


def _wait_ready(health_port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the server exited")
        try:
            httpx.get(f"http://127.0.0.1:{health_port}/healthz", timeout=2).raise_for_status()
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError("the server did not start")


def _check(
    kiosk: SimulatedKiosk,
    issuance_id: str,
    documents: list[IssuedDocument],
    public: Ed25519PublicKey,
) -> list[str]:
    """What is wrong with the documents of one request (empty: all the requester's own)."""
    person = kiosk.card.person_id
    wrong: list[str] = []
    for document in documents:
        if document.applicant_id != person or document.request_id != issuance_id:
            wrong.append(f"{document.document_id}: applicant {document.applicant_id}")
        metadata = PdfReader(io.BytesIO(document.pdf)).metadata
        subject = str(metadata.subject if metadata else "")
        if f"applicant_id={person}" not in subject or f"request_id={issuance_id}" not in subject:
            wrong.append(f"{document.document_id}: PDF metadata {subject[:60]!r}")
        for code in document.page_codes:
            verdict = verify_page_code(code, public)
            claim = verdict.claim
            if (
                not verdict.valid
                or claim is None
                or claim.document_id != document.document_id
                or claim.request_id != issuance_id
            ):
                wrong.append(f"{document.document_id}: page code {verdict.reason}")
    return wrong


def _run_kiosk(
    kiosk: SimulatedKiosk,
    url: str,
    tls: TlsFiles,
    public: Ed25519PublicKey,
    stop: threading.Event,
    tally: Tally,
) -> None:
    """Whole sessions until ``stop``."""
    cert, key = tls.kiosk(kiosk.kiosk_id)
    link = HttpsCenterLink(url, kiosk.kiosk_id, cert, key, tls.ca, timeout=60)
    keys = kiosk.card.keys()
    items = [
        OrderItem(
            certificate_type=CertificateType.JUMINHYO,
            options={"scope": "selected", "members": [kiosk.card.person_id]},
        )
    ]
    try:
        while not stop.is_set():
            started = time.perf_counter()
            challenge = link.start_authentication()
            signature = keys.auth_key.sign(challenge.nonce, padding.PKCS1v15(), hashes.SHA256())
            session = link.authenticate(
                challenge.challenge_id, keys.auth_certificate_der, signature
            )
            authed = time.perf_counter()
            issuance = link.issue(session.token, items, uuid.uuid4().hex)
            issued = time.perf_counter()
            wrong = _check(kiosk, issuance.request_id, issuance.documents, public)
            report = OutcomeReport.all_printed(issuance)
            link.report_outcome(session.token, issuance.request_id, report)
            link.end_session(session.token)
            ended = time.perf_counter()
            with tally.lock:
                tally.auth.append(authed - started)
                tally.issue.append(issued - authed)
                tally.session.append(ended - started)
                tally.documents += len(issuance.documents)
                tally.requests[issuance.request_id] = kiosk.card.person_id
                tally.misissued += wrong
    except Exception as exc:  # counted in the table: the load must not produce any
        with tally.lock:
            tally.errors.append(f"{kiosk.kiosk_id}: {exc!r}")
    finally:
        link.close()


def _phase(
    kiosks: list[SimulatedKiosk], seconds: float, url: str, tls: TlsFiles, public: Ed25519PublicKey
) -> tuple[Tally, float]:
    tally = Tally()
    stop = threading.Event()
    threads = [
        threading.Thread(target=_run_kiosk, args=(k, url, tls, public, stop, tally), daemon=True)
        for k in kiosks
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join(120)
    return tally, time.perf_counter() - started


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))] * 1000 if ordered else 0.0


def _log_matches(database: Path, tally: Tally) -> list[str]:
    """Requests whose person in the server's log is not the kiosk's card holder."""
    store = Store(f"sqlite:///{database}")
    try:
        wrong = []
        for request_id, person_id in tally.requests.items():
            row = store.issuance(request_id)
            if row is None or row.person_id != person_id or row.status != "printed":
                wrong.append(request_id)
        return wrong
    finally:
        store.close()


def report(base: Tally, base_s: float, load: Tally, load_s: float, kiosks: int) -> str:
    """The markdown section."""
    rows = []
    for name, b, n in (
        ("authentication", base.auth, load.auth),
        ("issue (render + sign)", base.issue, load.issue),
        ("whole session", base.session, load.session),
    ):
        for q in (0.5, 0.9, 0.99):
            bq, nq = _pct(b, q), _pct(n, q)
            ratio = f"{nq / bq:.1f}×" if bq else "-"
            rows.append(f"| {name} p{int(q * 100)} | {bq:.0f} ms | {nq:.0f} ms | {ratio} | |")
    base_rate, load_rate = len(base.session) / base_s, len(load.session) / load_s
    rows.append(
        f"| sessions/s | {base_rate:.2f} | {load_rate:.2f} | {load_rate / base_rate:.1f}× | |"
        if base_rate
        else "| sessions/s | - | - | - | |"
    )
    rows.append(
        f"| documents checked | {base.documents} | {load.documents} | | every one the requester's |"
    )
    rows.append(
        f"| misissued documents / errors | {len(base.misissued)} / {len(base.errors)} | "
        f"{len(load.misissued)} / {len(load.errors)} | | 0 / 0 |"
    )
    return (
        f"## Load: {kiosks} kiosks against one issuance server over HTTPS\n\n"
        f"{os.cpu_count()} cores shared by the server (`shomei-server serve`, mutual TLS, SQLite) "
        f"and the {kiosks} kiosk threads; {load_s:.0f} s under load after {base_s:.0f} s of one "
        "kiosk alone (the baseline). Each session: challenge, card signature, authenticate, one "
        "住民票の写し, every document checked (applicant id, PDF metadata, every page code), "
        "outcome reported, session ended; the server's log read back at the end.\n\n"
        "| measure | 1 kiosk (baseline) | under load | ratio | goal |\n"
        "|---|---|---|---|---|\n" + "\n".join(rows) + "\n"
    )


def main() -> int:
    """Run the baseline and the load; exit 1 on any misissuance or error."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kiosks", type=int, default=50)
    parser.add_argument(
        "--seconds", type=float, default=float(os.environ.get("LOAD_SECONDS", "180"))
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-load-") as name:
        root = Path(name)
        data = root / "data"
        ids = [f"LOAD-{n:02d}" for n in range(args.kiosks)]
        tls = make_demo_tls(root / "tls", ids)
        holders = _card_holders(data, root, args.kiosks)
        kiosks = [SimulatedKiosk(i, c) for i, c in zip(ids, holders, strict=True)]
        port, health_port = _free_port(), _free_port()
        config = _server_config(root, data, (port, health_port), tls, ids)
        url = f"https://127.0.0.1:{port}"
        with (root / "server.log").open("wb") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "issuance_server.cli", "serve", "--config", str(config)],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            try:
                _wait_ready(health_port, process)
                public = load_public_key(data / "keys" / "verification-public.pem")
                base_s = max(5.0, min(15.0, args.seconds / 6))
                base, base_time = _phase(kiosks[:1], base_s, url, tls, public)
                load, load_time = _phase(kiosks, args.seconds, url, tls, public)
            finally:
                process.send_signal(signal.SIGINT)
                try:
                    process.wait(20)
                except subprocess.TimeoutExpired:
                    process.kill()
        load.misissued += [f"log: {r}" for r in _log_matches(root / "load.sqlite3", load)]
    print(report(base, base_time, load, load_time, args.kiosks))
    for problem in (base.misissued + load.misissued + base.errors + load.errors)[:10]:
        print(f"- {problem}")
    failed = base.misissued or load.misissued or base.errors or load.errors
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
