"""GET /download/<chart>.<png|svg|pdf>?<view state> and /download/brief.pdf: server-side images."""

from __future__ import annotations

import logging
from typing import Final

import plotly.graph_objects as go
from flask import Flask, Response, request

from charts.registry import CHARTS, build_chart
from charts.spec import ChartRequestError
from data.coverage import trade_coverage
from data.loading import Tables
from data.schema import CAR_CODES
from data.state import file_stem
from export.brief import brief_pdf
from export.data_routes import permalink_for, plain
from export.decorate import export_figure, retrieved_line
from export.params import ImageRequest, parse_download_query, parse_image_query
from export.renderer import (
    FORMATS,
    ImageRenderer,
    NoBrowser,
    RenderError,
    RenderTimeout,
    default_renderer,
)

log = logging.getLogger(__name__)

MIME: Final = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
RENDER_TIMEOUT: Final = 20.0

__all__ = [
    "ImageRequest",
    "export_figure",
    "parse_image_query",
    "register_image_routes",
    "retrieved_line",
]


def render_answer(
    renderer: ImageRenderer,
    fig: go.Figure,
    fmt: str,
    width: int,
    height: int,
    scale: float,
    filename: str,
) -> Response:
    """Render and wrap as a download; 503 with a plain message when the renderer fails."""
    try:
        body = renderer.render(fig, fmt, width, height, scale, timeout=RENDER_TIMEOUT)
    except NoBrowser as err:
        return plain(str(err), 503)
    except RenderTimeout as err:
        return plain(f"Image export timed out: {err}. Please try again.", 503)
    except RenderError as err:
        return plain(f"Image export is unavailable: {err}.", 503)
    response = Response(body, mimetype=MIME[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def register_image_routes(
    server: Flask, tables: Tables, renderer: ImageRenderer | None = None
) -> None:
    """Attach the chart image and country brief endpoints to the Flask server."""
    coverage = trade_coverage(tables)  # years default as on the page

    def get_renderer() -> ImageRenderer:
        return renderer if renderer is not None else default_renderer()

    @server.get("/download/brief.pdf")
    def download_brief() -> Response:
        query = request.query_string.decode("utf-8", "replace")
        state, error = parse_download_query(query, coverage)
        if error or state is None:
            return plain(error or "Invalid parameters.", 400)
        if state.country is None:
            return plain(f"Missing country: add country=<{'|'.join(CAR_CODES)}>.", 400)
        try:
            body = brief_pdf(tables, state, get_renderer(), permalink_for(state))
        except NoBrowser as err:
            return plain(str(err), 503)
        except RenderTimeout as err:
            return plain(f"Brief export timed out: {err}. Please try again.", 503)
        except RenderError as err:
            return plain(f"Brief export is unavailable: {err}.", 503)
        response = Response(body, mimetype=MIME["pdf"])
        name = f"pak-car_brief_{state.country}_{state.years[0]}-{state.years[1]}.pdf"
        response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    @server.get("/download/<chart>.<fmt>")
    def download_image(chart: str, fmt: str) -> Response:
        if chart not in CHARTS:
            names = ", ".join(CHARTS)
            return plain(f"Unknown chart '{chart}': use one of {names}.", 404)
        if fmt not in FORMATS:
            return plain(f"Unknown image format '{fmt}': use png, svg or pdf.", 404)
        try:
            ask = parse_image_query(request.query_string.decode("utf-8", "replace"), coverage)
        except ValueError as err:
            return plain(str(err), 400)
        try:
            result = build_chart(tables, ask.state, chart)
        except ChartRequestError as err:
            return plain(f"Cannot draw the {chart} chart for this view: {err}", 400)
        try:
            fig, height = export_figure(
                result,
                subtitle=result.subtitle,
                permalink=permalink_for(ask.state),
                width=ask.width,
                height=ask.height,
            )
        except ValueError as err:
            return plain(str(err), 400)
        filename = f"{file_stem(ask.state, chart)}.{fmt}"
        return render_answer(get_renderer(), fig, fmt, ask.width, height, ask.scale, filename)
