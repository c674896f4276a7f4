"""Country profiles: the panel (or two, side by side) for the store's `country` and `compare`."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output

from callbacks.state import state_from_store
from components import ids
from components.profile import profile_panel, profile_placeholder
from data.loading import Tables
from data.profile import profile
from data.queries import country_colours
from data.state import ViewState, to_query
from figures.registry import profile_chart


def profile_body(tables: Tables, state: ViewState, cache: Any = None) -> Any:
    """The profile section's content for a view state."""
    codes = [c for c in (state.country, state.compare) if c]
    codes = list(dict.fromkeys(codes))
    if not codes:
        return profile_placeholder()
    build = cache or (lambda iso3: _build(tables, iso3))
    compact = len(codes) > 1
    panels = []
    for iso3 in codes:
        view, figure = build(iso3)
        query = to_query(state.with_(country=iso3, compare=None))
        panels.append(
            profile_panel(view, country_colours(tables)[iso3], figure, query, compact=compact)
        )
    if not compact:
        return panels[0]
    return dbc.Row([dbc.Col(p, lg=6) for p in panels], className="g-3")


def _build(tables: Tables, iso3: str) -> tuple[Any, Any]:
    view = profile(tables, iso3)
    return view, profile_chart(tables, view).figure


def register(app: Dash, tables: Tables) -> None:
    """The panel follows the state store; a country's view model is built once per process."""

    @lru_cache(maxsize=16)
    def cached(iso3: str) -> tuple[Any, Any]:
        return _build(tables, iso3)

    @app.callback(Output(ids.PROFILE_BODY, "children"), Input(ids.STATE_STORE, "data"))
    def update_profile(data: dict | None) -> Any:
        return profile_body(tables, state_from_store(data), cached)
