"""Corridor map: full figure on first render, then Patch only the CAR shading."""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output, Patch, State

from callbacks.export import image_config
from callbacks.state import with_view_state
from components import ids
from data.loading import Tables
from data.map import map_view, shading_view
from data.state import ViewState, from_store
from figures.corridor_map import (
    CHOROPLETH_TRACE,
    EMPTY_ANNOTATION,
    empty_annotation,
    map_figure,
    no_figure_props,
    shading_props,
)

PATCHED_KEYS = ("z", "customdata", "colorscale", "zmin", "zmax", "showscale", "colorbar", "marker")


def _drawn(current: Any) -> bool:
    """Whether the browser holds a map figure: the drawn flag, or a figure dict with traces."""
    return bool(current.get("data")) if isinstance(current, dict) else bool(current)


def map_update(tables: Tables, data: ViewState | dict | None, current: Any) -> tuple[Any, str]:
    """A whole figure when there is none yet, else a Patch of the shading only.

    `current` is the map-drawn flag (or, equivalently, the figure the browser holds). The Patch
    path never builds the corridor lines: they do not depend on the filters.
    """
    state = data if isinstance(data, ViewState) else from_store(data)
    if not _drawn(current):
        view = map_view(tables, state)
        return map_figure(view, selected=state.country), view.caption
    shade = shading_view(tables, state)
    props = shading_props(shade, selected=state.country)
    patch = Patch()
    target = patch["data"][CHOROPLETH_TRACE]
    for key in PATCHED_KEYS:
        target[key] = props[key]
    no_data = patch["data"][CHOROPLETH_TRACE + 1]
    for key, value in no_figure_props(props).items():
        no_data[key] = value
    patch["layout"]["annotations"][EMPTY_ANNOTATION] = empty_annotation(shade)
    return patch, shade.caption


def register(app: Dash, tables: Tables) -> None:
    """The map follows the state store."""

    @app.callback(
        Output(ids.MAP_GRAPH, "figure"),
        Output(ids.MAP_CAPTION, "children"),
        Output(ids.MAP_DRAWN, "data"),
        Output(ids.MAP_GRAPH, "config"),  # with the figure: dcc.Graph applies config on re-plot
        Input(ids.view_store("map"), "data"),
        State(ids.MAP_DRAWN, "data"),
        prevent_initial_call=True,  # the sync callback fills the store while the view is open
    )
    @with_view_state
    def update_map(state: ViewState, drawn: bool | None) -> tuple[Any, str, bool, Patch]:
        figure, caption = map_update(tables, state, drawn)
        return figure, caption, True, image_config(state, "map")
