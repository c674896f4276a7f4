"""Trade charts: one callback per chart (state store in, figure + caption out), so they run
in parallel and each stays cheap; plus the ranking table, notices and download links."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import ALL, MATCH, ClientsideFunction, Dash, Input, Output, Patch, State, ctx, html
from flask_caching import Cache

from callbacks.export import image_config
from callbacks.state import with_state, with_view_state
from charts.context import events_notice
from charts.registry import CHARTS, build_chart, page_charts
from components import chart_card as card
from components import ids, strings
from components.layout import download_href
from components.types import Component
from data import queries
from data.coverage import trade_coverage
from data.loading import Tables
from data.state import ViewState, implied_view, parse_query, rule_notices, to_query

# The store the Overview's cards follow: filled only while the Overview is open.
OVERVIEW_STORE = ids.view_store("overview")


def chart_outputs(tables: Tables, state: ViewState) -> dict[str, Any]:
    """Every graph card of the view (figure, caption, summary, table) plus the ranking's table
    and summary, and the notices."""
    out: dict[str, Any] = {}
    for spec in page_charts("graph"):
        result = spec.build(tables, state)
        out[spec.name] = (
            result.figure,
            result.caption,
            *text_alternative(tables, state, spec.name),
        )
    ranking = queries.ranking_view(tables, state)
    out["ranking"] = (ranking.caption, *text_alternative(tables, state, "ranking"))
    out["notices"] = view_notices(tables, state)
    return out


def view_notices(tables: Tables, state: ViewState) -> list[str]:
    """Notes about how the current filters are applied (shown above the charts)."""
    events = events_notice(tables, state)
    return [events, *rule_notices(state)] if events else rule_notices(state)


def cache_key(state: ViewState) -> str:
    """The canonical query of what a chart draws (the open view is no part of it)."""
    return to_query(state.with_(view=implied_view(state.country)))


def text_alternative(tables: Tables, state: ViewState, name: str) -> tuple[str, pd.DataFrame]:
    """A chart's summary sentence and its table frame (the spec's `summary`, `table_rows`)."""
    spec = CHARTS[name]
    summary = spec.summary(tables, state) if spec.summary else ""
    frame = spec.table_rows(tables, state) if spec.table_rows else pd.DataFrame()
    return summary, frame


def table_caption(name: str) -> str:
    """The table's caption (read by screen readers) from the chart's title."""
    return strings.TABLE_CAPTION.format(title=CHARTS[name].title)


Built = tuple[dict, str, str, pd.DataFrame]


def _register_chart(
    app: Dash,
    cached: Callable[[str, str], Built],
    name: str,
    graph_id: str,
    caption_id: str,
) -> None:
    @app.callback(
        Output(graph_id, "figure"),
        Output(caption_id, "children"),
        Output(graph_id, "config"),
        Output(card.summary_id(name), "children"),
        Output(card.table_id(name), "children"),
        Input(OVERVIEW_STORE, "data"),
        prevent_initial_call=True,  # the sync callback fills the store while the view is open
    )
    @with_view_state
    def update_chart(state: ViewState) -> tuple[dict, str, Patch, str, Component]:
        figure, caption, summary, frame = cached(name, cache_key(state))
        table = card.data_table(name, frame, table_caption(name))
        return figure, caption, image_config(state, name), summary, table


def chart_cache(app: Dash, tables: Tables) -> Callable[[str, str], Built]:
    """Per-app memo of built charts keyed by (chart, canonical query): views repeat a lot."""
    cache = Cache(
        app.server,
        config={"CACHE_TYPE": "SimpleCache", "CACHE_DEFAULT_TIMEOUT": 0, "CACHE_THRESHOLD": 512},
    )

    @cache.memoize()
    def cached_chart(name: str, query: str) -> Built:
        state, _ = parse_query(query)
        result = build_chart(tables, state, name)
        return (
            result.figure.to_plotly_json(),
            result.caption,
            *text_alternative(tables, state, name),
        )

    return cached_chart


def register(app: Dash, tables: Tables) -> None:
    """Charts, ranking, notices and download links follow the state store."""
    cached = chart_cache(app, tables)
    for spec in page_charts("graph"):
        _register_chart(app, cached, spec.name, spec.graph_id, spec.caption_id)

    # Chart | Table: the pressed button's pane shows (in the browser: no server round trip).
    app.clientside_callback(
        ClientsideFunction(namespace="a11y", function_name="switchView"),
        Output(card.switch_button(MATCH, "chart"), "aria-pressed"),
        Output(card.switch_button(MATCH, "table"), "aria-pressed"),
        Output(card.pane(MATCH, "chart"), "hidden"),
        Output(card.pane(MATCH, "table"), "hidden"),
        Input(card.switch_button(MATCH, "chart"), "n_clicks"),
        Input(card.switch_button(MATCH, "table"), "n_clicks"),
        prevent_initial_call=True,
    )

    for spec in page_charts("grid"):
        _register_table_chart(app, tables, spec.name)

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


DEFAULT_SORT: dict[str, Any] = {"column": 1, "ascending": True}


def next_sort(sort: Any, trigger: Any) -> dict[str, Any]:
    """The table's sort after a click: a header button sorts by its column, again reverses it.

    A stored sort or a trigger that is not what the page sends falls back to the default.
    """
    valid = (
        isinstance(sort, dict)
        and isinstance(sort.get("column"), int)
        and sort["column"] >= 0
        and isinstance(sort.get("ascending"), bool)
    )
    current = dict(sort) if valid else dict(DEFAULT_SORT)
    if not (isinstance(trigger, dict) and trigger.get("type") == card.SORT):
        return current
    column = trigger.get("column")
    if not isinstance(column, int) or column < 0:
        return current
    same = current["column"] == column
    return {"column": column, "ascending": not current["ascending"] if same else True}


def _register_table_chart(app: Dash, tables: Tables, name: str) -> None:
    """A chart drawn as a sortable table (the ranking): a header button sorts by its column."""

    @app.callback(
        Output(card.table_id(name), "children"),
        Output(ids.caption(name), "children"),
        Output(card.summary_id(name), "children"),
        Output(card.sort_store(name), "data"),
        Input(OVERVIEW_STORE, "data"),
        Input(card.sort_button(name, ALL), "n_clicks"),
        State(card.sort_store(name), "data"),
        prevent_initial_call=True,  # the sync callback fills the store while the view is open
    )
    @with_view_state
    def update_table(state: ViewState, _clicks: list, sort: dict | None) -> tuple:
        sort = next_sort(sort, ctx.triggered_id)
        summary, frame = text_alternative(tables, state, name)
        caption = CHARTS[name].build(tables, state).caption
        return card.data_table(name, frame, table_caption(name), sort=sort), caption, summary, sort
