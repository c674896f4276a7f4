"""The Overview's cards: one callback for every chart, the ranking table and the notices (one
round trip per change; a card whose content did not change is not sent, so not redrawn); plus
the download links and the Chart | Table switch."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import ALL, MATCH, ClientsideFunction, Dash, Input, Output, State, ctx, html, no_update
from dash.exceptions import PreventUpdate
from plotly.io.json import to_json_plotly

from callbacks.export import image_config
from callbacks.state import with_state
from charts.context import events_notice
from charts.registry import CHARTS, build_chart, page_charts
from components import chart_card as card
from components import ids, strings
from components.layout import download_href
from components.types import Component
from data import queries
from data.coverage import trade_coverage
from data.loading import Tables
from data.state import (
    ViewState,
    file_stem,
    from_store,
    implied_view,
    parse_query,
    rule_notices,
    to_query,
)

# The store the Overview's cards follow: filled only while the Overview is open.
OVERVIEW_STORE = ids.view_store("overview")
CACHE_SIZE = 512  # cards (chart × view); a card is some 50 kB


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


@dataclass(frozen=True)
class Card:
    """A built card: figure (plain JSON), caption, summary, table frame and a digest of it all.
    The table as shown is built on first need (`Overview.table`): most tables are never opened."""

    figure: dict[str, Any]
    caption: str
    summary: str
    frame: pd.DataFrame
    digest: str


def overview_key(state: ViewState) -> str:
    """The cache key of an Overview chart: the profile's comparison is no part of any Overview
    chart (the country is: the partners chart shows its partners), so comparing reuses every
    Overview figure."""
    return cache_key(state.with_(compare=None))


def build_card(tables: Tables, name: str, query: str) -> Card:
    """Build one card for a canonical query. The figure is kept as plain JSON: every answer
    then serialises it without numpy conversions, and its text is hashed once."""
    state, _ = parse_query(query)
    result = build_chart(tables, state, name)
    figure_json = result.figure.to_json()
    summary, frame = text_alternative(tables, state, name)
    h = hashlib.blake2b(figure_json.encode(), digest_size=12)
    h.update(f"\0{result.caption}\0{summary}\0{list(frame.columns)}\0".encode())
    h.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    return Card(json.loads(figure_json), result.caption, summary, frame, h.hexdigest())


def chart_cache(tables: Tables) -> Callable[[str, str], Card]:
    """Memo of built cards keyed by (chart, canonical query): views repeat a lot.

    An in-process LRU (no pickling on a hit, unlike a cachelib cache). Under gunicorn with
    `--preload` the app is built and warmed (`Overview.warm`) before the workers fork, so
    every worker starts with the warmed entries."""

    @lru_cache(maxsize=CACHE_SIZE)
    def cached_chart(name: str, query: str) -> Card:
        return build_card(tables, name, query)

    return cached_chart


# Per card, the outputs the Overview callback fills, in order.
GRAPH_PROPS = ("figure", "caption", "config", "summary", "table")
TABLE_PROPS = ("table", "caption", "summary", "sort")


class Overview:
    """The Overview's cards, ranking and notices as one callback (one round trip per change):
    a card whose content the page already shows (same digest in the drawn store) gets
    `no_update`, so its chart is not redrawn. The page layout is prefilled the same way."""

    def __init__(self, app: Dash, tables: Tables) -> None:
        self.tables = tables
        self.cached = chart_cache(tables)
        # A graph card's table as shown, built the first time its pane is open for a view.
        self.table = lru_cache(maxsize=CACHE_SIZE // 4)(self._table)
        self.coverage = trade_coverage(tables)
        self.graphs = page_charts("graph")
        self.grids = page_charts("grid")

    def outputs(self) -> list[Output]:
        """The callback's outputs: every graph card, every table card, notices, drawn store."""
        out: list[Output] = []
        for spec in self.graphs:
            out += [
                Output(spec.graph_id, "figure"),
                Output(spec.caption_id, "children"),
                Output(spec.graph_id, "config"),
                Output(ids.summary_id(spec.name), "children"),
                Output(ids.table_id(spec.name), "children"),
            ]
        for spec in self.grids:
            out += [
                Output(ids.table_id(spec.name), "children"),
                Output(ids.caption(spec.name), "children"),
                Output(ids.summary_id(spec.name), "children"),
                Output(ids.sort_store(spec.name), "data"),
            ]
        return [*out, Output(ids.CHART_NOTICES, "children"), Output(ids.OVERVIEW_DRAWN, "data")]

    def _table(self, name: str, key: str) -> Component:
        return card.data_table(name, self.cached(name, key).frame, table_caption(name))

    def notices(self, state: ViewState) -> Component | None:
        """Where newer figures exist than the view shows comes first: the default range ends at
        the chosen series' last year, and other series may run further."""
        newer = self.coverage.newer_notice(state)
        notices = (
            [newer, *view_notices(self.tables, state)]
            if newer
            else view_notices(self.tables, state)
        )
        if not notices:
            return None
        return dbc.Alert([html.Div(n) for n in notices], color="info", className="small py-2")

    def values(
        self, state: ViewState, sorts: dict[str, Any], drawn: Any, open_tables: set[str]
    ) -> tuple[dict[str, list], Any, dict[str, str]]:
        """Per card its output values (no_update for what the page shows already), the notices
        (or no_update) and the new drawn store.

        A graph card's table (thousands of cells for some) is sent only while its Table pane is
        open (`open_tables`); a hidden one that no longer matches is emptied, and filled when
        the reader opens it."""
        shown = drawn if isinstance(drawn, dict) else {}
        new: dict[str, str] = {}
        cards: dict[str, list] = {}
        key = overview_key(state)
        for spec in self.graphs:
            name = spec.name
            built = self.cached(name, key)
            values: list[Any] = [no_update] * len(GRAPH_PROPS)
            new[name] = built.digest
            if shown.get(name) != built.digest:
                values[:4] = [built.figure, built.caption, image_config(state, name), built.summary]
            table_key = f"table:{name}"
            if name in open_tables:
                new[table_key] = built.digest
                if shown.get(table_key) != built.digest:
                    values[4] = self.table(name, key)
            elif table_key in shown and shown[table_key] != built.digest:
                values[4] = None  # hidden and out of date: emptied, filled when opened
            elif table_key in shown:
                new[table_key] = built.digest
            cards[name] = values
        for spec in self.grids:
            sort = sorts.get(spec.name) or dict(DEFAULT_SORT)
            built = self.cached(spec.name, key)
            fingerprint = f"{built.digest}:{sort['column']}:{sort['ascending']}"
            new[spec.name] = fingerprint
            if shown.get(spec.name) == fingerprint:
                cards[spec.name] = [no_update] * len(TABLE_PROPS)
                continue
            table = card.data_table(spec.name, built.frame, table_caption(spec.name), sort=sort)
            cards[spec.name] = [table, built.caption, built.summary, sort]
        notices = self.notices(state)
        new["notices"] = hashlib.blake2b(
            to_json_plotly(notices).encode(), digest_size=12
        ).hexdigest()
        return cards, notices if shown.get("notices") != new["notices"] else no_update, new

    def flat(
        self, state: ViewState, sorts: dict[str, Any], drawn: Any, open_tables: set[str]
    ) -> tuple:
        """`values` as the callback's output tuple."""
        cards, notices, new = self.values(state, sorts, drawn, open_tables)
        out = [v for spec in (*self.graphs, *self.grids) for v in cards[spec.name]]
        return (*out, notices, new)

    def prefill(self, page: Component, state: ViewState) -> None:
        """Fill the page's Overview for `state` before it is sent: the first charts draw with no
        callback round trip, and the store the sync callback compares with says so."""
        cards, notices, new = self.values(state, {}, None, set())
        # One walk of the tree (page[id] walks it again for every ID).
        found = {
            c.id: c
            for c in page._traverse()  # Dash's own walk of a component tree
            if isinstance(getattr(c, "id", None), str)
        }

        def fill(cid: str, prop: str, value: Any) -> None:
            setattr(found[cid], prop, value)

        for spec in self.graphs:  # the tables' panes are closed: they fill when opened
            figure, caption, _config, summary, _table = cards[spec.name]
            fill(spec.graph_id, "figure", figure)
            # The modebar camera's file name follows the filters (image_config, in the page).
            config = dict(found[spec.graph_id].config)
            config["toImageButtonOptions"] = {
                **config.get("toImageButtonOptions", {}),
                "filename": file_stem(state, spec.name),
            }
            fill(spec.graph_id, "config", config)
            fill(spec.caption_id, "children", caption)
            fill(ids.summary_id(spec.name), "children", summary)
        for spec in self.grids:
            table, caption, summary, sort = cards[spec.name]
            fill(ids.table_id(spec.name), "children", table)
            fill(ids.caption(spec.name), "children", caption)
            fill(ids.summary_id(spec.name), "children", summary)
            fill(ids.sort_store(spec.name), "data", sort)
        fill(ids.CHART_NOTICES, "children", notices)
        fill(ids.OVERVIEW_DRAWN, "data", new)

    def register(self, app: Dash) -> None:
        """The Overview's one server callback: its store, the table sort clicks, the Table
        switches (a table pane opened is filled)."""
        grid_inputs = [Input(card.sort_button(s.name, ALL), "n_clicks") for s in self.grids]
        grid_states = [State(ids.sort_store(s.name), "data") for s in self.grids]

        @app.callback(
            *self.outputs(),
            Input(OVERVIEW_STORE, "data"),
            *grid_inputs,
            Input(card.switch_button(ALL, "table"), "n_clicks"),
            *grid_states,
            State(card.pane(ALL, "table"), "hidden"),
            State(ids.OVERVIEW_DRAWN, "data"),
            prevent_initial_call=True,  # the sync callback fills the store while the view is open
        )
        def update_overview(data: Any, *args: Any) -> tuple:
            if data is None:
                raise PreventUpdate
            n = len(self.grids)
            stored, drawn = args[n + 1 : 2 * n + 1], args[-1]
            trigger = ctx.triggered_id
            sorts = {
                spec.name: next_sort(stored[i], trigger if _sorts(trigger, spec.name) else None)
                for i, spec in enumerate(self.grids)
            }
            return self.flat(from_store(data), sorts, drawn, open_tables(trigger, ctx.states_list))


def open_tables(trigger: Any, states: list[Any]) -> set[str]:
    """The charts whose Table pane is open, or opening now (its switch button is the trigger:
    the pane's `hidden` the page sent is still the old one)."""
    opened: set[str] = set()
    for group in states:
        if not isinstance(group, list):
            continue
        for item in group:
            pid = item.get("id") if isinstance(item, dict) else None
            if isinstance(pid, dict) and pid.get("type") == card.PANE and not item.get("value"):
                opened.add(str(pid.get("chart")))
    if isinstance(trigger, dict) and trigger.get("type") == card.SWITCH:
        opened.add(str(trigger.get("chart")))
    return opened


def _sorts(trigger: Any, chart: str) -> bool:
    """Whether the trigger is one of this table's sort buttons."""
    return isinstance(trigger, dict) and trigger.get("chart") == chart


def register(app: Dash, tables: Tables) -> Overview:
    """The Overview's cards and the download links follow the state; returns the Overview (its
    `prefill` fills the page layout)."""
    overview = Overview(app, tables)
    overview.register(app)

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

    return overview


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
