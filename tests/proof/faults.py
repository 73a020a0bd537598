"""The faults the fault matrix injects: how each is made on the sim devices and the links."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING
from unittest import mock

from drivers.nfc.virtual_card import CardFaults, VirtualMyNumberCard
from kiosk_app.session.steps import Step
from tests.kiosk_app.small_disk import FullDiskConnection
from tests.proof.harness import ServerFault
from tests.proof.scenario import InjectAt, Person, WrongCard
from tests.proof.upstream_faults import HOME, UpstreamFault

if TYPE_CHECKING:  # the center's stack stays out of processes that only read the table
    from tests.proof.center_harness import ProofNetwork

Inject = Callable[[Person], None]


def _card_leaves(person: Person) -> None:
    at = person.at
    if at is InjectAt.PLACE_CARD:
        person.make_card = _with_faults(person, CardFaults(remove_after_apdus=2))
    elif person.card is not None:  # at the PIN: the card leaves during the signature
        person.card.faults.remove_after_apdus = person.card.apdu_count + 3


def _with_faults(person: Person, faults: CardFaults) -> Callable[[], VirtualMyNumberCard]:
    make = person.applicant.make_card

    def made() -> VirtualMyNumberCard:
        card = make()
        card.faults = faults
        return card

    return made


def _wrong_card(person: Person) -> None:
    wrong = WrongCard(person.applicant.parameters.auth_key, b"", "0000")
    if person.at is InjectAt.PLACE_CARD:
        person.make_card = lambda: wrong
    else:  # someone puts another card on the reader
        person.k.reader.insert(wrong)
        if person.at is InjectAt.PIN:  # the kiosk sees the person's card go before the PIN
            person.k.pump_until(lambda: person.k.step is not Step.PIN)


def _server(fault: ServerFault) -> Inject:
    def inject(person: Person) -> None:
        person.k.center.fault = fault

    return inject


def _lost_replies(person: Person) -> None:
    """Replies lost at the step itself: the person waits until the acceptor's polling has met
    them (else, on a loaded machine, they could fall on the inhibits set when payment starts,
    and the cell would end one way or the other). The hoppers' are met at their next command."""
    acceptor = person.k.acceptor
    acceptor.faults.drop_replies = 3
    for hopper in person.k.hoppers.values():
        hopper.faults.drop_replies = 2
    person.k.pump_until(lambda: acceptor.faults.drop_replies == 0)


def _hoppers_empty(person: Person) -> None:
    for hopper in person.k.hoppers.values():
        hopper.model.empty_after = 0


def _a4(switch: str) -> Inject:
    def inject(person: Person) -> None:
        setattr(person.k.a4, switch, True)

    return inject


def _receipt_paper_out(person: Person) -> None:
    person.k.receipt.paper_out = True


def _journal_disk_full(person: Person) -> None:
    """The disk fills at the step; staff free space once the session is over (then the kiosk
    writes what waited). From 'receipt' on a session writes nothing more to the journal."""
    journal, kiosk = person.k.services.payment.journal, person.k.kiosk
    full_disk = FullDiskConnection(journal._db, lambda: kiosk.flow is not None)
    mock.patch.object(journal, "_db", full_disk).start()  # the kiosk is not used after the cell


def _outbox_disk_full(person: Person) -> None:
    """The outbox's disk fills at the step: the reports and cancels it cannot write wait in
    memory and are sent from there; space returns once the session is over."""
    outbox, kiosk = person.k.services.outbox, person.k.kiosk
    full_disk = FullDiskConnection(outbox._db, lambda: kiosk.flow is not None)
    mock.patch.object(outbox, "_db", full_disk).start()  # the kiosk is not used after the cell


#: fault → (how to inject it, the steps where it can happen; None: every step).
FAULTS: dict[str, tuple[Inject, frozenset[InjectAt] | None]] = {
    "card removed": (_card_leaves, frozenset({InjectAt.PLACE_CARD, InjectAt.PIN})),
    "wrong card": (
        _wrong_card,
        frozenset({InjectAt.PLACE_CARD, InjectAt.PIN, InjectAt.REMOVE_CARD, InjectAt.MENU}),
    ),
    "server late (in time)": (
        _server(ServerFault.LATE),
        frozenset({InjectAt.PIN, InjectAt.CONFIRM, InjectAt.PRINTING, InjectAt.TAKE_ITEMS}),
    ),
    "server slow": (_server(ServerFault.SLOW), None),
    "server down": (_server(ServerFault.DOWN), None),
    "server bad reply": (_server(ServerFault.BAD_REPLY), None),
    "coin jam": (lambda p: p.k.acceptor.jam(), None),
    "coin acceptor reset": (lambda p: p.k.acceptor.power_cycle(), None),
    "lost ccTalk replies": (_lost_replies, None),
    "hoppers empty": (_hoppers_empty, None),
    "A4 paper out": (_a4("paper_out"), None),
    "A4 jam": (_a4("jam"), None),
    "receipt paper out": (_receipt_paper_out, None),
    "money journal disk full": (_journal_disk_full, None),
    "outbox disk full": (_outbox_disk_full, None),
}

#: Why a fault is not injected at some steps (written into the report).
NOT_APPLICABLE = {
    "card removed": "the card is off the reader from 'remove your card' on",
    "wrong card": (
        "after 'remove your card' the kiosk no longer reads the reader: a card placed later is "
        "ignored as at 'menu' (confirm … take_items would repeat that cell)"
    ),
    "server late (in time)": (
        "every reply 0.3 s late but within the time-out, from the step on: injected just before "
        "the steps that wait on the server (authentication, download, outcome report, session "
        "end); at the other steps it would delay the same calls as the next of these cells"
    ),
}


def _municipality(fault: UpstreamFault) -> Callable[[ProofNetwork], Inject]:
    """The applicant's municipality (架空市) faulty at the center → municipality hop."""

    def bound(network: ProofNetwork) -> Inject:
        def inject(_person: Person) -> None:
            network.upstreams.faults[HOME.code] = fault

        return inject

    return bound


def _center(fault: ServerFault) -> Callable[[ProofNetwork], Inject]:
    """The relay center faulty at the kiosk → center hop."""
    return lambda _network: _server(fault)


#: A store kiosk's faults (fault → how to inject it on a network, the steps; None: every step).
CENTER_FAULTS: dict[str, tuple[Callable[[ProofNetwork], Inject], frozenset[InjectAt] | None]] = {
    "center down": (_center(ServerFault.DOWN), None),
    "center slow": (_center(ServerFault.SLOW), None),
    "municipality down": (_municipality(UpstreamFault.DOWN), None),
    "municipality slow": (_municipality(UpstreamFault.SLOW), None),
}
