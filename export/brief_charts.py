"""Vector charts in the brief: Kaleido's PDF of each chart laid onto the page kept for it."""

from __future__ import annotations

import io
import logging
import re
from typing import Any, Final

from pypdf import PdfReader, PdfWriter, Transformation
from reportlab.platypus import Flowable

from export.renderer import ImageRenderer, RenderError

log = logging.getLogger(__name__)

PT_PER_PX: Final = 0.75  # Chromium prints a CSS pixel as 0.75 pt
# Kaleido prints its <img> of the chart with Chromium's 0.1 in page margins, so Chromium shrinks
# the chart to the printable width: W px are drawn (W - 18) px wide. That fit is Chromium's
# layout at print time, not something Kaleido fixes; a chart drawn at another scale (smaller,
# with blank page around it) is a bad render and is drawn again.
PRINT_MARGINS_PX: Final = 18
SCALE_TOLERANCE: Final = 0.005
ATTEMPTS: Final = 3
# "a 0 0 d e f cm": a scaling transformation in a PDF content stream.
_CM = re.compile(rb"(-?[\d.]+) 0 0 (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) cm")


class ChartPdfError(RenderError):
    """Kaleido's PDF of a chart is not one page of the asked size, drawn to fill it."""


def drawn_scale(pdf: bytes) -> float | None:
    """Points per chart pixel as Chromium drew the chart (None when the PDF says nothing).

    Chromium's page stream opens with its px-to-pt transformation and then the fit of the
    content into the printable area; their product is the chart's drawn scale.
    """
    contents = PdfReader(io.BytesIO(pdf)).pages[0].get_contents()
    steps = _CM.findall(contents.get_data()[:400]) if contents is not None else []
    if len(steps) < 2:
        return None
    return abs(float(steps[0][0]) * float(steps[1][0]))


def check_chart_pdf(pdf: bytes, width_px: int, height_px: int) -> None:
    """ChartPdfError unless the PDF is one page of the asked size with the chart filling it."""
    reader = PdfReader(io.BytesIO(pdf))
    box = reader.pages[0].mediabox
    size = (float(box.width), float(box.height))
    asked = (width_px * PT_PER_PX, height_px * PT_PER_PX)
    if len(reader.pages) != 1 or any(abs(a - b) > 1 for a, b in zip(size, asked, strict=True)):
        raise ChartPdfError(
            f"chart PDF has {len(reader.pages)} page(s) of {size[0]:.0f} x {size[1]:.0f} pt, "
            f"asked one of {asked[0]:.0f} x {asked[1]:.0f} pt"
        )
    scale = drawn_scale(pdf)
    expected = PT_PER_PX * (width_px - PRINT_MARGINS_PX) / width_px
    if scale is None or abs(scale / expected - 1) > SCALE_TOLERANCE:
        raise ChartPdfError(f"chart drawn at {scale} pt/px, expected {expected:.4f}")


def render_chart_pdf(
    renderer: ImageRenderer, fig: Any, width_px: int, height_px: int, timeout: float
) -> bytes:
    """Kaleido's one-page PDF of a chart, checked (and drawn again, twice at most) so that every
    brief lays out its charts the same way."""
    for attempt in range(1, ATTEMPTS + 1):
        pdf = renderer.render(fig, "pdf", width_px, height_px, 1.0, timeout)
        try:
            check_chart_pdf(pdf, width_px, height_px)
        except ChartPdfError as err:
            log.warning("Chart PDF attempt %d of %d: %s", attempt, ATTEMPTS, err)
            if attempt == ATTEMPTS:
                raise
            continue
        return pdf
    raise AssertionError("unreachable")


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
