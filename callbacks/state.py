"""URL ⇄ filters ⇄ state store: the view state lives in the browser, never on the server."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import dash_bootstrap_components as dbc
from dash import ALL, Dash, Input, Output, State, ctx, html

from components import ids
from data.loading import Tables
from data.schema import CAR_CODES
from data.state import (
    BASIS_CHOICES,
    DEFAULT_STATE,
    FLOW_CHOICES,
    GROUPS,
    REPORTER_CHOICES,
    SCALE_CHOICES,
    UNIT_CHOICES,
    YEAR_BOUNDS,
    ViewState,
    parse_query,
    to_query,
)


def state_to_store(state: ViewState) -> dict[str, Any]:
    """JSON-friendly dict for dcc.Store."""
    return asdict(state)


def state_from_store(data: Any) -> ViewState:
    """Rebuild a view state from the store (anything invalid falls back to the default)."""
    if not data or not isinstance(data, dict):
        return DEFAULT_STATE
    state, _ = state_from_filters(
        data.get("countries"),
        data.get("years"),
        data.get("flow"),
        data.get("basis"),
        data.get("reporter"),
        data.get("unit"),
        data.get("scale"),
        data.get("events"),
        data.get("country"),
        data.get("compare"),
    )
    return state


def state_from_filters(
    countries: Any,
    years: Any,
    flow: Any,
    basis: Any,
    reporter: Any,
    unit: Any,
    scale: Any,
    events: Any,
    country: Any,
    compare: Any,
) -> tuple[ViewState, list[str]]:
    """Validate raw callback values into a view state; bad values become visible notices."""
    notices: list[str] = []
    changes: dict[str, Any] = {}
    if isinstance(countries, list) and all(isinstance(c, str) for c in countries):
        valid = tuple(c for c in CAR_CODES if c in countries)
        if valid:
            changes["countries"] = valid
        else:
            notices.append("countries: choose at least one (all six CARs are shown).")
    else:
        notices.append(f"countries: not a list of country codes: {countries!r}.")
    if (
        isinstance(years, list | tuple)
        and len(years) == 2
        and all(isinstance(y, int | float) and not isinstance(y, bool) for y in years)
    ):
        start, end = sorted(int(y) for y in years)
        if YEAR_BOUNDS[0] <= start and end <= YEAR_BOUNDS[1]:
            changes["years"] = (start, end)
        else:
            notices.append(f"years {years!r}: outside {YEAR_BOUNDS[0]}–{YEAR_BOUNDS[1]}.")
    else:
        notices.append(f"years: not a year range: {years!r}.")
    for key, value, choices in (
        ("flow", flow, FLOW_CHOICES),
        ("basis", basis, BASIS_CHOICES),
        ("reporter", reporter, REPORTER_CHOICES),
        ("unit", unit, UNIT_CHOICES),
        ("scale", scale, SCALE_CHOICES),
    ):
        if value in choices:
            changes[key] = value
        else:
            notices.append(f"{key} {value!r}: use one of {', '.join(choices)}.")
    changes["events"] = bool(events) if isinstance(events, bool) else False
    for key, value in (("country", country), ("compare", compare)):
        if value in CAR_CODES:
            changes[key] = value
        elif value not in (None, ""):
            notices.append(f"{key} {value!r}: not one of {', '.join(CAR_CODES)}.")
    return DEFAULT_STATE.with_(**changes), notices


def notice_alert(notices: list[str]) -> Any:
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
        Input({"type": ids.GROUP_BUTTONS, "group": ALL}, "n_clicks"),
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
            state, notices = state_from_filters(
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
            state_to_store(state),
            notice_alert(notices),
            f"{base}?{query}" if query else base,
        )
