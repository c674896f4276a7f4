"""URL ⇄ filters ⇄ state store: the view state lives in the browser, never on the server."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, TypeVar

import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Dash, Input, Output, State, ctx, html, no_update
from dash.exceptions import PreventUpdate
from plotly.io.json import to_json_plotly

from components import ids, strings
from components.filters import series_options
from components.layout import views_class
from components.types import Component
from data.coverage import Coverage, trade_coverage
from data.loading import Tables
from data.schema import CAR_CODES
from data.state import (
    GROUPS,
    VIEW_CHOICES,
    ViewState,
    from_store,
    from_values,
    parse_query,
    to_query,
    to_store,
)

P = ParamSpec("P")
R = TypeVar("R")


def with_state(func: Callable[Concatenate[ViewState, P], R]) -> Callable[..., R]:
    """Wrap a callback so it receives the store's ViewState instead of the raw store data."""

    @functools.wraps(func)
    def wrapper(data: Any, *args: P.args, **kwargs: P.kwargs) -> R:
        return func(from_store(data), *args, **kwargs)

    return wrapper


def with_view_state(func: Callable[Concatenate[ViewState, P], R]) -> Callable[..., R]:
    """`with_state` for a callback that follows one view's store: an empty store (the page's
    first load, before the sync callback names the open view) builds nothing."""
    wrapped = with_state(func)

    @functools.wraps(func)
    def wrapper(data: Any, *args: P.args, **kwargs: P.kwargs) -> R:
        if data is None:
            raise PreventUpdate
        return wrapped(data, *args, **kwargs)

    return wrapper


def info_alert(notes: list[str]) -> Component:
    """A dismissable note on what the filters did for the user (e.g. a basis switched)."""
    return dbc.Alert(
        [html.Div(n) for n in notes],
        color="info",
        dismissable=True,
        className="small",
        id="app-info-alert",
    )


def notice_alert(notices: list[str], notes: list[str] | None = None) -> Component | None:
    """A dismissable warning listing what was ignored (the notices say why), or nothing.

    `notes` (what the filters changed, and why) come in an info alert of their own.
    """
    if not notices:
        return info_alert(notes) if notes else None
    warning = dbc.Alert(
        [
            html.Strong(strings.NOTICE_HEADING),
            html.Ul([html.Li(n) for n in notices], className="mb-0"),
        ],
        color="warning",
        dismissable=True,
        className="small",
        id="app-notice-alert",
    )
    return html.Div([warning, info_alert(notes)]) if notes else warning


def country_from_click(click: Any) -> str | None:
    """The CAR a map click points at (a choropleth location or a point's customdata)."""
    try:
        point = click["points"][0]
    except (TypeError, KeyError, IndexError):
        return None
    if not isinstance(point, dict):
        return None
    for key in ("location", "customdata"):
        value = point.get(key)
        if isinstance(value, list):
            value = value[0] if value else None
        if isinstance(value, str) and value in CAR_CODES:
            return value
    return None


def next_state(
    coverage: Coverage,
    trigger: Any,
    search: Any,
    values: list[Any],
    click: Any,
    previous: Any,
) -> tuple[ViewState, list[str], list[str]]:
    """The view state after a change: (state, notices of ignored values, notes of changes).

    `values` are the filter widgets' values in STORE_ORDER plus the open tab.
    """
    if trigger is None or trigger == ids.URL:
        state, notices = parse_query(search, coverage=coverage)
        return state, notices, []
    state, notices = from_values(*values)
    notes: list[str] = []
    if isinstance(trigger, dict) and trigger.get("type") == ids.GROUP_BUTTONS:
        group = GROUPS.get(str(trigger.get("group")))
        if group:
            state = state.with_(countries=group[1])
    elif trigger == ids.COUNTRIES and len(state.countries) == 1:
        # Narrowing the filter to one country readies its profile (the Countries tab).
        state = state.with_(country=state.countries[0])
    elif trigger == ids.MAP_GRAPH:
        clicked = country_from_click(click)
        if clicked:
            state = state.with_(country=clicked, view="countries")
    elif trigger in (ids.BASIS, ids.REPORTER):
        state, notes = coverage.switch(from_store(previous), state)
    return state, notices, notes


def same(value: Any, current: Any) -> Any:
    """`value`, or no_update when the page holds it already (compared as the JSON it sends)."""
    return no_update if json.loads(to_json_plotly(value)) == current else value


def shows(held: Any, state: ViewState) -> bool:
    """Whether a view's store (its JSON, as the page holds it) holds this state already."""
    return isinstance(held, dict) and from_store(held) == state


def register(app: Dash, tables: Tables) -> None:
    """The one sync callback: URL, filters, tabs and stores kept consistent (a circular one)."""
    coverage = trade_coverage(tables)

    @app.callback(
        Output(ids.URL, "search"),
        Output(ids.COUNTRIES, "value"),
        Output(ids.YEARS, "value"),
        Output(ids.FLOW, "value"),
        Output(ids.BASIS, "value"),
        Output(ids.REPORTER, "value"),
        Output(ids.UNIT, "value"),
        Output(ids.SCALE, "value"),
        Output(ids.EVENTS, "value"),
        Output(ids.PROFILE_SELECT, "value"),
        Output(ids.PROFILE_COMPARE, "value"),
        Output(ids.BASIS, "options"),
        Output(ids.REPORTER, "options"),
        Output(ids.VIEW_TABS, "value"),
        Output(ids.VIEWS, "className"),
        Output(ids.STATE_STORE, "data"),
        *(Output(ids.view_store(v), "data") for v in VIEW_CHOICES),
        Output(ids.NOTICES, "children"),
        Output(ids.PERMALINK, "children"),
        Input(ids.URL, "search"),
        Input(ids.COUNTRIES, "value"),
        Input(ids.YEARS, "value"),
        Input(ids.FLOW, "value"),
        Input(ids.BASIS, "value"),
        Input(ids.REPORTER, "value"),
        Input(ids.UNIT, "value"),
        Input(ids.SCALE, "value"),
        Input(ids.EVENTS, "value"),
        Input(ids.PROFILE_SELECT, "value"),
        Input(ids.PROFILE_COMPARE, "value"),
        Input(ids.VIEW_TABS, "value"),
        Input(ids.GROUP_BUTTONS_ALL, "n_clicks"),
        Input(ids.MAP_GRAPH, "clickData"),
        State(ids.URL, "href"),
        State(ids.STATE_STORE, "data"),
        *(State(ids.view_store(v), "data") for v in VIEW_CHOICES),
        State(ids.BASIS, "options"),
        State(ids.REPORTER, "options"),
        State(ids.VIEWS, "className"),
        State(ids.NOTICES, "children"),
        State(ids.PERMALINK, "children"),
    )
    def sync(
        search,
        countries,
        years,
        flow,
        basis,
        reporter,
        unit,
        scale,
        events,
        country,
        compare,
        view,
        _groups,
        click,
        href,
        previous,
        *held,
    ):
        values = [countries, years, flow, basis, reporter, unit, scale, events, country, compare]
        state, notices, notes = next_state(
            coverage, ctx.triggered_id, search, [*values, view], click, previous
        )
        query = to_query(state, coverage)
        base = href.split("?")[0] if isinstance(href, str) else ""
        stored = to_store(state)
        shown = held[: len(VIEW_CHOICES)]
        basis_options, reporter_options, views, held_notices, permalink = held[len(VIEW_CHOICES) :]
        # Values, stores and options the page holds already are not sent again: no re-render,
        # and no callback that follows them (the renderer runs a callback when any of its inputs
        # was answered, even with the value it had), and fewer updates for the renderer to apply.
        return (
            same(f"?{query}" if query else "", search),
            same(list(state.countries), countries),
            same(list(state.years), years),
            same(state.flow, flow),
            same(state.basis, basis),
            same(state.reporter, reporter),
            same(state.unit, unit),
            same(state.scale, scale),
            same(state.events, events),
            same(state.country, country),
            same(state.compare, compare),
            same(series_options("basis", state, coverage), basis_options),
            same(series_options("reporter", state, coverage), reporter_options),
            same(state.view, view),
            same(views_class(state.view), views),
            no_update if shows(previous, state) else stored,
            # Only the open view's store changes, and only when it does not hold this state
            # already (the page came prefilled, or nothing changed): a view's callbacks run only
            # when what it shows has to change.
            *(
                stored if v == state.view and not shows(data, state) else no_update
                for v, data in zip(VIEW_CHOICES, shown, strict=True)
            ),
            same(notice_alert(notices, notes), held_notices),
            same(f"{base}?{query}" if query else base, permalink),
        )

    # Pure UI in the browser (assets/views.js): bring the newly opened view into sight, and
    # open or close the phone's filter drawer.
    app.clientside_callback(
        ClientsideFunction(namespace="views", function_name="scrollToView"),
        Output(ids.SCROLL_SINK, "children"),
        Input(ids.VIEWS, "className"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction(namespace="views", function_name="toggleFilters"),
        Output(ids.FILTER_COL, "className"),
        Input(ids.FILTERS_TOGGLE, "n_clicks"),
        Input(ids.FILTERS_CLOSE, "n_clicks"),
        Input(ids.VIEWS, "className"),
        State(ids.FILTER_COL, "className"),
        prevent_initial_call=True,
    )
