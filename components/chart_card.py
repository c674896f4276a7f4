"""An accessible chart card's insides: the summary lead line (the figure's description), a
Chart | Table switch of real buttons, and the chart's figures as a real HTML table."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
from dash import dcc, html

from charts.spec import ChartSpec
from components import strings as s
from components.data_table import DataTable
from components.ids import figure_store, grid, summary_id, table_id, title_id
from settings import GRAPH_CONFIG

SWITCH: str = "view-switch"  # pattern type: switch_button(chart, mode)
PANE: str = "view-pane"  # pattern type: pane(chart, mode)

DEFAULT_SORT: dict[str, Any] = {"column": 1, "ascending": True}  # a sortable table's first sort

# Columns shown as whole numbers (years, ranks, counts); the rest by their unit.
WHOLE = (s.TABLE_YEAR, s.TABLE_RANK, s.TABLE_YEARS, s.TABLE_BOTH_RECORDS)


def attrs(props: dict[str, Any]) -> dict[str, Any]:
    """aria-*/data-* props for a Dash component (hyphenated names are not keywords)."""
    return props


def switch_button(chart: Any, mode: Any) -> dict[str, Any]:
    """A Chart | Table switch button (`mode` "chart" or "table"; MATCH/ALL allowed)."""
    return {"type": SWITCH, "chart": chart, "mode": mode}


def pane(chart: Any, mode: Any) -> dict[str, Any]:
    """The chart or table pane the switch shows."""
    return {"type": PANE, "chart": chart, "mode": mode}


def graph_config(chart: str) -> dict[str, Any]:
    """The graph's config: no modebar (six tab stops per chart; images are in Download)."""
    config: dict[str, Any] = dict(GRAPH_CONFIG)
    config["displayModeBar"] = False
    config["toImageButtonOptions"] = {"format": "png", "filename": f"pak-car_{chart}", "scale": 2}
    return config


def format_cell(column: str, value: Any) -> str | None:
    """A cell's text as the table shows it; None for a gap (no figure)."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    if isinstance(value, str):
        return value
    if column in WHOLE:
        return f"{int(value)}" if column == s.TABLE_YEAR else f"{int(value):,}"
    if "(ratio)" in column or "%" in column:
        return f"{float(value):,.2f}"
    return f"{float(value):,.3f}"


def table_data(frame: pd.DataFrame, sort: dict[str, Any] | None = None) -> dict[str, Any]:
    """A DataTable's columns, rows (cell texts, None for a gap) and numeric columns for a frame,
    sorted by `sort` ({column, ascending}) if given."""
    columns = [str(c) for c in frame.columns]
    if sort is not None and columns:
        key = columns[min(int(sort.get("column", 0)), len(columns) - 1)]
        ascending = bool(sort.get("ascending", True))
        frame = frame.sort_values(key, ascending=ascending, na_position="last", kind="stable")
    rows = [
        [format_cell(col, value) for col, value in zip(columns, record, strict=True)]
        for record in frame.itertuples(index=False)
    ]
    numeric = [
        any(v is not None and not isinstance(v, str) for v in frame[col].dropna().tolist())
        for col in frame.columns
    ]
    return {"columns": columns, "rows": rows, "numeric": numeric}


TABLE_CLASS = "table table-sm table-striped small mb-0 chart-table"


def data_table(
    chart: str,
    frame: pd.DataFrame,
    caption: str,
    *,
    sort: dict[str, Any] | None = None,
) -> DataTable:
    """The frame as a table (components/data_table.py): `th scope=col` headers (units in
    them), the first column as row headers, gaps as cells marked "no figure"; with `sort`, header
    sort buttons and aria-sort, and the ID `ids.grid(chart)` whose `sort` a click sets."""
    extra: dict[str, Any] = {"id": grid(chart), "sort_label": s.SORT_BY} if sort else {}
    return DataTable(
        **table_data(frame, sort),
        caption=caption,
        gap_text=s.NO_FIGURE,
        sort=sort,
        className=TABLE_CLASS,
        **extra,
    )


def view_switch(chart: str, title: str = "") -> html.Div:
    """Chart | Table: two real buttons, the pressed one showing its pane; the group is named
    after the chart's title ("Show as: Trade over time"), not its code."""

    def button(mode: str, label: str, pressed: bool) -> html.Button:
        return html.Button(
            label,
            id=switch_button(chart, mode),
            type="button",
            className="btn btn-sm btn-outline-secondary view-switch-button",
            n_clicks=0,
            **attrs({"aria-pressed": "true" if pressed else "false"}),
        )

    return html.Div(
        [button("chart", s.VIEW_CHART, True), button("table", s.VIEW_TABLE, False)],
        role="group",
        className="btn-group view-switch mb-2",
        **attrs({"aria-label": f"{s.VIEW_SWITCH_LABEL}: {title or chart}"}),
    )


def _caption(spec: ChartSpec) -> str:
    return s.TABLE_CAPTION.format(title=spec.title)


def table_region(spec: ChartSpec, table: Any = None) -> html.Div:
    """The table's scrolling box: a named region the keyboard can scroll (a tab stop)."""
    return html.Div(
        table,
        id=table_id(spec.name),
        className="table-responsive chart-table-wrap",
        role="region",
        tabIndex="0",
        **attrs({"aria-label": _caption(spec)}),
    )


PLACEHOLDER_FIGURE: dict[str, Any] = {
    # What a graph shows until its view's figure arrives: no axes (Plotly's default −1…6 axes
    # read as an empty chart), a quiet "Loading…" at the card's size (the CSS min-height).
    "data": [],
    "layout": {
        "xaxis": {"visible": False},
        "yaxis": {"visible": False},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "annotations": [
            {
                "text": s.LOADING,
                "showarrow": False,
                "xref": "paper",
                "yref": "paper",
                "x": 0.5,
                "y": 0.5,
                "font": {"color": "#6b7280", "size": 14},
            }
        ],
    },
}


def chart_figure(spec: ChartSpec) -> html.Figure:
    """The card body's figure: summary lead line, switch, graph pane and table pane."""
    chart = spec.name
    if spec.page == "grid":  # the table is the chart (the ranking)
        return html.Figure(
            [
                html.Figcaption(id=summary_id(chart), className="chart-summary"),
                # Always in the page (its `sort` is an input of the Overview's callback); the
                # callback fills its rows.
                table_region(
                    spec, data_table(chart, pd.DataFrame(), _caption(spec), sort=DEFAULT_SORT)
                ),
            ],
            className="chart-figure mb-0",
            **attrs({"aria-labelledby": title_id(chart)}),
        )
    config: Any = graph_config(chart)
    graph = dcc.Graph(id=spec.graph_id, config=config, className="chart", figure=PLACEHOLDER_FIGURE)
    # The server fills the figure store; assets/lazy.js hands its figure to the graph once the
    # pane is near the viewport (a chart nobody sees is not drawn). In the Loading wrapper, so
    # the spinner still shows while the server builds a slow view.
    store = dcc.Store(id=figure_store(chart))
    return html.Figure(
        [
            html.Figcaption(id=summary_id(chart), className="chart-summary"),
            view_switch(chart, spec.title),
            html.Div(
                dcc.Loading([graph, store], type="dot", delay_show=400),
                id=pane(chart, "chart"),
                className="lazy-chart",
                **attrs({"data-chart": chart}),
            ),
            html.Div(table_region(spec), id=pane(chart, "table"), hidden=True),
        ],
        className="chart-figure mb-0",
        **attrs({"aria-labelledby": title_id(chart)}),
    )
