"""Benchmark of the issuance server: issuances per second over HTTPS with 32 kiosks, and p99.

The baseline, measured in the same run, is the pure rendering rate of the same certificate
(one 住民票の写し, reportlab, one thread, no HTTP, no database). The server runs as its own
process (``shomei-server serve``) with mutual TLS; 32 client threads each log in with a
fictitious person's card and then issue in a loop. Goal: at least 50 % of the rendering rate.
``python bench/server_issuance.py`` prints a markdown table.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import httpx
import msgspec
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from issuance_contract.certificates import CertificateType
from issuance_contract.messages import OrderItem
from issuance_server.demo_data import demo_cards
from issuance_server.eligibility import applicant_refusal, load_applicant, person_refusal
from issuance_server.options import JuminhyoOptions
from issuance_server.rendering.documents import render_certificate
from issuance_server.rendering.layout import DocumentIds
from issuance_server.service import open_service
from issuance_server.settings import demo_settings
from issuance_server.tls_demo import make_demo_tls
from kiosk_app.center.https_link import HttpsCenterLink, client_ssl_context

CLIENTS = 32
WARMUP_S = 3.0
MEASURE_S = 12.0
RENDER_S = 5.0
GOAL_RATIO = 0.5
TYPES = ("juminhyo", "inkan", "koseki_zenbu", "koseki_kojin", "fuhyo")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _config(root: Path, data: Path, port: int, tls_dir: Path, kiosks: list[str]) -> Path:
    certificates = "".join(
        f'[certificates.{t}]\nfee_yen = 300\nhours = "00:00-24:00"\n' for t in TYPES
    )
    text = (
        f'[server]\ndata_dir = "{data}"\ndatabase = "sqlite:///{root / "bench.sqlite3"}"\n'
        f"port = {port}\nclosed_days = []\nkiosks = {kiosks!r}\nrequest_timeout = 60\n"
        "demo_data = true\n"
        f'[server.tls]\ncertificate = "{tls_dir / "server.pem"}"\n'
        f'key = "{tls_dir / "server.key"}"\nclient_ca = "{tls_dir / "ca.pem"}"\n'
        '[municipality]\ncode = "999991"\nname = "架空市"\nmayor = "見本　太郎"\n'
        f"{certificates}"
    )
    path = root / "server.toml"
    path.write_text(text.replace("'", '"'), encoding="utf-8")
    return path


def _render_rate(data: Path, person_ids: list[str]) -> float:
    """Pure rendering: 住民票の写し of the same persons, one thread, documents per second."""
    service = open_service(
        msgspec.structs.replace(
            demo_settings(data), database=f"sqlite:///{data / 'render.sqlite3'}"
        )
    )
    applicants = [load_applicant(service.store, p) for p in person_ids]
    city = service.settings.municipality
    done = 0
    start = time.perf_counter()
    while time.perf_counter() - start < RENDER_S:
        applicant = applicants[done % len(applicants)]
        assert applicant is not None
        options = JuminhyoOptions(scope="selected", members=[applicant.person.id])
        ids = DocumentIds("r", uuid.uuid4().hex, applicant.person.id, "0000000001")
        render_certificate(CertificateType.JUMINHYO, options, applicant, city, ids, dt.date.today())
        done += 1
    service.store.close()
    return done / (time.perf_counter() - start)


def _wait_ready(
    url: str, cert: Path, key: Path, ca: Path, process: subprocess.Popen[bytes]
) -> None:
    context = client_ssl_context(cert, key, ca)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the server exited")
        try:
            httpx.get(f"{url}/healthz", verify=context, timeout=2).raise_for_status()
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError("the server did not start")


def main() -> int:
    """Run the benchmark and print the table."""
    with tempfile.TemporaryDirectory(prefix="bench-server-") as tmp:
        root = Path(tmp)
        data = root / "data"
        kiosks = [f"BENCH-{n:02d}" for n in range(CLIENTS)]
        tls = make_demo_tls(root / "tls", kiosks)
        registry_cards = demo_cards(data)
        service = open_service(
            msgspec.structs.replace(
                demo_settings(data), database=f"sqlite:///{root / 'pick.sqlite3'}"
            )
        )
        persons = []
        today = dt.date.today()
        for card in registry_cards:
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
                persons.append(card)
            if len(persons) == CLIENTS:
                break
        service.store.close()
        for card in persons:
            card.keys()
        render_rate = _render_rate(data, [c.person_id for c in persons])

        port = _free_port()
        config = _config(root, data, port, tls.directory, kiosks)
        log = (root / "server.log").open("wb")
        process = subprocess.Popen(
            [sys.executable, "-m", "issuance_server.cli", "serve", "--config", str(config)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"https://127.0.0.1:{port}"
        latencies: list[float] = []
        errors: list[str] = []
        measuring = threading.Event()
        stop = threading.Event()
        lock = threading.Lock()
        try:
            _wait_ready(url, *tls.kiosk(kiosks[0]), tls.ca, process)

            def client(n: int) -> None:
                cert, key = tls.kiosk(kiosks[n])
                card = persons[n]
                link = HttpsCenterLink(url, kiosks[n], cert, key, tls.ca, timeout=120)
                try:
                    challenge = link.start_authentication()
                    keys = card.keys()
                    signature = keys.auth_key.sign(
                        challenge.nonce, padding.PKCS1v15(), hashes.SHA256()
                    )
                    session = link.authenticate(
                        challenge.challenge_id, keys.auth_certificate_der, signature
                    )
                    items = [
                        OrderItem(
                            certificate_type=CertificateType.JUMINHYO,
                            options={"scope": "selected", "members": [card.person_id]},
                        )
                    ]
                    while not stop.is_set():
                        started = time.perf_counter()
                        issuance = link.issue(session.token, items, uuid.uuid4().hex)
                        elapsed = time.perf_counter() - started
                        if issuance.documents[0].applicant_id != card.person_id:
                            errors.append("misissuance")
                        if measuring.is_set() and not stop.is_set():
                            with lock:
                                latencies.append(elapsed)
                except Exception as exc:  # reported in the table
                    errors.append(repr(exc))
                finally:
                    link.close()

            threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
            for t in threads:
                t.start()
            time.sleep(WARMUP_S)
            measuring.set()
            started = time.perf_counter()
            time.sleep(MEASURE_S)
            stop.set()
            measured = time.perf_counter() - started
            for t in threads:
                t.join(120)
        finally:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
            log.close()
        if errors:
            sys.stderr.write(f"errors: {errors[:3]}\n")
            return 1
        rate = len(latencies) / measured
        ordered = sorted(latencies)
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        ratio = rate / render_rate
        print("## Issuance server: issuances per second over HTTPS (32 kiosks)\n")
        print(
            f"{os.cpu_count()} cores; server = 1 process (`shomei-server serve`, mutual TLS, "
            f"SQLite); clients = {CLIENTS} threads in the bench process; "
            "one 住民票の写し per request.\n"
        )
        print("| measure | value | baseline (pure rendering, same run) | ratio | goal |")
        print("|---|---|---|---|---|")
        print(
            f"| issuances/s | {rate:.1f} | {render_rate:.1f} renders/s | {ratio:.0%} "
            f"| ≥ {GOAL_RATIO:.0%} |"
        )
        print(
            f"| latency p50 | {statistics.median(ordered) * 1000:.0f} ms | "
            f"{1000 / render_rate:.0f} ms per render | | |"
        )
        print(f"| latency p99 | {p99 * 1000:.0f} ms | | | |")
        print(f"| requests measured | {len(latencies)} in {measured:.1f} s | | | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
