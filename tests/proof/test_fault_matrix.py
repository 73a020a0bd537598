"""Every fault the sim devices, the server and the relay center support, at every step.

Each cell runs a whole kiosk (the real flows, payment controller, journal and drivers on sim:
devices, the embedded server) through one person's issuance with one fault switched on at one
step, then checks the promises: back home, the journal balanced to the yen and in agreement
with the coins that moved, no copy counted as printed that did not come out, and nothing of
the person left in live objects or files. A store kiosk's cells run the same person through a
relay center in front of three municipalities (tests/proof/center_harness.py), with the center
or the person's municipality faulty, and also check that no document was misissued, that the
center's record is closed and settles what the journal kept, and that the other municipalities
kept working. The run writes its table to build/fault-matrix.md and
each cell's row must be the one docs/fault-matrix.md holds; `make proof` writes that file
(``FAULT_MATRIX_REPORT`` names where the table goes).
"""

from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from issuance_center.store import RequestRow
from issuance_server.service import IssuanceService
from kiosk_app.config import Config
from kiosk_app.session.steps import Step
from tests.proof.center_harness import ProofNetwork, running_proof_network
from tests.proof.checks import (
    CellVerdict,
    check_center,
    check_documents,
    check_money,
    check_paper,
    check_privacy,
    freeze_heap,
    heap_frozen,
    search_all_objects,
    server_record,
)
from tests.proof.faults import CENTER_FAULTS, FAULTS, NOT_APPLICABLE, Inject
from tests.proof.harness import (
    Applicant,
    LinkMaker,
    ProofKiosk,
    Server,
    always_open,
    open_server,
)
from tests.proof.kept_reports import REPO, made_from
from tests.proof.report import Row, read_rows, write_matrix
from tests.proof.scenario import SHEET_SECONDS, InjectAt, Person
from tests.proof.upstream_faults import HOME, OTHER

#: The table kept in the repository, and where this run writes its own.
COMMITTED = REPO / "docs" / "fault-matrix.md"
REPORT = Path(os.environ.get("FAULT_MATRIX_REPORT", REPO / "build" / "fault-matrix.md"))
#: A request the server's log has closed (its outcome is recorded).
CLOSED = frozenset({"printed", "cancelled"})
#: Any PDF still alive (certificates are compressed: their names are not searchable as text).
PDF_MAGIC = "%PDF-"

CELLS = [
    (fault, at)
    for fault, (_inject, steps) in FAULTS.items()
    for at in InjectAt
    if steps is None or at in steps
]
KILL_STEPS = list(InjectAt)
CENTER_CELLS = [
    (fault, at)
    for fault, (_inject, steps) in CENTER_FAULTS.items()
    for at in InjectAt
    if steps is None or at in steps
]
#: How long the killed kiosk may take to reach its step (start-up included; a shared machine
#: under load took more than 60 s).
CHILD_WAIT_S = 240
ROWS: list[Row] = []


@pytest.fixture(scope="module")
def proof_dir() -> Iterator[Path]:
    """A private directory for the module: the server's data and each kiosk's."""
    with tempfile.TemporaryDirectory(prefix="proof-") as name:
        yield Path(name)


@pytest.fixture(scope="module")
def base_config(proof_dir: Path) -> Config:
    """The demo configuration, every certificate open now."""
    from kiosk_app.config import load_demo_config

    return always_open(load_demo_config(), proof_dir / "kiosk")


@pytest.fixture(scope="module")
def server(base_config: Config, proof_dir: Path) -> Iterator[Server]:
    """One embedded server for every cell; the report is written once all cells ran."""
    stamp = made_from([REPORT])  # the code the cells run, before any file is changed
    made = open_server(base_config, proof_dir / "center")
    with heap_frozen():  # objects made before the first session are searched once, at the end
        yield made
    made.service.store.close()
    if len(ROWS) == len(CELLS) + len(KILL_STEPS) + len(CENTER_CELLS):
        order = [(fault, at.value) for fault, at in CELLS]
        order += [("process killed", at.value) for at in KILL_STEPS]
        order += [(fault, at.value) for fault, at in CENTER_CELLS]
        rows = sorted(ROWS, key=lambda row: order.index((row.fault, row.step)))
        write_matrix(REPORT, rows, NOT_APPLICABLE, stamp)


def _cell_name(fault: str, at: InjectAt) -> str:
    return f"{fault}-{at}"


def _kiosk_id(name: str) -> str:
    return "PROOF-" + "".join(c if c.isalnum() else "-" for c in name)[:40]


@pytest.fixture(scope="module")
def network(server: Server, proof_dir: Path) -> Iterator[ProofNetwork]:
    """The relay center and three municipalities, one kiosk certificate for each center cell
    (the demo JPKI CA and cards are the embedded server's: its applicants are 架空市's)."""
    kiosk_ids = [_kiosk_id(_cell_name(fault, at)) for fault, at in CENTER_CELLS]
    pki = server.service.settings.data_dir
    with running_proof_network(proof_dir / "network", pki, kiosk_ids) as made:
        yield made


def _as_committed(row: Row) -> None:
    """The cell's row is the committed report's (unless this run writes that report)."""
    if REPORT.resolve() == COMMITTED.resolve():
        return
    committed = read_rows(COMMITTED).get((row.fault, row.step))
    assert row == committed, (
        f"docs/fault-matrix.md is not this run's: it says {committed}, this run {row}; "
        "run `make proof` and commit the report"
    )


@pytest.fixture
def private_tmp(proof_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary directory the kiosk would use, private to the module."""
    tmp = proof_dir / "tmp"
    tmp.mkdir(exist_ok=True)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    return tmp


def _cell_config(base: Config, proof_dir: Path, name: str) -> Config:
    kiosk_id = _kiosk_id(name)
    return always_open(base, proof_dir / "kiosks" / kiosk_id, kiosk_id)


def _verdict(
    kiosk: ProofKiosk,
    home: bool,
    service: IssuanceService,
    roots: list[object],
    request_ids: list[str],
    needles: list[str],
    coins_in: int,
    hoppers_paid: int,
    copies_out: int,
    dirs: list[Path],
    taken: list[object],
    *,
    own: tuple[str, list[str]] = ("", []),
    center: list[RequestRow] | None = None,
) -> CellVerdict:
    """The checks of a cell; ``service``: the municipality's, ``roots``: what holds its data
    (and the center's); ``own``: the applicant's id and the applicant id of every document the
    kiosk got; ``center``: the center's record of the kiosk's requests (a store kiosk)."""
    problems: list[str] = []
    if not home:
        problems.append("the kiosk did not come back to its home screen")
    journal = kiosk.services.payment.journal
    totals = check_money(journal, coins_in, hoppers_paid, problems)
    record = server_record(service, request_ids)
    check_paper(record, copies_out, totals.fees, problems)
    open_requests = [status for status in record.statuses if status not in CLOSED]
    if open_requests:
        problems.append(f"requests left open in the server's log: {open_requests}")
    applicant_id, applicant_ids = own
    misissued = [other for other in applicant_ids if other != applicant_id]
    if misissued:
        problems.append(f"{len(misissued)} document(s) of another person came to the kiosk")
    if center is not None:
        record.center = check_center(center, totals.fees, record.copies_printed, problems)
    leftovers = check_privacy(needles, [*roots, *taken], dirs, skip=[service.settings.data_dir])
    problems += [f"personal data left: {hit}" for hit in leftovers]
    return CellVerdict(totals, coins_in, hoppers_paid, copies_out, record, leftovers, problems)


def _run_cell(
    fault: str,
    at: InjectAt,
    config: Config,
    links: LinkMaker,
    applicant: Applicant,
    inject: Inject,
    service: IssuanceService,
    roots: list[object],
    private_tmp: Path,
    network: ProofNetwork | None = None,
) -> None:
    """One person's session with the fault switched on at ``at``, then the checks and the row.

    ``links``: where the kiosk's link goes; ``service``: the applicant's municipality's server,
    ``roots`` what holds its (and the center's) data; ``network``: a store kiosk's center."""
    freeze_heap()  # the cell's search sees what this session made
    kiosk = ProofKiosk(config, links)
    if at is InjectAt.PRINTING:
        kiosk.a4.sheet_seconds = SHEET_SECONDS  # so that the fault lands mid-job
    problems: list[str] = []
    try:
        trace = Person(kiosk, applicant, at, inject).run()
        if network is not None and not network.others_served(config.kiosk.id):
            problems.append(f"{OTHER.name}'s residents were not served while {HOME.name} was not")
    finally:
        kiosk.shutdown()  # the fault still on
        if network is not None:
            network.upstreams.faults.clear()
    request_ids = list(kiosk.center.request_ids)
    if network is not None:  # also those whose reply the center lost
        request_ids = list(dict.fromkeys([*request_ids, *network.upstreams.request_ids]))
    hoppers_paid = kiosk.returned_by_hoppers()
    before = server_record(service, request_ids)
    if network is not None:
        before.center = [row.status for row in network.requests_of(config.kiosk.id)]
    checked = kiosk
    if any(status not in CLOSED for status in [*before.statuses, *(before.center or [])]):
        # the server (and center) are back: the kiosk opens again and sends what its outbox kept
        kiosk.close()
        checked = ProofKiosk(config, links)
        checked.shutdown()
        hoppers_paid += checked.returned_by_hoppers()
    verdict = _verdict(
        checked,
        trace.home,
        service,
        roots,
        request_ids,
        [*applicant.secrets, PDF_MAGIC],
        kiosk.coins.inserted,
        hoppers_paid,
        sum(1 for job in trace.a4_jobs if job.complete),
        [config.kiosk.data_dir, private_tmp],
        [trace.a4_jobs],
        own=(applicant.person.id, kiosk.center.applicant_ids),
        center=network.requests_of(config.kiosk.id) if network is not None else None,
    )
    verdict.problems += problems
    if network is not None:
        check_documents(trace.a4_jobs, HOME.name, verdict.problems)
    checked.close()
    row = Row.of(fault, at.value, trace, verdict, before if checked is not kiosk else None)
    ROWS.append(row)
    assert trace.injected, "the session never reached the step"
    assert verdict.problems == []
    _as_committed(row)


@pytest.mark.parametrize(("fault", "at"), CELLS, ids=[f"{f}@{a}" for f, a in CELLS])
def test_fault(
    fault: str,
    at: InjectAt,
    server: Server,
    base_config: Config,
    proof_dir: Path,
    private_tmp: Path,
) -> None:
    config = _cell_config(base_config, proof_dir, _cell_name(fault, at))
    inject, _steps = FAULTS[fault]
    roots: list[object] = [server.service, server]
    applicant = server.applicants[0]
    _run_cell(fault, at, config, server, applicant, inject, server.service, roots, private_tmp)


@pytest.mark.parametrize("at", KILL_STEPS, ids=[a.value for a in KILL_STEPS])
def test_killed_and_restarted(
    at: InjectAt, server: Server, base_config: Config, proof_dir: Path, private_tmp: Path
) -> None:
    """SIGKILL of a real kiosk process at the step, then a restart on the same data."""
    config = _cell_config(base_config, proof_dir, f"kill-{at}")
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.proof.kill_child",
            str(config.kiosk.data_dir),
            str(server.service.settings.data_dir),
            config.kiosk.id,
            at.value,
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(private_tmp)},
    )
    assert child.stdout is not None
    try:
        with selectors.DefaultSelector() as waiting:
            waiting.register(child.stdout, selectors.EVENT_READ)
            ready = waiting.select(timeout=CHILD_WAIT_S)
        line = child.stdout.readline() if ready else ""
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=10)
        child.stdout.close()
    assert line, f"the kiosk process did not reach {at} (exit {child.returncode})"
    assert child.returncode == -signal.SIGKILL
    state = json.loads(line)
    freeze_heap()
    restarted = ProofKiosk(config, server)
    restarted.center.request_ids += state["request_ids"]
    home = restarted.step is Step.HOME
    restarted.shutdown()
    applicant = server.applicants[0]
    verdict = _verdict(
        restarted,
        home,
        server.service,
        [server.service, server],
        restarted.center.request_ids,
        [*applicant.secrets, PDF_MAGIC],
        state["coins_in"],
        state["hoppers_paid"] + restarted.returned_by_hoppers(),
        state["copies_out"],
        [config.kiosk.data_dir, private_tmp],
        [],
    )
    restarted.close()
    row = Row.killed(at.value, state["step"], verdict)
    ROWS.append(row)
    assert verdict.problems == []
    _as_committed(row)


@pytest.mark.parametrize(("fault", "at"), CENTER_CELLS, ids=[f"{f}@{a}" for f, a in CENTER_CELLS])
def test_store_kiosk_fault(
    fault: str,
    at: InjectAt,
    server: Server,
    network: ProofNetwork,
    base_config: Config,
    proof_dir: Path,
    private_tmp: Path,
) -> None:
    """A store kiosk: the center, or the person's municipality, faulty from the step on."""
    config = network.kiosk_config(_cell_config(base_config, proof_dir, _cell_name(fault, at)))
    make_inject, _steps = CENTER_FAULTS[fault]
    network.upstreams.request_ids.clear()
    roots: list[object] = [network.running, network, server.service, server]
    applicant = server.applicants[0]  # a resident of 架空市, its card in the center's directory
    inject = make_inject(network)
    service = network.service(HOME.code)
    _run_cell(fault, at, config, network, applicant, inject, service, roots, private_tmp, network)


def test_the_cell_search_finds_a_live_session(
    server: Server, base_config: Config, proof_dir: Path, private_tmp: Path
) -> None:
    """The cells' search is not blind: while paying, the offers name the person, PDFs are held."""
    config = _cell_config(base_config, proof_dir, "control")
    freeze_heap()
    kiosk = ProofKiosk(config, server)
    applicant = server.applicants[0]
    needles = [*applicant.secrets, PDF_MAGIC]
    found: list[str] = []

    def search(person: Person) -> None:
        found.extend(check_privacy(needles, [server.service, server], [], []))
        flow = person.k.kiosk.flow
        if flow is not None:
            flow.cancel()

    trace = Person(kiosk, applicant, InjectAt.PAYING, search).run()
    kiosk.shutdown()
    kiosk.close()
    assert trace.injected
    assert any(PDF_MAGIC in hit for hit in found)
    assert any(PDF_MAGIC not in hit for hit in found)


def test_nothing_left_in_any_object_after_the_matrix(server: Server, network: ProofNetwork) -> None:
    """The cells search the objects made since the matrix began; this searches all of them."""
    needles = [s for a in server.applicants for s in a.secrets]
    roots = [server.service, server, network.running, network]
    assert search_all_objects(needles, roots) == []


def test_the_committed_report_has_the_cells_of_this_matrix() -> None:
    """docs/fault-matrix.md holds one row for each cell run here, no more (cheap: no run)."""
    cells = {(fault, at.value) for fault, at in CELLS}
    cells |= {("process killed", at.value) for at in KILL_STEPS}
    cells |= {(fault, at.value) for fault, at in CENTER_CELLS}
    assert set(read_rows(COMMITTED)) == cells, "run `make proof` and commit the report"
