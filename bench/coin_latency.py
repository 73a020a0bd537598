"""Benchmark: coin-to-credit latency and idle-polling CPU over the real serial path (a pty).

The emulator (acceptor + hopper, echo, ~1 ms/byte) runs in a child process on a pty, so the
CPU figures are the host driver's alone. Latency is measured from the coin entering the
emulated mechanism to (a) the acceptor callback and (b) the payment listener, which also
includes the synced journal write. Baselines measured in the same run: one header-229
exchange (the floor of any poll) and the CPU of the same process idling without polling.
``python bench/coin_latency.py [--coins N] [--idle SECONDS]`` prints markdown tables.
"""

from __future__ import annotations

import argparse
import queue
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import serial

from drivers.coin_acceptor.acceptor import DEFAULT_POLL_INTERVAL
from drivers.coin_acceptor.devices import LinkPool, open_coin_acceptor, open_hopper
from drivers.coin_acceptor.events import AcceptorEvent, CoinCredited
from drivers.coin_acceptor.framing import ChecksumMode, Frame, encode_frame
from kiosk_app.payment.controller import PaymentController
from kiosk_app.payment.journal import MoneyJournal
from kiosk_app.payment.outcomes import PaymentUpdate

OPTIONS = "checksum=crc16&echo=1"


def serve_emulator() -> None:
    """Child mode: serve the bus on a pty; stdin lines ``coin YEN`` drop coins, EOF stops."""
    from drivers.coin_acceptor.emulator import AcceptorModel, CcTalkBusEmulator, HopperModel
    from drivers.coin_acceptor.framing import ChecksumMode
    from drivers.coin_acceptor.pty_emulator import PtyEmulator

    acceptor = AcceptorModel()
    bus = CcTalkBusEmulator([acceptor, HopperModel(100, 500, 3)], ChecksumMode.CRC16)
    with PtyEmulator(bus) as emulator:
        sys.stdout.write(emulator.device_path + "\n")
        sys.stdout.flush()
        for line in sys.stdin:
            command, _, value = line.partition(" ")
            if command == "coin":
                acceptor.insert_coin(int(value))


def percentile(values: list[float], fraction: float) -> float:
    """The value below which ``fraction`` of ``values`` lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(coins: int, idle_s: float) -> list[str]:
    """Run the measurements; return the markdown lines."""
    child = subprocess.Popen(
        [sys.executable, __file__, "--emulator"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdin is not None
    assert child.stdout is not None
    device = child.stdout.readline().strip()
    url = f"cctalk://{device}?{OPTIONS}"
    pool = LinkPool()
    try:
        acceptor = open_coin_acceptor(url, pool)
        hopper = open_hopper(f"{url}&address=3", 100, pool)

        exchange = []
        for _ in range(50):
            start = time.perf_counter()
            acceptor.read_buffered_events()
            exchange.append(time.perf_counter() - start)

        def drop(yen: int) -> float:
            time.sleep(random.uniform(0, DEFAULT_POLL_INTERVAL))
            start = time.monotonic()
            child.stdin.write(f"coin {yen}\n")  # type: ignore[union-attr]
            child.stdin.flush()  # type: ignore[union-attr]
            return start

        credited: queue.Queue[float] = queue.Queue()

        def on_event(event: AcceptorEvent) -> None:
            if isinstance(event, CoinCredited):
                credited.put(time.monotonic())

        acceptor.set_accepted_values({10, 50, 100, 500})
        acceptor.start_polling(on_event)
        callback = []
        for _ in range(coins):
            start = drop(100)
            callback.append(credited.get(timeout=5) - start)
        acceptor.stop_polling()

        with tempfile.TemporaryDirectory() as tmp:
            journal = MoneyJournal(Path(tmp) / "journal.sqlite3")
            updates: queue.Queue[float] = queue.Queue()

            def on_update(update: PaymentUpdate) -> None:
                if update.credit_yen:
                    updates.put(time.monotonic())

            controller = PaymentController(acceptor, {100: hopper}, journal, on_update=on_update)
            controller.start()
            listener = []
            for _ in range(coins):
                controller.open(10_000, "BENCH")
                start = drop(100)
                listener.append(updates.get(timeout=5) - start)
                controller.cancel()
            controller.stop()
            journal.close()

        acceptor.start_polling(lambda _event: None)
        cpu_polling = cpu_share(idle_s)
        acceptor.stop_polling()
        pool.close()
        cpu_raw = raw_pyserial_cpu(device, idle_s)
    finally:
        pool.close()
        child.stdin.close()
        child.wait(timeout=10)

    ms = 1000.0
    floor = statistics.median(exchange)
    rows = [
        ("coin → acceptor callback, median", statistics.median(callback), "< 200 ms"),
        ("coin → acceptor callback, p99", percentile(callback, 0.99), "< 250 ms"),
        (
            "coin → payment listener (journal synced), median",
            statistics.median(listener),
            "< 200 ms",
        ),
        ("coin → payment listener (journal synced), p99", percentile(listener, 0.99), "< 300 ms"),
    ]
    lines = [
        f"## Coin acceptor: coin-to-credit latency over a pty ({coins} coins, "
        f"poll every {DEFAULT_POLL_INTERVAL * ms:.0f} ms)",
        "",
        "| figure | value | baseline: one 229 exchange | ratio | goal |",
        "|---|---|---|---|---|",
    ]
    for name, value, goal in rows:
        ratio = value / floor
        lines.append(
            f"| {name} | {value * ms:.1f} ms | {floor * ms:.1f} ms | {ratio:.1f}x | {goal} |"
        )
    lines += [
        "",
        f"## Coin acceptor: CPU while idle-polling ({idle_s:g} s)",
        "",
        "| figure | value | baseline: bare pyserial poll loop | ratio | goal |",
        "|---|---|---|---|---|",
        f"| CPU share of one core | {cpu_polling:.2%} | {cpu_raw:.2%} | "
        f"{cpu_polling / max(cpu_raw, 1e-6):.1f}x | < 2% |",
        "",
    ]
    return lines


def cpu_share(seconds: float) -> float:
    """Process CPU time per wall second while this thread waits ``seconds``."""
    cpu0, wall0 = time.process_time(), time.monotonic()
    threading.Event().wait(seconds)
    return (time.process_time() - cpu0) / (time.monotonic() - wall0)


def raw_pyserial_cpu(device: str, seconds: float) -> float:
    """CPU share of the bare minimum: a thread writing a 229 poll and reading 21 bytes with
    plain pyserial at the same cadence (no framing, validation or events)."""
    port = serial.serial_for_url(device, 9600, timeout=0.3)
    request = encode_frame(Frame(2, 1, 229), ChecksumMode.CRC16)
    stop = threading.Event()

    def loop() -> None:
        next_poll = time.monotonic()
        while not stop.wait(max(0.0, next_poll - time.monotonic())):
            next_poll += DEFAULT_POLL_INTERVAL
            port.reset_input_buffer()
            port.write(request)
            port.read(len(request) + 16)

    thread = threading.Thread(target=loop)
    thread.start()
    share = cpu_share(seconds)
    stop.set()
    thread.join()
    port.close()
    return share


def main() -> None:
    """Parse options and print the report (or serve the emulator in child mode)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--coins", type=int, default=60)
    parser.add_argument("--idle", type=float, default=5.0)
    parser.add_argument("--emulator", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.emulator:
        serve_emulator()
        return
    print("\n".join(measure(args.coins, args.idle)))


if __name__ == "__main__":
    main()
