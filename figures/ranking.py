"""The ranking and growth table as a figure, for image exports (the page shows it in a grid)."""

from __future__ import annotations

import math

import plotly.graph_objects as go

from components import strings
from data.queries import ChartView
from data.state import ViewState
from figures import build
from figures.build import trace
from figures.theme import GRID_COLOUR, MUTED, empty_figure

SHORT_FLOW = {
    "export": strings.RANKING_EXPORTS,
    "import": strings.RANKING_IMPORTS,
    "balance": strings.RANKING_BALANCE,
    "turnover": strings.RANKING_TURNOVER,
}
ROW_PX = 30
HEADER_PX = 44


def _number(value: object, digits: int, suffix: str = "") -> str:
    """'1,234.5' style text; an em dash where the figure is undefined or missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return f"{float(str(value)):,.{digits}f}{suffix}".replace("-", "−")


def ranking_figure(view: ChartView, state: ViewState) -> go.Figure:
    """A table: rank, country, end year, value, YoY, CAGR (period), share, years, source."""
    if view.empty_message:
        return empty_figure(view.empty_message)
    data = view.data
    digits = {"usd": 0, "thousand": 1, "million": 3}[state.unit]
    header = [
        "#",
        strings.RANKING_COUNTRY,
        strings.AXIS_YEAR,
        f"{SHORT_FLOW[state.flow]}<br>({state.unit_label})",
        strings.RANKING_YOY,
        strings.RANKING_CAGR,
        strings.RANKING_CAGR_PERIOD,
        strings.RANKING_SHARE,
        strings.RANKING_YEARS,
        strings.RANKING_SOURCE,
    ]
    cells = [
        [_number(r, 0) for r in data["rank"]],
        list(data["country"]),
        list(data["end_year"]),
        [_number(v, digits) for v in data["value"]],
        [_number(v, 1) for v in data["yoy_pct"]],
        [_number(v, 1) for v in data["cagr_pct"]],
        [p or "—" for p in data["cagr_period"]],
        [_number(v, 1) for v in data["share_pct"]],
        [str(n) for n in data["years_with_data"]],
        list(data["sources"]),
    ]
    right = ["right", "left", "left", "right", "right", "right", "left", "right", "right", "left"]
    table = trace(
        "table",
        columnwidth=[28, 100, 70, 130, 60, 60, 90, 60, 70, 200],
        header={
            "values": [f"<b>{h}</b>" for h in header],
            "align": right,
            "fill": {"color": "#F3F4F6"},
            "line": {"color": GRID_COLOUR},
            "font": {"size": 13},
            "height": HEADER_PX,
        },
        cells={
            "values": cells,
            "align": right,
            "fill": {"color": "white"},
            "line": {"color": GRID_COLOUR},
            "font": {"size": 13, "color": ["#1F2937"] * 9 + [MUTED]},
            "height": ROW_PX,
        },
    )
    layout: dict = {}
    # The template margins (90 px) plus a little room for the last row's border.
    build.base_layout(layout, y_title=None, height=HEADER_PX + ROW_PX * len(data) + 90 + 12)
    build.merge(layout, {"margin": {"l": 20, "r": 20, "t": 20, "b": 20}})
    return build.figure_of([table], layout)
