"""Pictures of the physical actions (card, coins, paper): SVG drawn by QtSvg in the colours the
stylesheet gives, turned to where the device is (``[kiosk.layout]``), moving where motion
explains, still when "reduce motion" is on or the picture is not shown."""

from __future__ import annotations

import math
from enum import StrEnum
from functools import cache

from PySide6.QtCore import Property, QByteArray, QElapsedTimer, QRectF, QSize, QTimer
from PySide6.QtGui import QColor, QHideEvent, QPainter, QPaintEvent, QShowEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk_app.accessibility import Accessibility
from kiosk_app.config import KioskLayout, Place
from kiosk_app.paths import resources_dir

#: One animation cycle, and the frame period: 10 frames a second is enough for a slide or a
#: pulse and keeps the GUI thread free (each frame parses and draws a small SVG).
CYCLE_MS = 1600
FRAME_MS = 100


class Picture(StrEnum):
    """A physical action, named as its SVG file in ``resources/pictures``."""

    PLACE_CARD = "place_card"
    CARD_ON_READER = "card_on_reader"
    REMOVE_CARD = "remove_card"
    INSERT_COINS = "insert_coins"
    TAKE_CHANGE = "take_change"
    TAKE_CERTIFICATES = "take_certificates"
    TAKE_RECEIPT = "take_receipt"

    @property
    def moves(self) -> bool:
        """Whether motion explains it (the card kept still on the reader does not move)."""
        return self is not Picture.CARD_ON_READER

    @property
    def inward(self) -> bool:
        """Whether the object goes into the device (else it comes out of it)."""
        return self in (Picture.PLACE_CARD, Picture.INSERT_COINS)

    def place(self, layout: KioskLayout) -> Place:
        """Where this action's device is."""
        device = {
            Picture.PLACE_CARD: layout.card_reader,
            Picture.CARD_ON_READER: layout.card_reader,
            Picture.REMOVE_CARD: layout.card_reader,
            Picture.INSERT_COINS: layout.coin_slot,
            Picture.TAKE_CHANGE: layout.change_tray,
            Picture.TAKE_CERTIFICATES: layout.a4_tray,
            Picture.TAKE_RECEIPT: layout.receipt_slot,
        }
        return device[self]


@cache
def template(picture: Picture) -> str:
    """The SVG template of ``picture``."""
    path = resources_dir() / "pictures" / f"{picture.value}.svg"
    return path.read_text(encoding="utf-8")


def frame_svg(picture: Picture, ink: QColor, accent: QColor, paper: QColor, phase: float) -> bytes:
    """The SVG of one frame: ``phase`` 0–1 through the motion (0.5 is the still picture)."""
    travel = phase if picture.inward else 1 - phase
    glow = 0.55 + 0.45 * math.sin(phase * math.pi)
    return (
        template(picture)
        .format(
            ink=ink.name(),
            accent=accent.name(),
            paper=paper.name(),
            dx=f"{100 * travel:.1f}",
            glow=f"{glow:.2f}",
        )
        .encode()
    )


class PictureView(QWidget):
    """One picture, sized and coloured by the stylesheet (``PictureView { min-width … ;
    qproperty-inkColor: …; qproperty-accentColor: …; qproperty-paperColor: … }``)."""

    def __init__(self, layout: KioskLayout, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = layout
        self._picture: Picture | None = None
        self._ink, self._accent, self._paper = QColor("#1a1a1a"), QColor("#0b3d91"), QColor("white")
        self._clock = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self.update)
        self._renderer = QSvgRenderer(self)
        Accessibility.of().changed.connect(self._follow_motion)

    # Colours set by the stylesheet (qproperty-…), so that high contrast recolours the picture.
    def _get_ink(self) -> QColor:
        return self._ink

    def _set_ink(self, colour: QColor) -> None:
        self._ink = QColor(colour)
        self.update()

    def _get_accent(self) -> QColor:
        return self._accent

    def _set_accent(self, colour: QColor) -> None:
        self._accent = QColor(colour)
        self.update()

    def _get_paper(self) -> QColor:
        return self._paper

    def _set_paper(self, colour: QColor) -> None:
        self._paper = QColor(colour)
        self.update()

    inkColor = Property(QColor, _get_ink, _set_ink)  # noqa: N815 (Qt property name)
    accentColor = Property(QColor, _get_accent, _set_accent)  # noqa: N815
    paperColor = Property(QColor, _get_paper, _set_paper)  # noqa: N815

    @property
    def picture(self) -> Picture | None:
        """What is shown (None: nothing, the widget is hidden)."""
        return self._picture

    @property
    def animating(self) -> bool:
        """Whether frames are being drawn (never while hidden or with reduce motion)."""
        return self._timer.isActive()

    def show_picture(self, picture: Picture | None) -> None:
        """Show ``picture``, or hide the view."""
        if picture != self._picture:
            self._picture = picture
            self.setObjectName(f"picture_{picture.value}" if picture else "picture")
            self._clock.restart()
        self.setVisible(picture is not None)
        self._follow_motion()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(180, 180)

    def render_frame(self, painter: QPainter, phase: float) -> None:
        """Draw the current picture at ``phase`` into the widget's square, turned to its place."""
        if self._picture is None:
            return
        side = min(self.width(), self.height())
        painter.save()
        painter.translate((self.width() - side) / 2, (self.height() - side) / 2)
        place = self._picture.place(self._layout)
        if place is Place.LEFT:
            painter.translate(side, 0)
            painter.scale(-1, 1)
        elif place is Place.BELOW:
            painter.translate(side, 0)
            painter.rotate(90)
        self._renderer.load(
            QByteArray(frame_svg(self._picture, self._ink, self._accent, self._paper, phase))
        )
        self._renderer.render(painter, QRectF(0, 0, side, side))
        painter.restore()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        phase = self._clock.elapsed() % CYCLE_MS / CYCLE_MS if self.animating else 0.5
        self.render_frame(painter, phase)
        painter.end()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        self._follow_motion()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt API)
        self._timer.stop()
        super().hideEvent(event)

    def _follow_motion(self) -> None:
        moving = (
            self._picture is not None
            and self._picture.moves
            and self.isVisible()
            and not Accessibility.of().mode.reduce_motion
        )
        if moving and not self._timer.isActive():
            self._clock.restart()
            self._timer.start()
        elif not moving:
            self._timer.stop()
        self.update()


class PictureRow(QWidget):
    """Up to three pictures side by side, on the side of the screen where their devices are
    (right, left, or centred for devices below the screen)."""

    MAX = 3

    def __init__(self, layout: KioskLayout, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pictureRow")
        self._layout = layout
        self.views = [PictureView(layout) for _ in range(self.MAX)]
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.addStretch(1)
        for view in self.views:
            self._row.addWidget(view)
            view.hide()
        self._row.addStretch(1)

    def show_pictures(self, pictures: list[Picture]) -> None:
        """Show ``pictures`` (at most three), placed towards their devices."""
        for index, view in enumerate(self.views):
            view.show_picture(pictures[index] if index < len(pictures) else None)
        places = {picture.place(self._layout) for picture in pictures}
        before, after = {Place.RIGHT: (1, 0), Place.LEFT: (0, 1)}.get(
            places.pop() if len(places) == 1 else Place.BELOW, (1, 1)
        )
        self._row.setStretch(0, before)
        self._row.setStretch(self._row.count() - 1, after)
        self.setVisible(bool(pictures))
