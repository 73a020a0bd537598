"""Where a person is in their session: the stages a step indicator shows, and the current one."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kiosk_app.session.flow import SessionFlow
from kiosk_app.session.issuance import IssuanceFlow
from kiosk_app.session.registration import RegistrationFlow
from kiosk_app.session.steps import Step


class Stage(StrEnum):
    """One stage of a step indicator (several steps can share a stage)."""

    DETAILS = "details"
    CARD = "card"
    PIN = "pin"
    CHOOSE = "choose"
    CONFIRM = "confirm"
    PAY = "pay"
    PRINT = "print"
    DONE = "done"


#: カード → 暗証番号 → 選択 → 確認 → お支払い → 印刷
ISSUANCE_STAGES: tuple[Stage, ...] = (
    Stage.CARD,
    Stage.PIN,
    Stage.CHOOSE,
    Stage.CONFIRM,
    Stage.PAY,
    Stage.PRINT,
)
#: 入力 → カード → 暗証番号 → 確認 → 完了 (the form comes before the card in a registration)
REGISTRATION_STAGES: tuple[Stage, ...] = (
    Stage.DETAILS,
    Stage.CARD,
    Stage.PIN,
    Stage.CONFIRM,
    Stage.DONE,
)

_CARD_STEPS = {
    Step.CHECKING_PRINTER: Stage.CARD,
    Step.PLACE_CARD: Stage.CARD,
    Step.READING_CARD: Stage.CARD,
    Step.PIN: Stage.PIN,
    Step.VERIFYING: Stage.PIN,
    Step.REMOVE_CARD: Stage.PIN,
}
_ISSUANCE = {
    **_CARD_STEPS,
    Step.MENU: Stage.CHOOSE,
    Step.OPTIONS: Stage.CHOOSE,
    Step.COPIES: Stage.CHOOSE,
    Step.CONFIRM: Stage.CONFIRM,
    Step.DOWNLOADING: Stage.CONFIRM,
    Step.PAYING: Stage.PAY,
    Step.PRINTING: Stage.PRINT,
    Step.RECEIPT: Stage.PRINT,
    Step.TAKE_ITEMS: Stage.PRINT,
}
_REGISTRATION = {
    **_CARD_STEPS,
    Step.REG_TOWN: Stage.DETAILS,
    Step.REG_BANCHI: Stage.DETAILS,
    Step.REG_READING: Stage.DETAILS,
    Step.REG_PHONE: Stage.DETAILS,
    Step.REG_BIRTH_DATE: Stage.DETAILS,
    Step.REG_CARD_EXPIRY: Stage.DETAILS,
    Step.REG_SECURITY_CODE: Stage.DETAILS,
    Step.REG_CONFIRM: Stage.CONFIRM,
    Step.REG_SUBMITTING: Stage.CONFIRM,
    Step.REG_DONE: Stage.DONE,
}


@dataclass(frozen=True)
class Progress:
    """The stages of the current session and the index of the one the person is at."""

    stages: tuple[Stage, ...]
    current: int


def progress_of(flow: SessionFlow | None, step: Step) -> Progress | None:
    """Where ``flow`` stands at ``step``; None where no indicator is shown (home, notices,
    the status check)."""
    if isinstance(flow, IssuanceFlow):
        stages, mapping = ISSUANCE_STAGES, _ISSUANCE
    elif isinstance(flow, RegistrationFlow):
        stages, mapping = REGISTRATION_STAGES, _REGISTRATION
    else:
        return None
    stage = mapping.get(step)
    return Progress(stages, stages.index(stage)) if stage is not None else None
