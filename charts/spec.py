"""What a chart is: one spec (ids, card text, view query and figure, table rows, download rows,
brief inclusion) that the layout, callbacks, downloads, images and brief all iterate."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import pandas as pd
import plotly.graph_objects as go

from components import ids
from data.downloads import Part
from data.loading import Tables
from data.state import ViewState

# The corridor map's frame (Baku to eastern Kazakhstan, down to Karachi) is taller than wide.
MAP_PLOT_ASPECT = 0.75
MAP_MIN_WIDTH = 1000  # below it the legend, key and colour bar overlap and labels collide


class ChartRequestError(ValueError):
    """The view asks a chart for something it cannot draw (e.g. a profile with no country)."""


@dataclass(frozen=True)
class ChartResult:
    """A built chart: the figure, its caption (sources, vintage, coverage) and notices."""

    figure: go.Figure
    caption: str
    title: str
    notices: tuple[str, ...] = ()
    subtitle: str = ""  # the filters the chart shows, for an exported image
    # Plot height ÷ width an image keeps when no height is asked for (None: the on-screen height).
    plot_aspect: float | None = None
    min_width: int = 600  # narrower images of this chart would not be legible


Builder = Callable[[Tables, ViewState], ChartResult]
Rows = Callable[[Tables, ViewState], pd.DataFrame]


def no_parts(tables: Tables, state: ViewState) -> list[Part]:
    """`download_parts` of a chart whose download rows come from `download_rows`."""
    return []


@dataclass(frozen=True)
class ChartSpec:
    """One chart, declared once.

    `page` says who draws it on the page: "graph" (a standard card whose figure and caption the
    generic chart callback fills), "grid" (a table card) or "own" (a section with its own
    layout and callback, e.g. the map's Patch updates).
    """

    name: str  # URL and file name: /download/<name>.png, ?chart=<name>
    title: str  # card title
    subtitle: str  # card text under the title
    build: Builder  # view query + figure + caption + export title, from the tables and view
    download_parts: Callable[[Tables, ViewState], list[Part]]  # the figures it draws, with roles
    # Rows in the download's columns for a chart whose figures are not trade figures (the context
    # charts); when set, the download uses them instead of `download_parts`.
    download_rows: Rows | None = None
    table_rows: Rows | None = None  # the chart's numbers as a table (a table behind the chart)
    summary: Callable[[Tables, ViewState], str] | None = None  # a text summary of the chart
    page: Literal["graph", "grid", "own"] = "graph"
    position: int = 0  # order of the cards on the page
    width: Literal[12, 6] = 12  # Bootstrap columns of its card on a large screen
    in_view_data: bool = True  # part of the whole view's CSV/XLSX
    in_brief: bool = False  # drawn in the country brief PDF

    @property
    def graph_id(self) -> str:
        """The card's graph ID (a table chart's grid)."""
        return ids.grid(self.name) if self.page == "grid" else ids.graph(self.name)

    @property
    def caption_id(self) -> str:
        """The card's caption ID."""
        return ids.caption(self.name)
