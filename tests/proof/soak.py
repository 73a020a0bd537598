"""Many sessions of mixed flows on one kiosk window, with the process's resources sampled.

Used by the soak test (50 sessions) and bench/soak_sessions.py (1,000; 5,000 for `make soak`).
One window, one set of
sim devices and one money journal live for the whole run, as on a kiosk; staff refill the
hoppers and clear the printers' faults between sessions.
"""

from __future__ import annotations

import gc
import os
import statistics
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from issuance_contract.certificates import CertificateType
from kiosk_app.config import Language, load_demo_config
from kiosk_app.session.status import StatusFlow
from kiosk_app.session.steps import Step
from tests.proof.checks import check_money
from tests.proof.faults import FAULTS
from tests.proof.harness import Server, always_open, open_server
from tests.proof.qt_harness import QtProofKiosk
from tests.proof.scenario import InjectAt, Person
from tests.proof.soak_memory import HeapUse, heap_use

#: Seconds per A4 sheet, so that a paper-out can land mid-job.
SOAK_SHEET_SECONDS = 0.005


@dataclass(frozen=True)
class Resources:
    """What a leak would make grow."""

    rss_kib: int
    python_threads: int
    native_threads: int
    fds: int
    #: Of ``fds``: those of the embedded server's database (server side, shown apart).
    server_db_fds: int
    qtimers: int
    qobjects: int
    #: Where the memory is (malloc in use and held free, SQLite, Python blocks).
    heap: HeapUse


@dataclass(frozen=True)
class Sample:
    """The resources after ``sessions`` sessions, ``seconds`` into the run, at machine ``load``."""

    sessions: int
    seconds: float
    load: float
    resources: Resources


def rss_slope(samples: list[Sample], over: int) -> tuple[float, int]:
    """MB of RSS per 1,000 sessions fitted (least squares) over the samples of the last ``over``
    sessions, and how many sessions that fit spans."""
    last = samples[-1].sessions
    fitted = [s for s in samples if s.sessions >= last - over]
    if len(fitted) < 2:
        return 0.0, 0
    slope, _intercept = statistics.linear_regression(
        [s.sessions for s in fitted], [s.resources.rss_kib / 1024 for s in fitted]
    )
    return slope * 1000, last - fitted[0].sessions


def sample(app: QApplication, window: QObject, server_dir: Path) -> Resources:
    """The process's resources now (after a garbage collection); Qt objects of the app and
    the kiosk ``window`` (other windows of the process are not the kiosk's). Objects given to
    ``deleteLater`` are deleted first, as the event loop's next turn does on a kiosk."""
    app.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    rss = 0
    for line in Path("/proc/self/status").read_text(encoding="utf-8").splitlines():
        if line.startswith("VmRSS:"):
            rss = int(line.split()[1])
    fds = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            fds.append(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:  # the descriptor listdir itself used
            continue
    roots: list[QObject] = [app, window]
    timers = sum(len(root.findChildren(QTimer)) for root in roots)
    objects = sum(len(root.findChildren(QObject)) for root in roots)
    return Resources(
        rss_kib=rss,
        python_threads=threading.active_count(),
        native_threads=len(os.listdir("/proc/self/task")),
        fds=len(fds),
        server_db_fds=sum(1 for target in fds if target.startswith(str(server_dir))),
        qtimers=timers,
        qobjects=objects,
        heap=heap_use(),
    )


def _issue(kiosk: QtProofKiosk, person: Person) -> None:
    person.run()


def _status(kiosk: QtProofKiosk, _person: Person) -> None:
    flow = kiosk.kiosk.start_status()
    for char in "2026-000001":
        flow.type_char(char)
    flow.submit()
    kiosk.pump_until(lambda: kiosk.step in (Step.STATUS_RESULT, Step.NOTICE))
    if isinstance(kiosk.kiosk.flow, StatusFlow):
        kiosk.kiosk.flow.acknowledge()
    kiosk.pump_until(lambda: kiosk.step is Step.HOME)


def _cancel(person: Person) -> None:
    flow = person.k.kiosk.flow
    if flow is not None:
        flow.cancel()


#: One cycle of the mix: (name, where a fault or cancel comes, what it is).
MIX: list[tuple[str, InjectAt | None, Callable[[Person], None] | None]] = [
    ("issued", None, None),
    ("cancelled at the menu", InjectAt.MENU, _cancel),
    ("issued", None, None),
    ("cancelled while paying", InjectAt.PAYING, _cancel),
    ("status check", None, None),
    ("A4 paper out mid-job", InjectAt.PRINTING, FAULTS["A4 paper out"][0]),
    ("issued", None, None),
    ("card removed at the PIN", InjectAt.PIN, FAULTS["card removed"][0]),
    ("server down at the PIN", InjectAt.PIN, FAULTS["server down"][0]),
    ("receipt paper out", InjectAt.RECEIPT, FAULTS["receipt paper out"][0]),
]


class Soak:
    """Runs sessions of the mix on one kiosk window."""

    def __init__(self, kiosk: QtProofKiosk, server: Server) -> None:
        self.kiosk = kiosk
        self.server = server
        self.sessions = 0
        self.kinds: dict[str, int] = {}
        self.samples: list[Sample] = []
        kiosk.a4.sheet_seconds = SOAK_SHEET_SECONDS

    def sample(self) -> Resources:
        """The process's resources now."""
        return sample(self.kiosk.app, self.kiosk.window, self.server.service.settings.data_dir)

    def run_sampled(
        self,
        baseline: int,
        total: int,
        every: int,
        max_seconds: float | None = None,
        on_sample: Callable[[Sample], None] = lambda _sample: None,
    ) -> None:
        """Run to ``total`` sessions, sampling after ``baseline`` and every ``every`` sessions
        (``on_sample`` sees each sample); stop at the first sample past ``max_seconds`` (what
        fits before a deadline)."""
        started = time.monotonic()
        marks = sorted({baseline, *range(every, total, every), total})
        for mark in marks:
            self.run(mark - self.sessions)
            resources = self.sample()
            elapsed = time.monotonic() - started
            sample = Sample(mark, elapsed, os.getloadavg()[0], resources)
            self.samples.append(sample)
            on_sample(sample)
            if max_seconds is not None and elapsed > max_seconds:
                return

    def run(self, count: int) -> None:
        """Run ``count`` more sessions."""
        for _ in range(count):
            name, at, inject = MIX[self.sessions % len(MIX)]
            applicant = self.server.applicants[self.sessions % len(self.server.applicants)]
            person = Person(
                self.kiosk,
                applicant,
                at,
                inject or (lambda _p: None),
                kind=CertificateType.JUMINHYO,
                copies=1,
            )
            if name == "status check":
                _status(self.kiosk, person)
            else:
                _issue(self.kiosk, person)
            if self.kiosk.step is not Step.HOME:
                raise AssertionError(f"session {self.sessions} ({name}) ended at {self.kiosk.step}")
            self.kinds[name] = self.kinds.get(name, 0) + 1
            self.sessions += 1
            self._staff()

    def _staff(self) -> None:
        """Between sessions: faults cleared, hoppers refilled every ten sessions; the harness's
        records (what the test prompter said, the request ids the faulty link saw) emptied: a
        real kiosk keeps neither, and they would grow the RSS measured."""
        k = self.kiosk
        k.voice.played.clear()
        k.center.request_ids.clear()
        k.center.fault = None
        k.a4.paper_out = False
        k.receipt.paper_out = False
        if self.sessions % 10 == 0:
            k.refill_hoppers()

    def problems(self) -> list[str]:
        """The money checks over the whole run (after the last session)."""
        k = self.kiosk
        k.settle()
        found: list[str] = []
        check_money(k.services.payment.journal, k.coins.inserted, k.returned_by_hoppers(), found)
        return found


@contextmanager
def soaking(app: QApplication, root: Path) -> Iterator[Soak]:
    """A kiosk window with its server under ``root``, ready for sessions; closed after."""
    config = always_open(load_demo_config(), root / "kiosk")
    server = open_server(config, root / "center")
    kiosk = QtProofKiosk(config, server, app)
    try:
        yield Soak(kiosk, server)
    finally:
        kiosk.shutdown()
        kiosk.window.languages.switch_to(Language.EN)
        kiosk.close()
        server.service.store.close()


def slope_verdict(slope: float, fitted: int, over: int, goal: float) -> str:
    """The slope goal's verdict; a run shorter than ``over`` fits the warm-up too, so its slope
    is shown for information and judged by the long soak only."""
    if fitted < over:
        return f"judged over {over} sessions by `make soak`; shown for information"
    return "met" if slope <= goal else "NOT met"
