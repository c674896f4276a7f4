"""GET /download/<chart>.<png|svg|pdf>?<view state> and /download/brief.pdf: server-side images."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final
from urllib.parse import parse_qsl, urlencode

import plotly.graph_objects as go
from flask import Flask, Response, request

from data.loading import Tables
from data.schema import CAR_CODES
from data.state import ViewState, file_stem, parse_query
from export.data_routes import permalink_for, plain
from export.renderer import (
    FORMATS,
    ImageRenderer,
    NoBrowser,
    RenderError,
    RenderTimeout,
    default_renderer,
)
from figures.registry import CHARTS, ChartRequestError, ChartResult, build_chart
from figures.theme import decorate_for_export, export_bands, is_table, natural_plot_height

log = logging.getLogger(__name__)

MIME: Final = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
DEFAULT_WIDTH: Final = 1400
WIDTH_BOUNDS: Final = (600, 3000)
HEIGHT_BOUNDS: Final = (300, 3000)
SCALE_BOUNDS: Final = (1.0, 4.0)
RENDER_TIMEOUT: Final = 20.0
# An asked-for height must leave the plot this share of its on-screen height (and this floor).
MIN_PLOT_SHARE: Final = 0.45
MIN_PLOT_FLOOR: Final = 150


@dataclass(frozen=True)
class ImageRequest:
    """A parsed image request: the view, and the size asked for (None: the chart's default)."""

    state: ViewState
    width: int
    height: int | None
    scale: float


def _number(raw: str, name: str, bounds: tuple[float, float], integer: bool) -> float:
    """A bounded number from a query value; ValueError with a plain message otherwise."""
    try:
        value = int(raw) if integer else float(raw)
    except ValueError:
        raise ValueError(f"{name}={raw!r} is not a number.") from None
    low, high = bounds
    if not low <= value <= high:
        raise ValueError(f"{name}={raw!r} is out of bounds: use {low:g}–{high:g}.")
    return value


def _is_number(raw: str) -> bool:
    try:
        float(raw)
    except ValueError:
        return False
    return True


def parse_image_query(query: str) -> ImageRequest:
    """View state plus width/height/scale from a query string; ValueError says what is wrong.

    `scale` is also the view's axis scale (linear|log): a numeric `scale` is the image scale
    factor, as is `scale_factor`.
    """
    pairs = parse_qsl(query.lstrip("?"), keep_blank_values=True)
    size: dict[str, str | None] = {"width": None, "height": None, "scale": None}
    rest = []
    for key, value in pairs:
        if key in ("width", "height"):
            size[key] = value.strip()
        elif key == "scale_factor" or (key == "scale" and _is_number(value)):
            size["scale"] = value.strip()
        else:
            rest.append((key, value))
    state, notices = parse_query(urlencode(rest))
    problems = list(notices)
    values: dict[str, float | None] = {}
    for key, bounds, integer in (
        ("width", WIDTH_BOUNDS, True),
        ("height", HEIGHT_BOUNDS, True),
        ("scale", SCALE_BOUNDS, False),
    ):
        raw = size[key]
        try:
            values[key] = None if raw is None else _number(raw, key, bounds, integer)
        except ValueError as err:
            problems.append(str(err))
    if problems:
        raise ValueError("Invalid parameters: " + " ".join(problems))
    height = values["height"]
    return ImageRequest(
        state=state,
        width=int(values["width"] or DEFAULT_WIDTH),
        height=int(height) if height is not None else None,
        scale=float(values["scale"] or 1.0),
    )


def retrieved_line(permalink: str, when: datetime | None = None) -> str:
    """'Retrieved from <permalink> on 2026-11-24.'"""
    day = (when or datetime.now(UTC)).date().isoformat()
    return f"Retrieved from {permalink} on {day}."


def export_figure(
    result: ChartResult, *, subtitle: str, permalink: str, width: int, height: int | None
) -> tuple[go.Figure, int]:
    """The chart decorated for an image (title, subtitle, footer) and its height in px.

    ValueError when the width is under the chart's minimum or an asked-for height leaves the
    plot too little room to be read.
    """
    if width < result.min_width:
        raise ValueError(
            f"width={width} is too narrow for this chart: use at least {result.min_width} px."
        )
    footer = f"{result.caption} {retrieved_line(permalink)}"
    bands = export_bands(
        result.figure, title=result.title, subtitle=subtitle, footer=footer, width=width
    )
    if height is None and result.plot_aspect is not None:
        # A map keeps its shape: a wider image gets a taller plot instead of empty sides.
        plot = int(result.plot_aspect * (width - bands.left - bands.right))
        height = min(HEIGHT_BOUNDS[1], plot + bands.top + bands.bottom)
    elif height is not None:
        natural = natural_plot_height(result.figure)
        table = is_table(result.figure)
        least = natural if table else max(MIN_PLOT_FLOOR, int(MIN_PLOT_SHARE * natural))
        if bands.plot_height(height) < least:
            need = least + bands.top + bands.bottom
            raise ValueError(
                f"height={height} leaves {max(0, bands.plot_height(height))} px for the chart "
                f"after its title, legend and source lines: this chart needs at least {need} px "
                f"at width {width} (or leave height out for its own)."
            )
    fig = decorate_for_export(
        result.figure,
        title=result.title,
        subtitle=subtitle,
        footer=footer,
        width=width,
        height=height,
        bands=bands,
    )
    if height is None:
        # The chart's own default height, kept inside the bounds a caller could ask for.
        height = int(min(HEIGHT_BOUNDS[1], max(HEIGHT_BOUNDS[0], fig.layout.height)))
        fig.update_layout(height=height)
    return fig, height


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
    from export.brief import brief_pdf  # the brief needs reportlab: load it with the routes

    def get_renderer() -> ImageRenderer:
        return renderer if renderer is not None else default_renderer()

    @server.get("/download/brief.pdf")
    def download_brief() -> Response:
        query = request.query_string.decode("utf-8", "replace")
        state, notices = parse_query(query)
        if notices:
            return plain("Invalid parameters: " + " ".join(notices), 400)
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
            ask = parse_image_query(request.query_string.decode("utf-8", "replace"))
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
