"""The status check of a usage registration by its 申請番号."""

from __future__ import annotations

from kiosk_app.session import fields
from kiosk_app.session.flow import SessionFlow
from kiosk_app.session.ports import ServiceError
from kiosk_app.session.steps import Ending, NoticeKind, Step

#: Status shown when the server knows no registration with the number typed.
NOT_FOUND = "not_found"


class StatusFlow(SessionFlow):
    """Type the 申請番号 on a keypad, see the status."""

    first_step = Step.STATUS_ENTRY

    def type_char(self, char: str) -> None:
        """A keypad key."""
        if self.step is Step.STATUS_ENTRY:
            number = self.data.status_number
            self.data.status_number = fields.typed(fields.APPLICATION_NUMBER, number, char)
            self._changed()

    def backspace(self) -> None:
        """Delete the last character."""
        if self.step is Step.STATUS_ENTRY:
            self.data.status_number = self.data.status_number[:-1]
            self._changed()

    def submit(self) -> bool:
        """Ask the server for the status."""
        number = self.data.status_number
        if self.step is not Step.STATUS_ENTRY:
            return False
        if not fields.APPLICATION_NUMBER.complete(number):
            return False
        services = self.ctx.services
        self._go(Step.STATUS_CHECKING)
        self._run(lambda: services.registration_status(number), self._on_status, self._on_error)
        return True

    def _on_status(self, status: str) -> None:
        self.data.status_result = status
        self._go(Step.STATUS_RESULT)

    def _on_error(self, error: Exception) -> None:
        if isinstance(error, ServiceError) and error.notice.kind is NoticeKind.NOT_FOUND:
            self._on_status(NOT_FOUND)
        else:
            self._fail(error)

    def acknowledge(self) -> None:
        """Done on the result screen, or OK on a closing message."""
        if self.step is Step.STATUS_RESULT:
            self._finish(Ending.SUCCESS)
        else:
            super().acknowledge()
