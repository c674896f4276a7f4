"""A chart decorated for an image file: title, subtitle, footer, and the size it is drawn at."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Final

import plotly.graph_objects as go

from charts.spec import ChartResult
from export.params import HEIGHT_BOUNDS
from figures.theme import decorate_for_export, export_bands, is_table, natural_plot_height

# An asked-for height must leave the plot this share of its on-screen height (and this floor).
MIN_PLOT_SHARE: Final = 0.45
MIN_PLOT_FLOOR: Final = 150


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
