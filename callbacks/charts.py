"""Trade charts: one callback per chart (state store in, figure + caption out), so they run
in parallel and each stays cheap; plus the ranking table, notices and download links."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, Patch, html
from flask_caching import Cache

from callbacks.export import image_config
from callbacks.state import with_state, with_view_state
from charts.context import events_notice
from charts.registry import build_chart, page_charts
from components import ids
from components.layout import RANKING_COLUMNS, download_href
from components.types import Component
from data import queries
from data.coverage import trade_coverage
from data.loading import Tables
from data.state import ViewState, implied_view, parse_query, rule_notices, to_query

# The store the Overview's cards follow: filled only while the Overview is open.
OVERVIEW_STORE = ids.view_store("overview")


def chart_outputs(tables: Tables, state: ViewState) -> dict[str, Any]:
    """Every graph card of the view (figure, caption) plus the ranking rows and notices."""
    out: dict[str, Any] = {}
    for spec in page_charts("graph"):
        result = spec.build(tables, state)
        out[spec.name] = (result.figure, result.caption)
    ranking = queries.ranking_view(tables, state)
    out["ranking"] = (ranking.data.to_dict("records"), ranking.caption)
    out["notices"] = view_notices(tables, state)
    return out


def view_notices(tables: Tables, state: ViewState) -> list[str]:
    """Notes about how the current filters are applied (shown above the charts)."""
    events = events_notice(tables, state)
    return [events, *rule_notices(state)] if events else rule_notices(state)


def cache_key(state: ViewState) -> str:
    """The canonical query of what a chart draws (the open view is no part of it)."""
    return to_query(state.with_(view=implied_view(state.country)))


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
        Input(OVERVIEW_STORE, "data"),
        prevent_initial_call=True,  # the sync callback fills the store while the view is open
    )
    @with_view_state
    def update_chart(state: ViewState) -> tuple[dict, str, Patch]:
        figure, caption = cached(name, cache_key(state))
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
    for spec in page_charts("graph"):
        _register_chart(app, cached, spec.name, spec.graph_id, spec.caption_id)

    @app.callback(
        Output(ids.RANKING_GRID, "rowData"),
        Output(ids.RANKING_GRID, "columnDefs"),
        Output(ids.RANKING_CAPTION, "children"),
        Input(OVERVIEW_STORE, "data"),
        prevent_initial_call=True,  # the sync callback fills the store while the view is open
    )
    @with_view_state
    def update_ranking(state: ViewState) -> tuple[list[dict], list[dict], str]:
        view = queries.ranking_view(tables, state)
        return view.data.to_dict("records"), ranking_columns(state), view.caption

    coverage = trade_coverage(tables)

    @app.callback(
        Output(ids.CHART_NOTICES, "children"),
        Input(OVERVIEW_STORE, "data"),
        prevent_initial_call=True,
    )
    @with_view_state
    def update_notices(state: ViewState) -> Component | None:
        # Where newer figures exist than the view shows comes first: the default range ends
        # at the chosen series' last year, and other series may run further.
        newer = coverage.newer_notice(state)
        notices = [newer, *view_notices(tables, state)] if newer else view_notices(tables, state)
        if not notices:
            return None
        return dbc.Alert([html.Div(n) for n in notices], color="info", className="small py-2")

    @app.callback(
        Output(ids.DOWNLOAD_LINKS_ALL, "href"),
        Output(ids.DOWNLOAD_CSV, "href"),
        Output(ids.DOWNLOAD_XLSX, "href"),
        Input(ids.STATE_STORE, "data"),
        Input(ids.DOWNLOAD_LINKS_ALL, "id"),
    )
    @with_state
    def update_download_links(state: ViewState, link_ids: list[dict]) -> tuple:
        query = to_query(state)
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
