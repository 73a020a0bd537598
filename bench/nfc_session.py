"""Benchmark of one card session: APDUs and bytes, and wall time through pcscd/vpcd vs in-process.

A session is what the kiosk does with a card: connect and detect it, read the auth certificate,
ask the PIN tries, then VERIFY and SIGN. Run as root on a machine with pcscd and vsmartcard-vpcd
(``python bench/nfc_session.py``); it prints markdown tables.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from drivers.nfc.card import MyNumberCard
from drivers.nfc.demo_ca import DemoJpkiCa, new_rsa_key
from drivers.nfc.reader import CardReader, open_card_reader
from drivers.nfc.sim import SimCardReader
from drivers.nfc.virtual_card import VirtualMyNumberCard
from tests.stacks.pcscd import running_pcscd

PIN = "5678"
RUNS = 30
GOAL_APDUS = 12


def padded_certificate(ca: DemoJpkiCa, key_der: bytes, size: int) -> bytes:
    """The demo auth certificate re-issued with a filler extension so it is about ``size`` bytes."""
    template = x509.load_der_x509_certificate(key_der)
    filler = max(0, size - len(key_der) - 20)
    builder = (
        x509.CertificateBuilder()
        .subject_name(template.subject)
        .issuer_name(template.issuer)
        .public_key(template.public_key())
        .serial_number(template.serial_number)
        .not_valid_before(template.not_valid_before_utc)
        .not_valid_after(template.not_valid_after_utc)
    )
    for extension in template.extensions:
        builder = builder.add_extension(extension.value, extension.critical)
    padding = x509.UnrecognizedExtension(
        x509.ObjectIdentifier("1.3.6.1.4.1.99999.1"),
        b"\x04\x82" + filler.to_bytes(2, "big") + bytes(filler),
    )
    certificate = builder.add_extension(padding, critical=False).sign(ca.key, hashes.SHA256())
    return certificate.public_bytes(serialization.Encoding.DER)


def session(reader: CardReader) -> MyNumberCard:
    """One kiosk session on the card in ``reader``; returns the card for its statistics."""
    card = reader.connect()
    card.read_auth_certificate()
    card.pin_tries_left()
    card.sign_with_auth_key(bytearray(PIN.encode()), hashlib.sha256(b"nonce").digest())
    card.disconnect()
    return card


def median_ms(reader: CardReader) -> float:
    """Median wall time of a session in milliseconds (after one warm-up session)."""
    session(reader)
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        session(reader)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    """Measure and print the tables."""
    ca = DemoJpkiCa.create()
    key = new_rsa_key()
    start = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    demo_der = ca.issue_auth_certificate(
        key.public_key(), 0x42, start, start + dt.timedelta(days=1800)
    )
    big_der = padded_certificate(ca, demo_der, 1640)
    cards = {
        "demo": VirtualMyNumberCard(key, demo_der, PIN, ca.certificate_der),
        "1.6 KB": VirtualMyNumberCard(key, big_der, PIN, ca.certificate_der),
    }
    print("## NFC: one card session (detect, certificate, PIN tries, VERIFY + SIGN)\n")
    print("| certificate | APDUs | bytes sent | bytes received | APDUs, extended length | goal |")
    print("|---|---|---|---|---|---|")
    for label, card in cards.items():
        row = []
        for url in ("sim:", "sim:?extended=1"):
            reader = open_card_reader(url)
            assert isinstance(reader, SimCardReader)
            reader.insert(card)
            row.append(session(reader).stats)
        size = len(card._files[bytes.fromhex("000A")])
        short, extended = row
        print(
            f"| {label} ({size} B) | {short.apdus} | {short.bytes_sent} | {short.bytes_received} "
            f"| {extended.apdus} | ≤ {GOAL_APDUS} short |"
        )
    print(
        "\nShort APDUs carry at most 256 bytes, so a 1.6 KB certificate alone takes 7 READ BINARY;"
        " with detection (SELECT JPKI, SELECT 0006, READ token), SELECT 000A, the PIN tries"
        " (SELECT 0018, VERIFY without data) and VERIFY + SELECT 0017 + SIGN the floor is 16:"
        " the goal of 12 is met only with extended-length reads (`extended=1`)."
    )
    card = cards["1.6 KB"]
    sim = SimCardReader()
    sim.insert(card)
    in_process = median_ms(sim)
    with running_pcscd(Path(tempfile.mkdtemp(prefix="nfc-bench-"))) as stack:
        client = stack.card_client(card)
        client.insert()
        reader = open_card_reader(stack.reader_url())
        deadline = time.monotonic() + 5
        while not reader.card_present() and time.monotonic() < deadline:
            time.sleep(0.02)
        through_pcscd = median_ms(reader)
        client.remove()
    print(f"\n| path (1.6 KB certificate, short APDUs, median of {RUNS}) | ms | ratio |")
    print("|---|---|---|")
    print(f"| in-process `sim:` (baseline) | {in_process:.1f} | 1.0 |")
    ratio = through_pcscd / in_process
    print(f"| pyscard → pcscd → vpcd → virtual card | {through_pcscd:.1f} | {ratio:.1f} |")


if __name__ == "__main__":
    main()
