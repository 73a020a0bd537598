"""The step indicator's model: which stage each step of a flow belongs to."""

from __future__ import annotations

import pytest

from kiosk_app.session.issuance import IssuanceFlow
from kiosk_app.session.progress import (
    ISSUANCE_STAGES,
    REGISTRATION_STAGES,
    Stage,
    progress_of,
)
from kiosk_app.session.registration import RegistrationFlow
from kiosk_app.session.status import StatusFlow
from kiosk_app.session.steps import Step

#: The steps of each flow in the order a person meets them.
ISSUANCE_ORDER = (
    Step.CHECKING_PRINTER,
    Step.PLACE_CARD,
    Step.READING_CARD,
    Step.PIN,
    Step.VERIFYING,
    Step.REMOVE_CARD,
    Step.MENU,
    Step.OPTIONS,
    Step.COPIES,
    Step.CONFIRM,
    Step.DOWNLOADING,
    Step.PAYING,
    Step.PRINTING,
    Step.RECEIPT,
    Step.TAKE_ITEMS,
)
REGISTRATION_ORDER = (
    Step.REG_TOWN,
    Step.REG_BANCHI,
    Step.REG_READING,
    Step.REG_PHONE,
    Step.REG_BIRTH_DATE,
    Step.REG_CARD_EXPIRY,
    Step.REG_SECURITY_CODE,
    Step.PLACE_CARD,
    Step.READING_CARD,
    Step.PIN,
    Step.VERIFYING,
    Step.REMOVE_CARD,
    Step.REG_CONFIRM,
    Step.REG_SUBMITTING,
    Step.REG_DONE,
)


@pytest.mark.parametrize(
    ("kind", "order", "stages"),
    [
        (IssuanceFlow, ISSUANCE_ORDER, ISSUANCE_STAGES),
        (RegistrationFlow, REGISTRATION_ORDER, REGISTRATION_STAGES),
    ],
    ids=["issuance", "registration"],
)
def test_every_step_of_a_flow_has_a_stage_and_stages_only_go_forward(
    kind: type[IssuanceFlow | RegistrationFlow],
    order: tuple[Step, ...],
    stages: tuple[Stage, ...],
) -> None:
    flow = object.__new__(kind)  # the mapping needs the flow's kind only
    seen = []
    for step in order:
        progress = progress_of(flow, step)
        assert progress is not None, step
        assert progress.stages == stages
        seen.append(progress.current)
    assert seen == sorted(seen)
    assert set(seen) == set(range(len(stages)))  # every stage is met
    assert progress_of(flow, Step.NOTICE) is None
    assert progress_of(flow, Step.HOME) is None


def test_no_indicator_outside_issuance_and_registration() -> None:
    assert progress_of(None, Step.PLACE_CARD) is None
    assert progress_of(object.__new__(StatusFlow), Step.STATUS_ENTRY) is None


def test_the_issuance_stages_are_the_ones_people_know() -> None:
    assert [stage.value for stage in ISSUANCE_STAGES] == [
        "card",
        "pin",
        "choose",
        "confirm",
        "pay",
        "print",
    ]
