"""The issuance screens: menu, options, copies, confirm, pay, print, take your certificates."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from issuance_contract.certificates import CertificateType
from kiosk_app.screens.base import Screen
from kiosk_app.screens.pictures import Picture, PictureRow
from kiosk_app.screens.widgets import make_button, make_label
from kiosk_app.session.issuance import IssuanceFlow
from kiosk_app.session.kiosk import Kiosk
from kiosk_app.session.model import MAX_COPIES
from kiosk_app.session.options import needs_members, option_specs

_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class _IssuanceScreen(Screen):
    def flow(self) -> IssuanceFlow | None:
        return self.flow_as(IssuanceFlow)


class MenuScreen(_IssuanceScreen):
    """What this person may get now, with fees; what not, with the reason."""

    object_name = "menuScreen"

    def __init__(self, kiosk: Kiosk, parent: QWidget | None = None) -> None:
        super().__init__(kiosk, parent)
        self.buttons: dict[CertificateType, QPushButton] = {}
        for certificate_type in CertificateType:
            button = make_button(f"menu_{certificate_type.value}", "menu")
            button.clicked.connect(lambda _checked=False, t=certificate_type: self._on_choose(t))
            self.buttons[certificate_type] = button
            self.body.addWidget(button)
        self.body.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Choose a certificate"))

    def show_state(self) -> None:
        flow = self.flow()
        if flow is None:
            return
        if flow.data.municipality_name and flow.ctx.config.center.relay:  # a store kiosk
            city = flow.data.municipality_name
            self.title.setText(self.tr("{city}: choose a certificate").format(city=city))
        offers = {offer.certificate_type: offer for offer in flow.data.offers}
        for certificate_type, button in self.buttons.items():
            offer = offers.get(certificate_type)
            button.setVisible(offer is not None)
            if offer is None:
                continue
            name = self.texts.certificate(certificate_type)
            if offer.available:
                detail = self.tr("{fee} per copy").format(fee=self.texts.yen(offer.fee_yen))
            else:
                detail = self.texts.reason(offer.reason_code)
            button.setText(f"{name}\n{detail}")
            button.setEnabled(offer.available)

    def clear(self) -> None:
        for button in self.buttons.values():
            button.setText("")
        super().clear()

    def _on_choose(self, certificate_type: CertificateType) -> None:
        if (flow := self.flow()) is not None:
            flow.choose(certificate_type)


class OptionsScreen(_IssuanceScreen):
    """The choices of one certificate type (scope, 本籍, 世帯主, 個人番号)."""

    object_name = "optionsScreen"

    def __init__(self, kiosk: Kiosk, parent: QWidget | None = None) -> None:
        super().__init__(kiosk, parent)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.option_buttons: dict[tuple[str, str | bool], QPushButton] = {}
        self.members_label = make_label("membersLabel")
        self.members_host = QWidget()
        self.members_grid = QGridLayout(self.members_host)
        self.member_buttons: dict[str, QPushButton] = {}
        self._shown: CertificateType | None = None
        self.back_button = make_button("backButton")
        self.next_button = make_button("optionsNextButton", "go")
        self.back_button.clicked.connect(self.on_flow(IssuanceFlow, lambda f: f.back()))
        self.next_button.clicked.connect(self.on_flow(IssuanceFlow, lambda f: f.options_done()))
        self.body.addWidget(self.grid_host)
        self.body.addWidget(self.members_label)
        self.body.addWidget(self.members_host)
        self.body.addStretch(1)
        self.add_button_row(self.back_button, self.next_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Choose what the certificate shows"))
        self.back_button.setText(self.tr("Back"))
        self.next_button.setText(self.tr("Next"))

    def _drop_buttons(self) -> None:
        for button in [*self.option_buttons.values(), *self.member_buttons.values()]:
            button.setText("")
            button.setParent(None)
            button.deleteLater()
        self.option_buttons.clear()
        self.member_buttons.clear()
        self._shown = None

    def clear(self) -> None:
        self._drop_buttons()
        super().clear()

    def _rebuild(self, flow: IssuanceFlow, certificate_type: CertificateType) -> None:
        self._drop_buttons()
        offer = flow.editing_offer
        allow = flow.allows_individual_number()
        for index, (member_id, name) in enumerate(offer.members if offer else ()):
            member = make_button(f"member_{index}", "option")
            member.setCheckable(True)
            member.setText(name)
            member.clicked.connect(lambda _checked=False, m=member_id: self._on_member(m))
            self.members_grid.addWidget(member, index // 3, index % 3)
            self.member_buttons[member_id] = member
        for row, spec in enumerate(option_specs(certificate_type, allow)):
            for column, value in enumerate(spec.choices):
                button = make_button(f"option_{spec.key}_{str(value).lower()}", "option")
                button.setCheckable(True)
                button.clicked.connect(
                    lambda _checked=False, k=spec.key, v=value: self._on_option(k, v)
                )
                self.grid.addWidget(button, row, column)
                self.option_buttons[(spec.key, value)] = button
        self._shown = certificate_type

    def show_state(self) -> None:
        flow = self.flow()
        line = flow.data.editing if flow is not None else None
        if line is None:
            return
        if flow is None:
            return
        if self._shown is not line.certificate_type:
            self._rebuild(flow, line.certificate_type)
        self.title.setText(self.texts.certificate(line.certificate_type))
        for (key, value), button in self.option_buttons.items():
            button.setText(self.texts.option(key, value))
            button.setChecked(line.options.get(key) == value)
        choosing = needs_members(line.certificate_type, line.options)
        self.members_host.setVisible(choosing)
        self.members_label.setVisible(choosing)
        self.members_label.setText(self.tr("Choose the persons to certify"))
        for member_id, button in self.member_buttons.items():
            button.setChecked(member_id in line.members)
        self.next_button.setEnabled(not flow.members_missing)

    def _on_member(self, member_id: str) -> None:
        if (flow := self.flow()) is not None:
            flow.toggle_member(member_id)

    def _on_option(self, key: str, value: str | bool) -> None:
        if (flow := self.flow()) is not None:
            flow.set_option(key, value)


class CopiesScreen(_IssuanceScreen):
    """How many copies (1 to 10), with the amount."""

    object_name = "copiesScreen"

    def __init__(self, kiosk: Kiosk, parent: QWidget | None = None) -> None:
        super().__init__(kiosk, parent)
        self.minus_button = make_button("copiesMinus")
        self.minus_button.setText("−")
        self.plus_button = make_button("copiesPlus")
        self.plus_button.setText("+")
        self.count = make_label("copiesLabel")
        self.amount = make_label("amountLabel")
        self.back_button = make_button("backButton")
        self.next_button = make_button("copiesNextButton", "go")
        self.minus_button.clicked.connect(lambda: self._on_step(-1))
        self.plus_button.clicked.connect(lambda: self._on_step(+1))
        self.back_button.clicked.connect(self.on_flow(IssuanceFlow, lambda f: f.back()))
        self.next_button.clicked.connect(self.on_flow(IssuanceFlow, lambda f: f.copies_done()))
        row = QHBoxLayout()
        row.addWidget(self.minus_button)
        row.addWidget(self.count, 1)
        row.addWidget(self.plus_button)
        self.body.addStretch(1)
        self.body.addLayout(row)
        self.body.addWidget(self.amount)
        self.body.addStretch(1)
        self.add_button_row(self.back_button, self.next_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("How many copies?"))
        self.back_button.setText(self.tr("Back"))
        self.next_button.setText(self.tr("Next"))

    def show_state(self) -> None:
        flow = self.flow()
        line = flow.data.editing if flow is not None else None
        if line is None:
            return
        self.count.setText(self.tr("{n} copies").format(n=line.copies))
        self.amount.setText(self.texts.yen(line.amount_yen))
        self.minus_button.setEnabled(line.copies > 1)
        self.plus_button.setEnabled(line.copies < MAX_COPIES)

    def _on_step(self, delta: int) -> None:
        flow = self.flow()
        if flow is not None and flow.data.editing is not None:
            flow.set_copies(flow.data.editing.copies + delta)


class ConfirmScreen(_IssuanceScreen):
    """The basket, one row per item (type with its options, copies, fee, its own remove button
    of normal size), the total below; add another, or confirm."""

    object_name = "confirmScreen"

    def __init__(self, kiosk: Kiosk, parent: QWidget | None = None) -> None:
        super().__init__(kiosk, parent)
        self.lines_host = QWidget()
        self.lines = QGridLayout(self.lines_host)
        self.lines.setHorizontalSpacing(24)
        #: Column headings, made once (the rows below are remade for each basket).
        self.headings = [
            make_label(f"lineHeading_{column}", _LEFT if column == 0 else _RIGHT)
            for column in range(3)
        ]
        for column, header in enumerate(self.headings):
            header.setProperty("cell", "heading")
            self.lines.addWidget(header, 0, column)
        self.total = make_label("totalLabel", _RIGHT)
        self.add_button = make_button("addMoreButton")
        self.confirm_button = make_button("confirmButton", "go")
        self.add_button.clicked.connect(self.on_flow(IssuanceFlow, lambda f: f.add_more()))
        self.confirm_button.clicked.connect(self.on_flow(IssuanceFlow, lambda f: f.confirm()))
        self.body.addWidget(self.lines_host)
        self.body.addWidget(self.total)
        self.body.addStretch(1)
        self.add_button_row(self.add_button, self.confirm_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Please check your order"))
        self.add_button.setText(self.tr("Add another certificate"))
        self.confirm_button.setText(self.tr("Confirm and pay"))

    def _clear_lines(self) -> None:
        for index in reversed(range(self.lines.count())):
            item = self.lines.itemAt(index)
            widget = item.widget() if item is not None else None
            if widget is None or widget in self.headings:
                continue
            self.lines.takeAt(index)
            widget.hide()  # gone at once for scripts, deleted once the event loop runs
            widget.deleteLater()

    def show_state(self) -> None:
        flow = self.flow()
        if flow is None:
            return
        self._clear_lines()
        for header, heading in zip(
            self.headings,
            (self.tr("Certificate"), self.tr("Copies"), self.tr("Fee")),
            strict=True,
        ):
            header.setText(heading)
        for index, line in enumerate(flow.data.basket):
            row = index + 1
            options = "・".join(self.texts.option(k, v) for k, v in line.options.items())
            what = make_label(f"line_{index}_type", _LEFT)
            what.setText(self.texts.certificate(line.certificate_type))
            detail = make_label(f"line_{index}_options", _LEFT)
            detail.setProperty("cell", "options")
            detail.setText(options)
            copies = make_label(f"line_{index}_copies", _RIGHT)
            copies.setText(self.tr("{n} copies").format(n=line.copies))
            fee = make_label(f"line_{index}_fee", _RIGHT)
            fee.setText(self.texts.yen(line.amount_yen))
            remove = make_button(f"removeLine_{index}", "remove")
            remove.setText(self.tr("Remove"))
            remove.clicked.connect(lambda _checked=False, i=index: self._on_remove(i))
            cell = QWidget()
            stacked = QVBoxLayout(cell)
            stacked.setContentsMargins(0, 0, 0, 0)
            stacked.setSpacing(0)
            stacked.addWidget(what)
            stacked.addWidget(detail)
            detail.setVisible(bool(options))
            self.lines.addWidget(cell, row, 0)
            self.lines.addWidget(copies, row, 1)
            self.lines.addWidget(fee, row, 2)
            self.lines.addWidget(remove, row, 3)
        self.lines.setColumnStretch(0, 1)
        self.total.setText(self.tr("Total: {amount}").format(amount=self.texts.yen(flow.total_yen)))

    def clear(self) -> None:
        self._clear_lines()
        super().clear()

    def _on_remove(self, index: int) -> None:
        if (flow := self.flow()) is not None:
            flow.remove_line(index)


class PayScreen(_IssuanceScreen):
    """Insert coins: amount due, credit, remaining; cancel gives the coins back."""

    object_name = "payScreen"

    def __init__(self, kiosk: Kiosk, parent: QWidget | None = None) -> None:
        super().__init__(kiosk, parent)
        self.due = make_label("dueLabel")
        self.credit = make_label("creditLabel")
        self.remaining = make_label("remainingLabel")
        self.hint = make_label("payHint")
        self.pictures = PictureRow(kiosk.config.kiosk.layout)
        for label in (self.due, self.credit, self.remaining, self.hint):
            self.body.addWidget(label)
        self.body.addWidget(self.pictures)
        self.body.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Please insert coins"))

    def show_state(self) -> None:
        flow = self.flow()
        if flow is None:
            return
        state = flow.data.payment
        self.due.setText(self.tr("Amount due: {a}").format(a=self.texts.yen(state.due_yen)))
        self.credit.setText(self.tr("Inserted: {a}").format(a=self.texts.yen(state.credit_yen)))
        self.remaining.setText(
            self.tr("Remaining: {a}").format(a=self.texts.yen(state.remaining_yen))
        )
        returning = flow.cancelling_payment
        self.pictures.show_pictures([Picture.TAKE_CHANGE if returning else Picture.INSERT_COINS])
        if returning:
            self.hint.setText(self.tr("Returning your coins…"))
        else:
            self.hint.setText(self.tr("10, 50, 100 and 500 yen coins. Change is given at the end."))
        self.cancel_button.setEnabled(not flow.cancelling_payment)


class PrintScreen(_IssuanceScreen):
    """Printing, sheet by sheet."""

    object_name = "printScreen"

    def __init__(self, kiosk: Kiosk, parent: QWidget | None = None) -> None:
        super().__init__(kiosk, parent)
        self.progress = QProgressBar()
        self.progress.setObjectName("printProgress")
        self.progress.setTextVisible(False)
        self.label = make_label("printLabel")
        self.body.addStretch(1)
        self.body.addWidget(self.label)
        self.body.addWidget(self.progress)
        self.body.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Printing your certificates…"))

    def show_state(self) -> None:
        flow = self.flow()
        if flow is None:
            return
        done, total = flow.data.sheets_done, flow.data.sheets_total
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.label.setText(
            self.tr("Sheet {done} of {total}").format(done=done, total=total)
            if total
            else self.tr("Starting the printer…")
        )

    def clear(self) -> None:
        self.progress.reset()
        super().clear()


class TakeItemsScreen(_IssuanceScreen):
    """Take the certificates and the receipt (repeated by voice until confirmed)."""

    object_name = "takeItemsScreen"

    def __init__(self, kiosk: Kiosk, parent: QWidget | None = None) -> None:
        super().__init__(kiosk, parent)
        self.message = make_label("takeMessage")
        self.pictures = PictureRow(kiosk.config.kiosk.layout)
        self.done_button = make_button("doneButton", "go")
        self.done_button.clicked.connect(self.on_flow(IssuanceFlow, lambda f: f.acknowledge()))
        self.body.addStretch(1)
        self.body.addWidget(self.message)
        self.body.addWidget(self.pictures)
        self.body.addStretch(1)
        self.body.addWidget(self.done_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Please take your certificates and receipt"))
        self.done_button.setText(self.tr("I have taken them"))

    def show_state(self) -> None:
        flow = self.flow()
        change = flow.data.change_yen if flow is not None else 0
        text = self.tr("Certificates: A4 tray. Receipt: receipt slot.")
        pictures = [Picture.TAKE_CERTIFICATES, Picture.TAKE_RECEIPT]
        self.pictures.show_pictures([*pictures, Picture.TAKE_CHANGE] if change else pictures)
        if change:
            text += "\n" + self.tr("Your change: {a}").format(a=self.texts.yen(change))
        self.message.setText(text)
