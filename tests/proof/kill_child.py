"""A kiosk process to be killed: runs an issuance to a step, says where it is, then waits.

``python -m tests.proof.kill_child DATA_DIR SERVER_DIR KIOSK_ID STEP`` prints one JSON line
(the step, the coins taken, what the hoppers paid, the complete copies out and the request
ids) when the session reaches STEP, and blocks there until it is killed. What the process does
between its report and the kill is held still, so that every run is killed in the same state:
at *printing* the first copy comes out (and is journaled: the report waits until the second
copy's job has started) and the printer holds the second (the kill comes mid-job); at *receipt*
the report waits until the kiosk has recorded the delivery of the copies.
"""

from __future__ import annotations

import itertools
import json
import sys
import threading
from pathlib import Path
from typing import Any

from drivers.printer.a4_sim import SimA4Printer
from kiosk_app.config import load_demo_config
from kiosk_app.session.steps import Step
from tests.proof.harness import ProofKiosk, always_open, open_server
from tests.proof.scenario import SHEET_SECONDS, InjectAt, Person


def _hold_after_first_copy(printer: SimA4Printer) -> threading.Event:
    """The printer prints the first copy; the next waits until the process is killed. The
    event is set when the next job starts (the kiosk has journaled the first copy by then)."""
    print_document = printer.print_document
    jobs = itertools.count()
    second_started = threading.Event()

    def held(*args: Any, **kwargs: Any) -> Any:
        if next(jobs) >= 1:
            second_started.set()
            threading.Event().wait()
        return print_document(*args, **kwargs)

    printer.print_document = held  # type: ignore[method-assign]
    return second_started


def main(argv: list[str]) -> None:
    """Run to the step, report, wait for SIGKILL."""
    data_dir, server_dir, kiosk_id, step = argv
    config = always_open(load_demo_config(), Path(data_dir), kiosk_id)
    server = open_server(config, Path(server_dir))
    kiosk = ProofKiosk(config, server)
    kiosk.a4.sheet_seconds = SHEET_SECONDS
    at = InjectAt(step)
    second_started = _hold_after_first_copy(kiosk.a4) if at is InjectAt.PRINTING else None

    def report(person: Person) -> None:
        if second_started is not None:
            kiosk.pump_until(second_started.is_set)
        if at is InjectAt.RECEIPT:
            kiosk.pump_until(lambda: kiosk.step is not Step.PRINTING)
        jobs = person.trace.a4_jobs + kiosk.a4.tray
        state = {
            "step": kiosk.step.value,
            "coins_in": kiosk.coins.inserted,
            "hoppers_paid": kiosk.returned_by_hoppers(),
            "copies_out": sum(1 for job in jobs if job.complete),
            "request_ids": kiosk.center.request_ids,
        }
        sys.stdout.write(json.dumps(state) + "\n")
        sys.stdout.flush()
        threading.Event().wait()

    Person(kiosk, server.applicants[0], at, report).run()


if __name__ == "__main__":
    main(sys.argv[1:])
