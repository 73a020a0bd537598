"""The confirm screen: one row per item (type, options, copies, fee, its own remove button of
normal size), the total below."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from kiosk_app.accessibility import min_touch_px
from kiosk_app.screens.texts import Texts
from kiosk_app.session.issuance import IssuanceFlow
from kiosk_app.session.steps import Step
from tests.kiosk_app.gui.test_issuance import sign_in
from tests.support.card_holders import CardHolder
from tests.support.gui import KioskUnderTest

CELLS = ("type", "options", "copies", "fee")


def order(kiosk: KioskUnderTest, certificate: str, copies: int) -> None:
    kiosk.tap(f"menu_{certificate}")
    kiosk.qtbot.waitUntil(lambda: kiosk.step in (Step.OPTIONS, Step.COPIES))
    if kiosk.step is Step.OPTIONS:
        kiosk.tap("optionsNextButton")
    kiosk.wait_step(Step.COPIES)
    for _ in range(copies - 1):
        kiosk.tap("copiesPlus")
    kiosk.tap("copiesNextButton")
    kiosk.wait_step(Step.CONFIRM)


def cell(screen: QWidget, index: int, name: str) -> QLabel:
    found = [
        w for w in screen.findChildren(QLabel, f"line_{index}_{name}") if w.isVisibleTo(screen)
    ]
    assert len(found) == 1, (index, name)
    return found[0]


def middle_y(widget: QWidget, screen: QWidget) -> int:
    return widget.mapTo(screen, widget.rect().center()).y()


def test_each_item_is_a_row_with_its_own_remove_button(
    qapp: QApplication, kiosk: KioskUnderTest, resident: CardHolder
) -> None:
    texts = Texts()
    sign_in(kiosk, resident)
    order(kiosk, "juminhyo", copies=2)
    kiosk.tap("addMoreButton")
    kiosk.wait_step(Step.MENU)
    other = next(
        name
        for name in ("fuhyo", "koseki_kojin", "koseki_zenbu", "inkan")
        if kiosk.screen().findChild(QPushButton, f"menu_{name}").isEnabled()  # type: ignore[union-attr]
    )
    order(kiosk, other, copies=1)
    qapp.processEvents()
    screen = kiosk.screen()
    flow = kiosk.window.kiosk.flow
    assert isinstance(flow, IssuanceFlow)
    basket = flow.data.basket
    assert len(basket) == 2
    rows = []
    for index, line in enumerate(basket):
        remove = kiosk.button(f"removeLine_{index}")
        assert cell(screen, index, "type").text() == texts.certificate(line.certificate_type)
        assert cell(screen, index, "copies").text().startswith(str(line.copies))
        assert cell(screen, index, "fee").text() == texts.yen(line.amount_yen)
        if index == 0:
            assert cell(screen, index, "options").text()  # a 住民票 always has its scope
        # The type sits on the row's line; copies, fee and the button are level with each other.
        level = middle_y(remove, screen)
        for name in ("copies", "fee"):
            assert abs(middle_y(cell(screen, index, name), screen) - level) <= 4
        # A button of normal size: a touch target, not half the screen.
        assert min_touch_px(screen.screen()) <= remove.height() <= 2 * min_touch_px(screen.screen())
        assert remove.width() < screen.width() // 4
        # The item's texts have the width they need (nothing squeezed beside the button).
        for name in CELLS if index == 0 else ("type", "copies", "fee"):
            label = cell(screen, index, name)
            assert label.width() >= label.fontMetrics().horizontalAdvance(label.text()), name
        rows.append(level)
    assert rows[0] < rows[1]
    total = screen.findChild(QLabel, "totalLabel")
    assert total is not None
    assert middle_y(total, screen) > rows[1]
    assert total.text().endswith(texts.yen(flow.total_yen))
    kiosk.tap("removeLine_0")
    kiosk.wait_step(Step.CONFIRM)
    qapp.processEvents()
    assert len(basket) == 1
    assert cell(screen, 0, "copies").text().startswith("1")
    assert not [b for b in screen.findChildren(QPushButton, "removeLine_1") if b.isVisible()]
    kiosk.tap("cancelButton")
    kiosk.wait_step(Step.NOTICE)
