"""URL ⇄ filters ⇄ state store: the view state lives in the browser, never on the server."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, TypeVar

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, ctx, html

from components import ids
from components.types import Component
from data.loading import Tables
from data.schema import CAR_CODES
from data.state import GROUPS, ViewState, from_store, from_values, parse_query, to_query, to_store

P = ParamSpec("P")
R = TypeVar("R")


def with_state(func: Callable[Concatenate[ViewState, P], R]) -> Callable[..., R]:
    """Wrap a callback so it receives the store's ViewState instead of the raw store data."""

    @functools.wraps(func)
    def wrapper(data: Any, *args: P.args, **kwargs: P.kwargs) -> R:
        return func(from_store(data), *args, **kwargs)

    return wrapper


def notice_alert(notices: list[str]) -> Component | None:
    """A dismissable warning listing what was ignored (the notices say why), or nothing."""
    if not notices:
        return None
    return dbc.Alert(
        [
            html.Strong(
                "Some settings were not understood; they were ignored and the defaults used:"
            ),
            html.Ul([html.Li(n) for n in notices], className="mb-0"),
        ],
        color="warning",
        dismissable=True,
        className="small",
        id="app-notice-alert",
    )


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


def register(app: Dash, tables: Tables) -> None:
    """The one sync callback: URL, filters and store kept consistent (a circular callback)."""

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
        Output(ids.STATE_STORE, "data"),
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
        Input(ids.GROUP_BUTTONS_ALL, "n_clicks"),
        Input(ids.MAP_GRAPH, "clickData"),
        State(ids.URL, "href"),
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
        _groups,
        click,
        href,
    ):
        trigger = ctx.triggered_id
        if trigger is None or trigger == ids.URL:
            state, notices = parse_query(search)
        else:
            state, notices = from_values(
                countries, years, flow, basis, reporter, unit, scale, events, country, compare
            )
            if isinstance(trigger, dict) and trigger.get("type") == ids.GROUP_BUTTONS:
                group = GROUPS.get(str(trigger.get("group")))
                if group:
                    state = state.with_(countries=group[1])
            elif trigger == ids.COUNTRIES and len(state.countries) == 1:
                # Narrowing the filter to one country opens its profile too.
                state = state.with_(country=state.countries[0])
            elif trigger == ids.MAP_GRAPH:
                clicked = country_from_click(click)
                if clicked:
                    state = state.with_(country=clicked)
        query = to_query(state)
        base = href.split("?")[0] if isinstance(href, str) else ""
        return (
            f"?{query}" if query else "",
            list(state.countries),
            list(state.years),
            state.flow,
            state.basis,
            state.reporter,
            state.unit,
            state.scale,
            state.events,
            state.country,
            state.compare,
            to_store(state),
            notice_alert(notices),
            f"{base}?{query}" if query else base,
        )
