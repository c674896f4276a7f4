"""Corridor map: full figure on first render, then Patch only the CAR shading."""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output, Patch, State

from callbacks.state import state_from_store
from components import ids
from data.geo import map_view
from data.loading import Tables
from figures.corridor_map import CHOROPLETH_TRACE, map_figure, shading_props


def _drawn(current: Any) -> bool:
    """Whether the browser holds a map figure: the drawn flag, or a figure dict with traces."""
    return bool(current.get("data")) if isinstance(current, dict) else bool(current)


def map_update(tables: Tables, data: dict | None, current: Any) -> tuple[Any, str]:
    """A whole figure when there is none yet, else a Patch of the shading trace only.

    `current` is the map-drawn flag (or, equivalently, the figure the browser holds).
    """
    state = state_from_store(data)
    view = map_view(tables, state)
    if not _drawn(current):
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
        Output(ids.MAP_DRAWN, "data"),
        Input(ids.STATE_STORE, "data"),
        State(ids.MAP_DRAWN, "data"),
    )
    def update_map(data: dict | None, drawn: bool | None) -> tuple[Any, str, bool]:
        figure, caption = map_update(tables, data, drawn)
        return figure, caption, True
