"""A small RSS-over-sessions chart of a soak, drawn with Qt (no plotting library needed)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPolygonF

from tests.proof.soak import Sample

WIDTH, HEIGHT = 640, 280
#: Margins for the axis labels: left, top, right, bottom.
LEFT, TOP, RIGHT, BOTTOM = 64, 16, 16, 40


def _axis_top(highest: float) -> float:
    """A value above ``highest`` MiB whose quarters are round, for the top of the chart."""
    step = 20.0 if highest > 50 else 4.0
    return (int(highest / step) + 1) * step


def save_rss_plot(samples: list[Sample], path: Path) -> None:
    """Save RSS (MiB, from 0) against sessions done as a line chart (``path``: a .png)."""
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    plot = QRectF(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM)
    sessions = max(s.sessions for s in samples)
    top = _axis_top(max(s.resources.rss_kib for s in samples) / 1024)

    def point(sample: Sample) -> QPointF:
        x = plot.left() + plot.width() * sample.sessions / sessions
        y = plot.bottom() - plot.height() * (sample.resources.rss_kib / 1024) / top
        return QPointF(x, y)

    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("#999999"), 1))
        for fraction in (0.0, 0.25, 0.5, 0.75, 1.0):
            y = plot.bottom() - plot.height() * fraction
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            label = QRectF(0, y - 8, LEFT - 6, 16)
            painter.drawText(label, Qt.AlignmentFlag.AlignRight, f"{top * fraction:.0f} MiB")
        for fraction in (0.0, 0.5, 1.0):
            x = plot.left() + plot.width() * fraction
            label = QRectF(x - 60, plot.bottom() + 4, 120, 16)
            painter.drawText(label, Qt.AlignmentFlag.AlignHCenter, f"{sessions * fraction:.0f}")
        painter.drawText(
            QRectF(plot.left(), HEIGHT - 18, plot.width(), 16),
            Qt.AlignmentFlag.AlignHCenter,
            "sessions (RSS of the kiosk process)",
        )
        painter.setPen(QPen(QColor("#1f5fbf"), 2))
        painter.drawPolyline(QPolygonF([point(s) for s in samples]))
    finally:
        painter.end()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(path)):
        raise OSError(f"cannot write {path}")
