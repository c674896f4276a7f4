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

from charts.context import events_notice
from charts.registry import CHARTS, build_chart, page_charts
from components import chart_card as card
from components import ids, strings
from components.types import Component
from data import queries
from data.coverage import trade_coverage
from data.loading import Tables
from data.state import (
    ViewState,
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
GRAPH_PROPS = ("figure", "caption", "summary", "table")
TABLE_PROPS = ("columns", "rows", "numeric", "caption", "summary")


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
                Output(ids.figure_store(spec.name), "data"),
                Output(spec.caption_id, "children"),
                Output(ids.summary_id(spec.name), "children"),
                Output(ids.table_id(spec.name), "children"),
            ]
        for spec in self.grids:  # its DataTable is in the page: only its data is sent
            out += [
                Output(ids.grid(spec.name), "columns"),
                Output(ids.grid(spec.name), "rows"),
                Output(ids.grid(spec.name), "numeric"),
                Output(ids.caption(spec.name), "children"),
                Output(ids.summary_id(spec.name), "children"),
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

        def text(part: str, value: str) -> Any:
            # A caption or summary goes only if it changed: most captions do not on a year
            # change, and every text the renderer applies costs it a pass over the page.
            new[part] = _digest(value)
            return value if shown.get(part) != new[part] else no_update

        for spec in self.graphs:
            name = spec.name
            built = self.cached(name, key)
            values: list[Any] = [no_update] * len(GRAPH_PROPS)
            new[name] = built.digest
            if shown.get(name) != built.digest:
                values[0] = {"chart": name, "digest": built.digest, "figure": built.figure}
            values[1] = text(f"caption:{name}", built.caption)
            values[2] = text(f"summary:{name}", built.summary)
            table_key = f"table:{name}"
            if name in open_tables:
                new[table_key] = built.digest
                if shown.get(table_key) != built.digest:
                    values[3] = self.table(name, key)
            elif table_key in shown and shown[table_key] != built.digest:
                values[3] = None  # hidden and out of date: emptied, filled when opened
            elif table_key in shown:
                new[table_key] = built.digest
            cards[name] = values
        for spec in self.grids:
            sort = sorts.get(spec.name) or dict(card.DEFAULT_SORT)
            built = self.cached(spec.name, key)
            fingerprint = f"{built.digest}:{sort['column']}:{sort['ascending']}"
            new[spec.name] = fingerprint
            texts = [text(f"caption:{spec.name}", built.caption)]
            texts.append(text(f"summary:{spec.name}", built.summary))
            if shown.get(spec.name) == fingerprint:
                cards[spec.name] = [no_update] * 3 + texts
                continue
            data = card.table_data(built.frame, sort)
            cards[spec.name] = [*(data[k] for k in TABLE_PROPS[:3]), *texts]
        notices = self.notices(state)
        new["notices"] = _digest(to_json_plotly(notices))
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
            # (A card's graph has no modebar: its images are in the Download menu, named after
            # the filters by the download routes.)
            figure, caption, summary, _table = cards[spec.name]
            fill(ids.figure_store(spec.name), "data", figure)
            fill(spec.caption_id, "children", caption)
            fill(ids.summary_id(spec.name), "children", summary)
        for spec in self.grids:
            for prop, value in zip(TABLE_PROPS[:3], cards[spec.name], strict=False):
                fill(ids.grid(spec.name), prop, value)
            fill(ids.caption(spec.name), "children", cards[spec.name][3])
            fill(ids.summary_id(spec.name), "children", cards[spec.name][4])
        fill(ids.CHART_NOTICES, "children", notices)
        fill(ids.OVERVIEW_DRAWN, "data", new)
        # The top card is in sight on every screen: its graph comes drawn with the page. The
        # others are drawn by assets/lazy.js once they are near the viewport.
        top = self.graphs[0].name
        fill(self.graphs[0].graph_id, "figure", cards[top][0]["figure"])
        fill(ids.GRAPHS_SHOWN, "data", {top: cards[top][0]["digest"]})

    def register(self, app: Dash) -> None:
        """The Overview's one server callback: its store, the table sort clicks, the Table
        switches (a table pane opened is filled)."""
        # A sortable table's header click sets its `sort` (assets/data_table.js).
        grid_inputs = [Input(ids.grid(s.name), "sort") for s in self.grids]

        @app.callback(
            *self.outputs(),
            Input(OVERVIEW_STORE, "data"),
            *grid_inputs,
            Input(card.switch_button(ALL, "table"), "n_clicks"),
            State(card.pane(ALL, "table"), "hidden"),
            State(ids.OVERVIEW_DRAWN, "data"),
            prevent_initial_call=True,  # the sync callback fills the store while the view is open
        )
        def update_overview(data: Any, *args: Any) -> tuple:
            if data is None:
                raise PreventUpdate
            sorts = {spec.name: valid_sort(args[i]) for i, spec in enumerate(self.grids)}
            drawn, trigger = args[-1], ctx.triggered_id
            return self.flat(from_store(data), sorts, drawn, open_tables(trigger, ctx.states_list))


def _digest(text: str) -> str:
    """A short digest of a text the page shows (compared with the drawn store's)."""
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


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


def register(app: Dash, tables: Tables) -> Overview:
    """The Overview's cards follow the state, their graphs drawn once in view; returns the
    Overview (its `prefill` fills the page layout)."""
    overview = Overview(app, tables)
    overview.register(app)

    # A graph card's figure goes from its store to its graph once the card is near the viewport
    # (assets/lazy.js keeps CARDS_IN_VIEW): a change redraws only the charts in sight, and a
    # card scrolled to later draws the latest figure its store holds (no server round trip).
    app.clientside_callback(
        ClientsideFunction(namespace="lazy", function_name="drawInView"),
        Output(ids.GRAPHS_SHOWN, "data"),
        *(Output(spec.graph_id, "figure") for spec in overview.graphs),
        Input(ids.CARDS_IN_VIEW, "data"),
        *(Input(ids.figure_store(spec.name), "data") for spec in overview.graphs),
        State(ids.GRAPHS_SHOWN, "data"),
        prevent_initial_call=True,
    )

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

    return overview


def valid_sort(sort: Any) -> dict[str, Any]:
    """A sortable table's `sort` as the page sends it ({column, ascending}: a header click sets
    it, assets/data_table.js), or the default sort for anything else."""
    valid = (
        isinstance(sort, dict)
        and isinstance(sort.get("column"), int)
        and not isinstance(sort.get("column"), bool)
        and sort["column"] >= 0
        and isinstance(sort.get("ascending"), bool)
    )
    return (
        {"column": sort["column"], "ascending": sort["ascending"]}
        if valid
        else dict(card.DEFAULT_SORT)
    )
