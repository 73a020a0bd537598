"""The person's side of an issuance, with a fault switched on when the kiosk reaches a step.

The person gets two copies of a 住民票 (fee 400), pays 100 yen then a 500 yen coin (change 200),
takes the card when asked, answers every closing message and takes the paper. A fault is switched
on at one step and stays on until the session ends. Where the kiosk waits for the person, the person
acts; where it would wait for its own time-out, the host's timer is fired at once (the same
``time_out()`` call the window's timer makes), so that no cell sleeps through a time-out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from drivers.nfc.virtual_card import VirtualMyNumberCard
from drivers.printer.a4_sim import PrintedJob
from issuance_contract.certificates import CertificateType
from kiosk_app.session.steps import Ending, NoticeKind, Step
from tests.proof.harness import Applicant, ProofKiosk, order

PIN = "1234"
COPIES = 2
#: Seconds one A4 sheet takes while a fault waits for the middle of a print job.
SHEET_SECONDS = 0.03
#: How long the person waits for a coin to count before pressing cancel.
COIN_PATIENCE_S = 0.8
#: How long the person waits for a coin the slot took to show on the screen.
CREDIT_PATIENCE_S = 2.0
#: How long a step may take before the host's time-out fires (compressed time).
STEP_PATIENCE_S = 8.0


class InjectAt(StrEnum):
    """Where in the issuance flow a fault is switched on."""

    PLACE_CARD = "place_card"  # home → card placed (the card read follows)
    PIN = "pin"  # PIN typed, before OK (server authentication follows)
    REMOVE_CARD = "remove_card"  # asked to remove the card
    MENU = "menu"  # choosing certificates, options and copies
    CONFIRM = "confirm"  # the basket confirmed (the download follows)
    PAYING = "paying"  # 100 yen credited, the rest to come
    PRINTING = "printing"  # the first A4 sheet is out
    RECEIPT = "receipt"  # the last A4 sheet is out (the receipt follows)
    TAKE_ITEMS = "take_items"  # "take your certificates" (the outcome report has been sent)


class WrongCard(VirtualMyNumberCard):
    """A contactless card that is not a My Number Card (no JPKI application: 6A82)."""

    def process_apdu(self, apdu: bytes) -> bytes:
        """Every command: file or application not found."""
        super().process_apdu(b"\x00\xa4\x04\x0c")  # keeps the removal and power behaviour
        return b"\x6a\x82"


@dataclass
class Trace:
    """What happened in one session, as the person saw it."""

    endings: list[Ending] = field(default_factory=list)
    notices: list[NoticeKind] = field(default_factory=list)
    host_timeouts: int = 0
    cancelled_payment: bool = False
    injected: bool = False
    steps: list[Step] = field(default_factory=list)
    a4_jobs: list[PrintedJob] = field(default_factory=list)
    receipts: int = 0
    home: bool = False


class Person:
    """Drives one issuance; ``inject`` runs once when the session reaches ``at``."""

    def __init__(
        self,
        kiosk: ProofKiosk,
        applicant: Applicant,
        at: InjectAt | None = None,
        inject: Callable[[Person], None] = lambda _person: None,
        kind: CertificateType = CertificateType.JUMINHYO,
        copies: int = COPIES,
    ) -> None:
        self.k = kiosk
        self.applicant = applicant
        self.at = at
        self._inject = inject
        self.kind = kind
        self.copies = copies
        self.trace = Trace()
        #: Makes the card the person places (a fault may swap it for another).
        self.make_card: Callable[[], VirtualMyNumberCard] = applicant.make_card
        self.card: VirtualMyNumberCard | None = None
        #: Called while a closing message is on the screen, before the person answers it.
        self.on_notice: Callable[[Person], None] = lambda _person: None

    def _maybe(self, where: InjectAt) -> None:
        if where is self.at and not self.trace.injected:
            self.trace.injected = True
            self._inject(self)

    def _reach(self, *targets: Step) -> bool:
        """Wait for one of ``targets``; False if the session closed (notice or home) instead."""
        k = self.k
        stops = (*targets, Step.NOTICE, Step.HOME)
        for _ in range(4):
            if k.pump_until(lambda: k.step in stops, STEP_PATIENCE_S):
                break
            self.trace.host_timeouts += 1
            flow = k.kiosk.flow
            if flow is not None:
                flow.time_out()
        self.trace.steps.append(k.step)
        return k.step in targets

    def run(self) -> Trace:
        """The whole session, to the home screen."""
        self._session()
        self._close()
        return self.trace

    def _session(self) -> None:
        k = self.k
        k.kiosk.start_issuance()
        # the A4 printer is checked first (and a store kiosk's center: then 住所地 or 本籍地)
        if not self._reach(Step.PLACE_CARD, Step.ROUTE):
            return
        if k.step is Step.ROUTE:  # a store kiosk: the person is served where they live
            k.flow.choose_residence()
            if not self._reach(Step.PLACE_CARD):
                return
        self._maybe(InjectAt.PLACE_CARD)
        if k.reader.card_present():
            k.reader.remove()
        self.card = self.make_card()
        k.reader.insert(self.card)
        if not self._reach(Step.PIN):
            return
        self._maybe(InjectAt.PIN)
        if k.step is Step.PIN:
            k.type_pin(PIN)
        if not self._reach(Step.REMOVE_CARD, Step.MENU):
            return
        if k.step is Step.REMOVE_CARD:
            self._maybe(InjectAt.REMOVE_CARD)
            k.reader.remove()
            if not self._reach(Step.MENU):
                return
        self._maybe(InjectAt.MENU)
        if k.step is not Step.MENU:
            return
        order(k, self.kind, self.copies)
        self._maybe(InjectAt.CONFIRM)
        if not self._at(Step.CONFIRM):
            return
        k.flow.confirm()
        if not self._reach(Step.PAYING):
            return
        self._pay()
        if not self._reach(Step.PRINTING, Step.RECEIPT, Step.TAKE_ITEMS):
            return
        self._print()
        if not self._reach(Step.TAKE_ITEMS):
            return
        if self.at is InjectAt.TAKE_ITEMS:  # the step as it stands: the outcome report was sent
            k.pump_until(lambda: not k.services.outbox.pending())
        self._maybe(InjectAt.TAKE_ITEMS)
        self.take_paper()
        if self._at(Step.TAKE_ITEMS):
            k.flow.acknowledge()

    def _at(self, step: Step) -> bool:
        """Whether the kiosk is at ``step`` now (a call: the step changes under the person)."""
        return self.k.step is step

    def _pay(self) -> None:
        k = self.k
        payment = k.services.payment
        k.pump_until(lambda: payment.current is not None or k.step is not Step.PAYING)
        self._coin(100)
        self._maybe(InjectAt.PAYING)
        for _attempt in range(2):  # a coin handed back is tried again once, after a moment
            if k.step is not Step.PAYING or self._coin(500) or self._coin(100):
                break
            k.pump_until(lambda: k.step is not Step.PAYING, 0.4)
        if k.step is Step.PAYING and not k.pump_until(
            lambda: k.step is not Step.PAYING, COIN_PATIENCE_S
        ):
            self.trace.cancelled_payment = True
            flow = k.kiosk.flow
            if flow is not None:
                flow.cancel()

    def _coin(self, yen: int) -> bool:
        """Drop a coin; True once the kiosk has counted it (or the payment moved on)."""
        k = self.k
        payment = k.services.payment

        def credit() -> int:  # read once: the payment may close on the driver's thread meanwhile
            current = payment.current
            return current.credit_yen if current is not None else 0

        before = credit()
        if k.step is not Step.PAYING or not k.insert_coin(yen):
            return False
        return k.pump_until(
            lambda: k.step is not Step.PAYING or credit() > before, CREDIT_PATIENCE_S
        )

    def _print(self) -> None:
        k = self.k
        if k.step is Step.PRINTING:
            data = k.flow.data
            k.pump_until(lambda: k.step is not Step.PRINTING or data.sheets_done >= 1)
            self._maybe(InjectAt.PRINTING)
            k.pump_until(
                lambda: (
                    k.step is not Step.PRINTING
                    or (data.sheets_total > 0 and data.sheets_done >= data.sheets_total)
                )
            )
        self._maybe(InjectAt.RECEIPT)

    def take_paper(self) -> None:
        """Take everything from the A4 and receipt trays."""
        self.trace.a4_jobs += self.k.a4.take_all()
        self.trace.receipts += len(self.k.receipt.take_all())

    def _close(self) -> None:
        """Answer the closing message (taking the card if asked); the kiosk goes home."""
        k = self.k
        for _ in range(3):
            if k.step is Step.HOME:
                break
            if k.step is Step.NOTICE:
                flow = k.kiosk.flow
                if flow is not None and flow.data.notice is not None:
                    self.trace.notices.append(flow.data.notice.kind)
                    self.on_notice(self)
                if k.reader.card_present():
                    k.reader.remove()
                self.take_paper()
                if flow is not None:
                    flow.acknowledge()
            elif not self._reach(Step.NOTICE, Step.HOME):
                continue
        self.take_paper()
        self.trace.home = k.step is Step.HOME and k.kiosk.flow is None
        if k.kiosk.last_ending is not None:
            self.trace.endings.append(k.kiosk.last_ending)
