"""Pictures of the physical actions: every one renders in both looks, points to where its device
is, and moves only while shown and while motion is wanted."""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk_app.accessibility import Accessibility, DisplayMode
from kiosk_app.config import KioskLayout, Place
from kiosk_app.screens.pictures import Picture, PictureView

SIZE = 200
#: The accent and ink colours of each look (kiosk.qss, high_contrast.qss).
LOOKS = {
    "standard": (DisplayMode(), 0x0B3D91, 0x1A1A1A),
    "high contrast": (DisplayMode(high_contrast=True), 0xFFFF00, 0xFFFFFF),
}


@pytest.fixture
def root(qtbot: QtBot, qapp: QApplication) -> Iterator[QWidget]:
    """A stand-in for the kiosk's root, so that the stylesheets' #kioskRoot rules apply."""
    widget = QWidget()
    widget.setObjectName("kioskRoot")
    QVBoxLayout(widget)
    qtbot.addWidget(widget)
    yield widget
    Accessibility.of(qapp).reset()


def view_in(root: QWidget, layout: KioskLayout | None = None) -> PictureView:
    view = PictureView(layout or KioskLayout())
    box = root.layout()
    assert box is not None
    box.addWidget(view)
    return view


def drawn(view: PictureView, picture: Picture, phase: float) -> Counter[int]:
    """The colours of ``picture`` drawn at ``phase`` on a transparent square."""
    view.show_picture(picture)
    view.resize(SIZE, SIZE)
    image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    view.render_frame(painter, phase)
    painter.end()
    pixels = array("I", bytes(image.constBits()))
    return Counter(p & 0xFFFFFF for p in pixels if p >> 24 == 0xFF)


def accent_centre(view: PictureView, picture: Picture, accent: int) -> tuple[float, float]:
    view.show_picture(picture)
    view.resize(SIZE, SIZE)
    image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    view.render_frame(painter, 1.0)  # the motion's end: the object at (or away from) the device
    painter.end()
    points = [
        (x, y)
        for y in range(SIZE)
        for x in range(SIZE)
        if image.pixel(x, y) & 0xFFFFFF == accent and image.pixel(x, y) >> 24 == 0xFF
    ]
    assert points
    return sum(x for x, _ in points) / len(points), sum(y for _, y in points) / len(points)


@pytest.mark.parametrize("look", LOOKS, ids=str)
@pytest.mark.parametrize("picture", list(Picture), ids=str)
def test_every_picture_renders_in_the_colours_of_both_looks(
    qapp: QApplication, root: QWidget, picture: Picture, look: str
) -> None:
    mode, accent, ink = LOOKS[look]
    Accessibility.of(qapp).set_mode(mode)
    view = view_in(root)
    root.show()
    qapp.processEvents()
    assert view.property("accentColor").rgb() & 0xFFFFFF == accent  # as the stylesheet says
    colours = drawn(view, picture, 0.5)
    assert colours[accent] >= 100, (picture, look, colours.most_common(4))
    assert colours[ink] >= 100, (picture, look, colours.most_common(4))
    other = {a for name, (_m, a, _i) in LOOKS.items() if name != look}
    assert not other & set(colours), "the other look's colour"


def test_pictures_point_to_where_the_device_is(root: QWidget) -> None:
    right = view_in(root, KioskLayout(card_reader=Place.RIGHT, a4_tray=Place.BELOW))
    left = view_in(root, KioskLayout(card_reader=Place.LEFT, a4_tray=Place.LEFT))
    accent = right.property("accentColor").rgb() & 0xFFFFFF
    x_right, _ = accent_centre(right, Picture.PLACE_CARD, accent)
    x_left, _ = accent_centre(left, Picture.PLACE_CARD, accent)
    assert x_right > SIZE * 0.6 > SIZE * 0.4 > x_left  # the card arrives at the reader
    _, y_below = accent_centre(right, Picture.TAKE_CERTIFICATES, accent)
    x_taken, _ = accent_centre(left, Picture.TAKE_CERTIFICATES, accent)
    assert y_below < SIZE * 0.5  # taken out of a tray below: it ends up above it
    assert x_taken > SIZE * 0.5  # out of a tray on the left: it ends up on the right


def test_a_picture_moves_only_while_shown_and_motion_is_wanted(
    qtbot: QtBot, qapp: QApplication, root: QWidget
) -> None:
    view = view_in(root)
    view.show_picture(Picture.PLACE_CARD)
    assert not view.animating  # not shown yet
    root.show()
    qtbot.waitExposed(root)
    assert view.animating
    first = view.grab().toImage()
    qtbot.waitUntil(lambda: view.grab().toImage() != first)  # frames move on by themselves
    Accessibility.of(qapp).set_reduce_motion(True)
    assert not view.animating
    Accessibility.of(qapp).set_reduce_motion(False)
    assert view.animating
    view.show_picture(Picture.CARD_ON_READER)  # a card kept still: a still picture
    assert not view.animating
    view.show_picture(Picture.INSERT_COINS)
    assert view.animating
    root.hide()
    assert not view.animating
