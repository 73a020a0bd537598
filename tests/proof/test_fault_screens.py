"""Fault cells on the real window: what the screen says, then the home screen with nothing left.

The same person and faults as the fault matrix (tests/proof/test_fault_matrix.py), with the
flows running under the KioskWindow, its device bridge and its screens.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from kiosk_app.config import Config, Language, load_demo_config
from kiosk_app.screens.texts import Texts
from kiosk_app.session.steps import Ending, NoticeKind, Step
from tests.kiosk_app.gui.leaks import widget_texts
from tests.proof.checks import check_privacy, freeze_heap, heap_frozen, search_all_objects
from tests.proof.faults import FAULTS
from tests.proof.harness import Server, always_open, open_server
from tests.proof.qt_harness import QtProofKiosk
from tests.proof.scenario import SHEET_SECONDS, InjectAt, Person

#: (fault, step) → the closing message the person must see (None: the session succeeds).
CELLS: dict[tuple[str, InjectAt], NoticeKind | None] = {
    ("card removed", InjectAt.PIN): NoticeKind.CARD_REMOVED,
    ("wrong card", InjectAt.PLACE_CARD): NoticeKind.NOT_MY_NUMBER_CARD,
    ("server down", InjectAt.PIN): NoticeKind.SERVER_UNREACHABLE,
    ("server slow", InjectAt.CONFIRM): NoticeKind.SERVER_UNREACHABLE,
    ("coin jam", InjectAt.PAYING): NoticeKind.CANCELLED,
    ("A4 paper out", InjectAt.PRINTING): NoticeKind.PAPER_OUT,
    ("A4 jam", InjectAt.CONFIRM): NoticeKind.PRINTER_FAULT,
    ("receipt paper out", InjectAt.RECEIPT): None,
}


@pytest.fixture(scope="module")
def screens_server() -> Iterator[tuple[Server, Config, Path]]:
    """One embedded server and a base configuration for the module."""
    with tempfile.TemporaryDirectory(prefix="proof-screens-") as name:
        root = Path(name)
        config = always_open(load_demo_config(), root / "kiosk")
        server = open_server(config, root / "center")
        with heap_frozen():
            yield server, config, root
        server.service.store.close()


@pytest.mark.parametrize(("fault", "at"), list(CELLS), ids=[f"{f}@{a}" for f, a in CELLS])
def test_the_screen_tells_what_happened_and_goes_home(
    qapp: QApplication, screens_server: tuple[Server, Config, Path], fault: str, at: InjectAt
) -> None:
    server, base, root = screens_server
    kiosk_id = "SCREENS-" + "".join(c if c.isalnum() else "-" for c in f"{fault}-{at}")
    config = always_open(base, root / kiosk_id, kiosk_id)
    freeze_heap()  # the cell's search sees what this session made
    kiosk = QtProofKiosk(config, server, qapp)
    if at is InjectAt.PRINTING:
        kiosk.a4.sheet_seconds = SHEET_SECONDS
    applicant = server.applicants[0]
    person = Person(kiosk, applicant, at, FAULTS[fault][0])
    shown: list[tuple[str, str]] = []

    def read_notice(p: Person) -> None:
        flow = p.k.kiosk.flow
        screen = kiosk.window.current_screen()
        assert flow is not None
        assert flow.data.notice is not None
        assert screen is not None
        label = screen.findChild(QLabel, "noticeMessage")
        assert label is not None
        shown.append((label.text(), Texts().notice(flow.data.notice)))

    person.on_notice = read_notice
    try:
        trace = person.run()
        assert trace.injected
        expected = CELLS[(fault, at)]
        if expected is None:
            assert trace.endings == [Ending.SUCCESS]
            assert shown == []
        else:
            assert trace.notices == [expected]
            assert len(shown) == 1
            assert shown[0][0] == shown[0][1] != ""
        assert kiosk.window.current_screen() is kiosk.window.home
        assert kiosk.step is Step.HOME
        kiosk.settle()
        texts = widget_texts()
        assert not [t for t in texts if any(s in t for s in applicant.secrets)]
        assert check_privacy(applicant.secrets, [server.service, server], [], []) == []
    finally:
        kiosk.shutdown()
        kiosk.window.languages.switch_to(Language.EN)
        kiosk.close()


def test_nothing_left_in_any_object_after_the_screens(
    screens_server: tuple[Server, Config, Path],
) -> None:
    """The cells search the objects made since the module began; this searches all of them."""
    server = screens_server[0]
    needles = [s for a in server.applicants for s in a.secrets]
    assert search_all_objects(needles, [server.service, server]) == []
