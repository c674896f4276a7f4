"""The brief's chart PDFs: each one page of the asked size with the chart drawn to fill it."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject

from charts.registry import brief_charts
from data.loading import Tables
from data.state import DEFAULT_STATE
from export import brief
from export.brief_charts import (
    PRINT_MARGINS_PX,
    PT_PER_PX,
    ChartPdfError,
    check_chart_pdf,
    drawn_scale,
    render_chart_pdf,
)
from export.decorate import export_figure


def _chromium_like_pdf(width_px: int, height_px: int, scale: float) -> bytes:
    """One page as Chromium prints Kaleido's chart: px-to-pt transform, then the content's fit."""
    writer = PdfWriter()
    page = writer.add_blank_page(width_px * PT_PER_PX, height_px * PT_PER_PX)
    fit = scale / 0.24
    stream = DecodedStreamObject()
    stream.set_data(
        f".24 0 0 -.24 0 {height_px * PT_PER_PX} cm\nq\n{fit:.6f} 0 0 {fit:.6f} 28.125 28.125 cm\n"
        "0 0 999 651 re\nf\nQ\n".encode()
    )
    page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


FILLED = PT_PER_PX * (1000 - PRINT_MARGINS_PX) / 1000


def test_a_chart_pdf_drawn_to_fill_its_page_passes() -> None:
    pdf = _chromium_like_pdf(1000, 658, FILLED)
    assert drawn_scale(pdf) == pytest.approx(FILLED, rel=1e-4)
    check_chart_pdf(pdf, 1000, 658)


@pytest.mark.parametrize(
    ("size", "scale", "says"),
    [
        ((1000, 658), FILLED / 2, "drawn at"),  # the half-size chart on a full page
        ((1000, 1316), FILLED, "asked one of"),  # a page of another size
        ((2000, 658), FILLED, "asked one of"),
    ],
)
def test_a_chart_pdf_off_its_size_is_refused(
    size: tuple[int, int], scale: float, says: str
) -> None:
    with pytest.raises(ChartPdfError, match=says):
        check_chart_pdf(_chromium_like_pdf(*size, scale), 1000, 658)


class _Renderer:
    """Hands out the given PDFs in turn (a renderer whose first answers are bad)."""

    def __init__(self, *pdfs: bytes) -> None:
        self.pdfs = list(pdfs)
        self.calls = 0

    def render(self, fig: Any, fmt: str, *args: Any) -> bytes:
        self.calls += 1
        return self.pdfs.pop(0)


def test_a_bad_chart_render_is_drawn_again() -> None:
    good, bad = _chromium_like_pdf(1000, 658, FILLED), _chromium_like_pdf(1000, 658, FILLED / 2)
    renderer = _Renderer(bad, good)
    assert render_chart_pdf(renderer, {}, 1000, 658, 5.0) == good  # type: ignore[arg-type]
    assert renderer.calls == 2
    always_bad = _Renderer(bad, bad, bad)
    with pytest.raises(ChartPdfError):
        render_chart_pdf(always_bad, {}, 1000, 658, 5.0)  # type: ignore[arg-type]
    assert always_bad.calls == 3


@pytest.mark.render
def test_every_brief_chart_renders_the_same_way_every_time(tables: Tables) -> None:
    from export.renderer import ImageRenderer

    renderer = ImageRenderer()
    view = DEFAULT_STATE.with_(countries=("KAZ",), country="KAZ")
    height = int(brief.CHART_WIDTH_PX * (brief.PAGE[1] - 2 * brief.MARGIN - 12) / brief.FRAME_WIDTH)
    try:
        for _ in range(3):
            # A larger PDF between briefs (a chart downloaded from the page meanwhile).
            renderer.render({"data": [], "layout": {}}, "pdf", 2400, 1800, 1.0, 20)
            for spec in brief_charts():
                result = brief.brief_chart(tables, view, spec.name)
                fig, h = export_figure(
                    result, subtitle="", permalink="x", width=brief.CHART_WIDTH_PX, height=height
                )
                pdf = renderer.render(fig, "pdf", brief.CHART_WIDTH_PX, h, 1.0, 20)
                check_chart_pdf(pdf, brief.CHART_WIDTH_PX, h)
                assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    finally:
        renderer.close()
