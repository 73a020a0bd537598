"""A kiosk process to be killed: runs an issuance to a step, says where it is, then waits.

``python -m tests.proof.kill_child DATA_DIR SERVER_DIR KIOSK_ID STEP`` prints one JSON line
(the step, the coins taken, what the hoppers paid, the complete copies out and the request
ids) when the session reaches STEP, and blocks there until it is killed.
"""

from __future__ import annotations

import json
import sys
import threading
from pathlib import Path

from kiosk_app.config import load_demo_config
from tests.proof.harness import ProofKiosk, always_open, open_server
from tests.proof.scenario import SHEET_SECONDS, InjectAt, Person


def main(argv: list[str]) -> None:
    """Run to the step, report, wait for SIGKILL."""
    data_dir, server_dir, kiosk_id, step = argv
    config = always_open(load_demo_config(), Path(data_dir), kiosk_id)
    server = open_server(config, Path(server_dir))
    kiosk = ProofKiosk(config, server)
    kiosk.a4.sheet_seconds = SHEET_SECONDS

    def report(person: Person) -> None:
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

    Person(kiosk, server.applicants[0], InjectAt(step), report).run()


if __name__ == "__main__":
    main(sys.argv[1:])
