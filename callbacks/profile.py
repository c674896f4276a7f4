"""Country profiles: the panel (or two, side by side) for the store's `country` and `compare`."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import plotly.graph_objects as go
from dash import Dash, Input, Output, html

from callbacks.state import with_view_state
from charts.places import profile_chart
from components import ids, strings
from components.profile import compare_panels, panel_parts, profile_panel, profile_placeholder
from components.types import Component
from data.loading import Tables
from data.lookups import country_colours
from data.profile import Profile, profile
from data.state import ViewState, to_query
from figures.profile import panel_figure, shared_y_max

Built = tuple[Profile, go.Figure, str]  # view model, chart, the chart's source caption


def profile_body(tables: Tables, state: ViewState, cache: Any = None) -> Component:
    """The profile section's content for a view state."""
    codes = [c for c in (state.country, state.compare) if c]
    codes = list(dict.fromkeys(codes))
    if not codes:
        return profile_placeholder()
    build = cache or (lambda iso3: _build(tables, iso3))
    compact = len(codes) > 1
    built: list[Built] = [build(iso3) for iso3 in codes]
    # Side by side, both charts share one y-axis so the two countries compare by eye.
    top = shared_y_max([view for view, _, _ in built]) if compact else None
    names = [view.name for view, _, _ in built]
    panels = []
    parts = []
    for view, figure, caption in built:
        query = to_query(state.with_(country=view.iso3, compare=None, view="countries"))
        axis_note = ""
        figure = panel_figure(figure, y_max=top)
        if top is not None:
            axis_note = strings.PROFILE_SHARED_AXIS.format(top=f"{top:,.0f}")
        args = (view, country_colours(tables)[view.iso3], figure, query)
        if not compact:
            panels.append(profile_panel(*args, caption=caption, axis_note=axis_note))
        else:
            parts.append(panel_parts(*args, caption=caption, axis_note=axis_note))
    if not compact:
        return panels[0]
    return html.Div(
        [
            html.P(
                strings.PROFILE_COMPARING.format(names=strings.AND.join(names)),
                className="small text-muted mb-2",
            ),
            # Section by section: Kazakhstan's agreements beside Uzbekistan's agreements.
            compare_panels(*parts),
        ]
    )


def _build(tables: Tables, iso3: str) -> Built:
    view = profile(tables, iso3)
    chart = profile_chart(tables, view)
    return view, chart.figure, chart.caption


def register(app: Dash, tables: Tables) -> None:
    """The panel follows the state store; a country's view model is built once per process."""

    @lru_cache(maxsize=16)
    def cached(iso3: str) -> Built:
        return _build(tables, iso3)

    @app.callback(
        Output(ids.PROFILE_BODY, "children"),
        Input(ids.view_store("countries"), "data"),
        prevent_initial_call=True,  # the sync callback fills the store while the view is open
    )
    @with_view_state
    def update_profile(state: ViewState) -> Component:
        return profile_body(tables, state, cached)
