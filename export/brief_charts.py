"""Vector charts in the brief: Kaleido's PDF of each chart laid onto the page kept for it."""

from __future__ import annotations

import io
from typing import Any

from pypdf import PdfReader, PdfWriter, Transformation
from reportlab.platypus import Flowable


class ChartSlot(Flowable):
    """An empty box of the chart's size in the text flow; notes the page and place it got."""

    def __init__(self, width: float, height: float) -> None:
        super().__init__()
        self.width = width
        self.height = height
        self.page: int | None = None  # 1-based page number once drawn
        self.origin: tuple[float, float] = (0.0, 0.0)  # bottom-left corner on the page, in pt

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """The box's size (platypus moves it to a new page when it does not fit)."""
        return self.width, self.height

    def draw(self) -> None:
        """Draw nothing: remember where the box landed for place_charts."""
        canvas: Any = self.canv
        self.page = canvas.getPageNumber()
        x, y = canvas.absolutePosition(0, 0)
        self.origin = (float(x), float(y))


def place_charts(document: bytes, charts: list[tuple[bytes, ChartSlot]]) -> bytes:
    """The document with each chart's one-page PDF scaled into its slot: text and lines stay
    vector (a PNG at any resolution blurs when zoomed and prints coarse)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(document)))
    for pdf, slot in charts:
        if slot.page is None:
            raise RuntimeError("a chart's slot was never laid out")
        chart = PdfReader(io.BytesIO(pdf)).pages[0]
        box = chart.mediabox
        scale = min(slot.width / float(box.width), slot.height / float(box.height))
        # Chromium may print the chart on a page a little off its size: scale to the slot and
        # align its top-left corner with the slot's.
        dx = slot.origin[0] - float(box.left) * scale
        dy = slot.origin[1] + slot.height - float(box.top) * scale
        op = Transformation().scale(scale, scale).translate(dx, dy)
        writer.pages[slot.page - 1].merge_transformed_page(chart, op)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
