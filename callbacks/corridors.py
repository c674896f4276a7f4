"""Corridor map: full figure on first render, then Patch only the CAR shading."""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output, Patch, State

from callbacks.state import state_from_store
from components import ids
from data.geo import map_view
from data.loading import Tables
from figures.corridor_map import CHOROPLETH_TRACE, map_figure, shading_props


def map_update(tables: Tables, data: dict | None, current: Any) -> tuple[Any, str]:
    """A whole figure when there is none yet, else a Patch of the shading trace only."""
    state = state_from_store(data)
    view = map_view(tables, state)
    if not current or not current.get("data"):
        return map_figure(view, selected=state.country), view.caption
    props = shading_props(view, selected=state.country)
    patch = Patch()
    shade = patch["data"][CHOROPLETH_TRACE]
    for key in ("z", "customdata", "colorscale", "zmin", "zmax", "colorbar", "marker"):
        shade[key] = props[key]
    no_data = patch["data"][CHOROPLETH_TRACE + 1]
    no_data["z"] = [1 if z != z else None for z in props["z"]]
    no_data["customdata"] = props["customdata"]  # its hover names the period shown
    no_data["visible"] = any(z != z for z in props["z"])
    return patch, view.caption


def register(app: Dash, tables: Tables) -> None:
    """The map follows the state store."""

    @app.callback(
        Output(ids.MAP_GRAPH, "figure"),
        Output(ids.MAP_CAPTION, "children"),
        Input(ids.STATE_STORE, "data"),
        State(ids.MAP_GRAPH, "figure"),
    )
    def update_map(data: dict | None, current: Any) -> tuple[Any, str]:
        return map_update(tables, data, current)
