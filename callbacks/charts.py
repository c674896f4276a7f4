"""Trade charts: one callback per chart (state store in, figure + caption out), so they run
in parallel and each stays cheap; plus the ranking table, notices and download links."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import dash_bootstrap_components as dbc
from dash import ALL, Dash, Input, Output, Patch, html
from flask_caching import Cache

from callbacks.export import image_config
from callbacks.state import state_from_store
from components import ids
from components.layout import RANKING_COLUMNS, download_href
from data import queries
from data.loading import Tables
from data.state import ViewState, parse_query, to_query
from figures.registry import build_chart, events_notice

CHART_IDS = {
    "trend": (ids.TREND_GRAPH, ids.TREND_CAPTION),
    "balance": (ids.BALANCE_GRAPH, ids.BALANCE_CAPTION),
    "share": (ids.SHARE_GRAPH, ids.SHARE_CAPTION),
    "mirror": (ids.MIRROR_GRAPH, ids.MIRROR_CAPTION),
    "carshare": (ids.CARSHARE_GRAPH, ids.CARSHARE_CAPTION),
    "partners": (ids.PARTNERS_GRAPH, ids.PARTNERS_CAPTION),
    "transit": (ids.TRANSIT_GRAPH, ids.TRANSIT_CAPTION),
}


def chart_outputs(tables: Tables, state: ViewState) -> dict[str, Any]:
    """Every trade chart of the view (figure, caption) plus the ranking rows and notices."""
    built = {name: build_chart(tables, state, name) for name in CHART_IDS}
    ranking = queries.ranking_view(tables, state)
    out: dict[str, Any] = {name: (r.figure, r.caption) for name, r in built.items()}
    out["ranking"] = (ranking.data.to_dict("records"), ranking.caption)
    out["notices"] = view_notices(tables, state)
    return out


def view_notices(tables: Tables, state: ViewState) -> list[str]:
    """Notes about how the current filters are applied (shown above the charts)."""
    notices = []
    events = events_notice(tables, state)
    if events:
        notices.append(events)
    if state.scale == "log" and state.flow == "balance":
        notices.append("A balance can be negative: the trend axis stays linear.")
    if state.flow == "balance":
        notices.append("Shares and the mirror comparison use turnover: a balance has no share.")
    if state.basis == "fiscal":
        notices.append(
            "The mirror comparison uses calendar years: partners publish no fiscal-year figures."
        )
    return notices


def _register_chart(
    app: Dash,
    cached: Callable[[str, str], tuple[dict, str]],
    name: str,
    graph_id: str,
    caption_id: str,
) -> None:
    @app.callback(
        Output(graph_id, "figure"),
        Output(caption_id, "children"),
        Output(graph_id, "config"),
        Input(ids.STATE_STORE, "data"),
    )
    def update_chart(data: dict | None) -> tuple[dict, str, Patch]:
        state = state_from_store(data)
        figure, caption = cached(name, to_query(state))
        return figure, caption, image_config(state, name)


def chart_cache(app: Dash, tables: Tables) -> Callable[[str, str], tuple[dict, str]]:
    """Per-app memo of built charts keyed by (chart, canonical query): views repeat a lot."""
    cache = Cache(
        app.server,
        config={"CACHE_TYPE": "SimpleCache", "CACHE_DEFAULT_TIMEOUT": 0, "CACHE_THRESHOLD": 512},
    )

    @cache.memoize()
    def cached_chart(name: str, query: str) -> tuple[dict, str]:
        state, _ = parse_query(query)
        result = build_chart(tables, state, name)
        return result.figure.to_plotly_json(), result.caption

    return cached_chart


def register(app: Dash, tables: Tables) -> None:
    """Charts, ranking, notices and download links follow the state store."""
    cached = chart_cache(app, tables)
    for name, (graph_id, caption_id) in CHART_IDS.items():
        _register_chart(app, cached, name, graph_id, caption_id)

    @app.callback(
        Output(ids.RANKING_GRID, "rowData"),
        Output(ids.RANKING_GRID, "columnDefs"),
        Output(ids.RANKING_CAPTION, "children"),
        Input(ids.STATE_STORE, "data"),
    )
    def update_ranking(data: dict | None) -> tuple[list[dict], list[dict], str]:
        state = state_from_store(data)
        view = queries.ranking_view(tables, state)
        return view.data.to_dict("records"), ranking_columns(state), view.caption

    @app.callback(Output(ids.CHART_NOTICES, "children"), Input(ids.STATE_STORE, "data"))
    def update_notices(data: dict | None) -> Any:
        notices = view_notices(tables, state_from_store(data))
        if not notices:
            return None
        return dbc.Alert([html.Div(n) for n in notices], color="info", className="small py-2")

    @app.callback(
        Output({"type": "download-link", "chart": ALL, "fmt": ALL}, "href"),
        Output(ids.DOWNLOAD_CSV, "href"),
        Output(ids.DOWNLOAD_XLSX, "href"),
        Input(ids.STATE_STORE, "data"),
        Input({"type": "download-link", "chart": ALL, "fmt": ALL}, "id"),
    )
    def update_download_links(data: dict | None, link_ids: list[dict]) -> tuple:
        query = to_query(state_from_store(data))
        hrefs = [download_href(i["chart"], i["fmt"], query) for i in link_ids]
        suffix = f"?{query}" if query else ""
        return hrefs, f"/download/data.csv{suffix}", f"/download/data.xlsx{suffix}"


def ranking_columns(state: ViewState) -> list[dict]:
    """Ranking column definitions with the unit and flow in the value header."""
    columns = [dict(c) for c in RANKING_COLUMNS]
    for column in columns:
        if column["field"] == "value":
            column["headerName"] = f"{state.flow.capitalize()} ({state.unit_label})"
    return columns
