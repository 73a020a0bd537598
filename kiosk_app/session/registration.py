"""The usage registration (本籍地 利用登録申請): form, card and PIN, confirm, 申請番号."""

from __future__ import annotations

from kiosk_app.session import fields
from kiosk_app.session.card import CardFlow
from kiosk_app.session.fields import FieldRule
from kiosk_app.session.flow import FlowContext
from kiosk_app.session.model import RegistrationEntry
from kiosk_app.session.ports import fire_and_forget
from kiosk_app.session.steps import Ending, Step

#: The form's typed fields in order: step, attribute of RegistrationDraft, rule.
FORM_FIELDS: tuple[tuple[Step, str, FieldRule], ...] = (
    (Step.REG_BANCHI, "honseki_banchi", fields.BANCHI),
    (Step.REG_READING, "hittosha_reading", fields.READING),
    (Step.REG_PHONE, "phone", fields.PHONE),
    (Step.REG_BIRTH_DATE, "birth_date", fields.BIRTH_DATE),
    (Step.REG_CARD_EXPIRY, "card_expiry", fields.CARD_EXPIRY),
    (Step.REG_SECURITY_CODE, "security_code", fields.SECURITY_CODE),
)
_FORM = {step: (attr, rule) for step, attr, rule in FORM_FIELDS}
_ORDER = [Step.REG_TOWN, *(step for step, _, _ in FORM_FIELDS)]


class RegistrationFlow(CardFlow):
    """One person filing a usage registration for a 本籍 in this city."""

    first_step = Step.REG_TOWN
    registering = True

    def __init__(self, context: FlowContext) -> None:
        super().__init__(context)
        self.towns: list[str] = []
        self.field_invalid = False

    def start(self) -> None:
        """A store kiosk asks for the 本籍地 municipality first; then the 町名 list."""
        self._ask_for_route()

    def _after_route(self) -> None:
        """Show the 町名 list of the kiosk's city or of the chosen municipality."""
        route, services = self.data.route, self.ctx.services
        self._go(Step.REG_TOWN)
        self._run(lambda: services.town_names(route.code if route else None), self._on_towns)

    def _on_towns(self, towns: list[str]) -> None:
        self.towns = list(towns)
        self._changed()

    def choose_town(self, town: str) -> bool:
        """Pick the 本籍's 町名 from the city's list."""
        if self.step is not Step.REG_TOWN or town not in self.towns:
            return False
        self.data.registration.honseki_town = town
        self._go(Step.REG_BANCHI)
        return True

    # -- typed fields ------------------------------------------------------------------------
    @property
    def field_text(self) -> str:
        """The text typed so far in the current step's field."""
        attr, _ = _FORM.get(self.step, ("", fields.BANCHI))
        return str(getattr(self.data.registration, attr, "")) if attr else ""

    def _set_field(self, text: str) -> None:
        attr, _ = _FORM[self.step]
        setattr(self.data.registration, attr, text)
        self.field_invalid = False
        self._changed()

    def type_char(self, char: str) -> None:
        """A key of the keypad or kana keyboard."""
        if self.step in _FORM:
            self._set_field(fields.typed(_FORM[self.step][1], self.field_text, char))

    def backspace(self) -> None:
        """Delete the last character of the field (or of the PIN)."""
        if self.step in _FORM:
            self._set_field(self.field_text[:-1])
        else:
            super().backspace()

    def next(self) -> bool:
        """Go on if the field is complete; otherwise mark it invalid."""
        if self.step not in _FORM:
            return False
        _, rule = _FORM[self.step]
        if not rule.complete(self.field_text):
            self.field_invalid = True
            self._changed()
            return False
        self.data.remember_secret(self.field_text)
        position = _ORDER.index(self.step)
        if position + 1 < len(_ORDER):
            self._go(_ORDER[position + 1])
        else:
            self._complete_form()
        return True

    def back(self) -> None:
        """Back to the previous field."""
        if self.step in _ORDER and self.step is not Step.REG_TOWN:
            self.field_invalid = False
            self._go(_ORDER[_ORDER.index(self.step) - 1])

    def _complete_form(self) -> None:
        draft = self.data.registration
        birth = fields.parse_date(draft.birth_date)
        expiry = fields.parse_date(draft.card_expiry)
        if birth is None or expiry is None:
            return
        draft.entry = RegistrationEntry(
            honseki_town=draft.honseki_town,
            honseki_banchi=draft.honseki_banchi,
            hittosha_reading=draft.hittosha_reading,
            phone=draft.phone,
            birth_date=birth,
            card_expiry=expiry,
            security_code=draft.security_code,
            municipality=self.data.route.name if self.data.route else "",
        )
        self._ask_for_card()

    # -- after the card -------------------------------------------------------------------------
    def _after_card_removed(self) -> None:
        self._go(Step.REG_CONFIRM)

    def confirm(self) -> None:
        """File the registration."""
        entry, token = self.data.registration.entry, self.data.token
        if self.step is not Step.REG_CONFIRM or entry is None or token is None:
            return
        services = self.ctx.services
        self._go(Step.REG_SUBMITTING)
        self._run(lambda: services.submit_registration(token, entry), self._on_submitted)

    def _on_submitted(self, number: str) -> None:
        self.data.registration.application_number = number
        self._go(Step.REG_DONE)

    def print_slip(self) -> None:
        """Print the 申請番号 on a slip."""
        number = self.data.registration.application_number
        if self.step is Step.REG_DONE and number:
            services = self.ctx.services
            city = self.data.route.name if self.data.route else ""
            fire_and_forget(
                self.ctx.executor, lambda: services.print_application_slip(number, city)
            )

    def acknowledge(self) -> None:
        """Done on the 申請番号 screen, or OK on a closing message."""
        if self.step is Step.REG_DONE:
            self._finish(Ending.SUCCESS)
        else:
            super().acknowledge()
